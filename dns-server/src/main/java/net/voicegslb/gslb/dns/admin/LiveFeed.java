package net.voicegslb.gslb.dns.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.dns.dashboard.DashboardSession;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import net.voicegslb.gslb.dns.events.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream}: server-sent events for open dashboards. One timer for all of them
 * reads the status and the newest events once per {@link #PERIOD_MILLIS} on a worker thread (never
 * a DNS event loop) and sends each page what changed; so ten open pages cost one read per second,
 * not ten. At most {@link #MAX_SUBSCRIBERS} streams; a stream whose client reads too slowly skips
 * updates instead of making us queue them; a stream whose session ended is told so and closed.
 * The browser's EventSource reconnects by itself ({@code retry}).
 */
final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final long PERIOD_MILLIS = 1_000;
    static final int MAX_SUBSCRIBERS = 64;
    static final int EVENTS = 50;
    private static final long KEEPALIVE_MILLIS = 15_000;
    private static final long RETRY_MILLIS = 3_000;

    private final Vertx vertx;
    private final AdminApi api;
    private final SessionStore sessions;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long timer = -1;
    private boolean reading;

    private static final class Subscriber {
        final HttpServerResponse response;
        final DashboardSession session;
        String lastStatus;
        String lastEvents;
        long lastWriteMillis;

        Subscriber(HttpServerResponse response, DashboardSession session) {
            this.response = response;
            this.session = session;
        }
    }

    LiveFeed(Vertx vertx, AdminApi api, SessionStore sessions) {
        this.vertx = vertx;
        this.api = api;
        this.sessions = sessions;
    }

    /** Runs on the admin event loop, behind {@link ApiAuth}. */
    void subscribe(RoutingContext ctx) {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            ApiResponses.error(ctx, 503, "too many live streams open (" + MAX_SUBSCRIBERS + "); close a dashboard");
            return;
        }
        HttpServerResponse r = ctx.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        Subscriber s = new Subscriber(r, ApiAuth.caller(ctx).session());
        r.write("retry: " + RETRY_MILLIS + "\n\n");
        s.lastWriteMillis = System.currentTimeMillis();
        subscribers.add(s);
        r.closeHandler(v -> subscribers.remove(s));
        ctx.request().connection().closeHandler(v -> subscribers.remove(s));
        if (timer < 0) {
            timer = vertx.setPeriodic(0, PERIOD_MILLIS, id -> tick());
        }
    }

    int subscribers() {
        return subscribers.size();
    }

    private void tick() {
        if (subscribers.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
            return;
        }
        if (reading) {
            return; // the last read is still running: skip rather than pile up
        }
        reading = true;
        vertx.executeBlocking(this::read, false).onComplete(ar -> {
            reading = false;
            if (ar.failed()) {
                LOG.warn("live feed: reading the status failed", ar.cause());
                return;
            }
            send(ar.result());
        });
    }

    private record Snapshot(String status, String events) {}

    private Snapshot read() {
        Map<String, Object> status = api.status().get();
        EventLog log = api.events();
        String statusJson = status == null ? null : new JsonObject(status).encode();
        String eventsJson = log == null ? null
                : new JsonArray(new ArrayList<>(log.recent(EVENTS, null).stream().map(ApiRoutes::eventJson).toList()))
                        .encode();
        return new Snapshot(statusJson, eventsJson);
    }

    private void send(Snapshot snap) {
        long now = System.currentTimeMillis();
        for (Subscriber s : subscribers) {
            if (s.session != null && sessions.get(s.session.id()) == null) {
                s.response.write("event: logout\ndata: {}\n\n");
                s.response.end();
                subscribers.remove(s);
                continue;
            }
            if (s.response.writeQueueFull()) {
                continue; // a slow reader gets the next update instead of a queue of old ones
            }
            if (snap.status() != null && !snap.status().equals(s.lastStatus)) {
                s.response.write("event: status\ndata: " + snap.status() + "\n\n");
                s.lastStatus = snap.status();
                s.lastWriteMillis = now;
            }
            if (snap.events() != null && !snap.events().equals(s.lastEvents)) {
                s.response.write("event: events\ndata: " + snap.events() + "\n\n");
                s.lastEvents = snap.events();
                s.lastWriteMillis = now;
            }
            if (now - s.lastWriteMillis >= KEEPALIVE_MILLIS) {
                s.response.write(": keepalive\n\n");
                s.lastWriteMillis = now;
            }
        }
    }
}
