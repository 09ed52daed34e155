package net.voicegslb.gslb.dns.telemetry;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.wire.FrameType;
import net.voicegslb.gslb.policy.telemetry.wire.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated agent's stream: rate limit, decode, validate, hand to the sink, in that order,
 * and the probe-target lists going the other way. Everything runs on the server's stream event loop.
 * A refused frame is dropped and counted; the stream goes on unless the agent keeps misbehaving
 * ({@value #VIOLATION_LIMIT} violations within {@value #VIOLATION_WINDOW_MILLIS} ms close it with
 * 1008, policy violation). Nothing here touches another agent's connection.
 */
final class AgentConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    static final int VIOLATION_LIMIT = 20;
    static final long VIOLATION_WINDOW_MILLIS = 10_000;
    static final short POLICY_VIOLATION = 1008;
    private static final long LOG_INTERVAL_MILLIS = 1_000;

    private final AgentSocket socket;
    private final AgentIdentity identity;
    private final IngestContext ctx;
    private final Consumer<AgentConnection> onFirstHello;
    private final ViolationWindow violations = new ViolationWindow(VIOLATION_LIMIT, VIOLATION_WINDOW_MILLIS);
    private final LogThrottle warnings = new LogThrottle(LOG_INTERVAL_MILLIS);
    private long lastSequence;
    private long sentSequence;
    private boolean helloSeen;
    private boolean closing;

    /** @param onFirstHello called once, right after the connection's hello reached the sink */
    AgentConnection(AgentSocket socket, AgentIdentity identity, IngestContext ctx,
                    Consumer<AgentConnection> onFirstHello) {
        this.socket = socket;
        this.identity = identity;
        this.ctx = ctx;
        this.onFirstHello = onFirstHello;
    }

    AgentIdentity identity() {
        return identity;
    }

    void onBinary(byte[] frame) {
        if (closing) {
            return;
        }
        if (!ctx.limiter().tryAcquire(identity.nodeId(), FrameTriage.isHeartbeat(frame), System.nanoTime())) {
            reject(RejectReason.RATE_LIMITED, "over the node's frame budget");
            return;
        }
        TelemetryEnvelope env;
        try {
            env = ctx.codec().decode(frame);
        } catch (MalformedFrameException e) {
            reject(FrameTriage.undecodable(frame, e), e.getMessage());
            return;
        }
        long now = ctx.clockMillis().getAsLong();
        String siteId = ctx.inventory().get().node(identity.nodeId()).map(Node::siteId).orElse(null);
        Optional<RejectReason> refused = ctx.validator()
                .validate(env, new StreamState(identity.nodeId(), siteId, lastSequence, helloSeen), now);
        if (refused.isPresent()) {
            reject(refused.get(), describe(env));
            return;
        }
        lastSequence = env.sequence();
        boolean first = !helloSeen;
        if (deliver(env.payload(), now)) {
            ctx.metrics().accepted(FrameType.of(env.payload()));
            if (first && helloSeen) {
                onFirstHello.accept(this);
            }
        }
    }

    void onText() {
        if (!closing) {
            reject(RejectReason.UNEXPECTED_TYPE, "text frame");
        }
    }

    /**
     * A broken WebSocket frame or a message above {@code max_frame_bytes}: Netty has already closed
     * the connection; this counts it.
     */
    void onException(Throwable e) {
        if (e instanceof io.netty.handler.codec.TooLongFrameException) {
            reject(RejectReason.FRAME_TOO_LARGE, e.getMessage()); // a fragmented message above the limit
        } else if (e instanceof CorruptedWebSocketFrameException c) {
            reject(c.closeStatus() != null && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? RejectReason.FRAME_TOO_LARGE : RejectReason.MALFORMED, e.getMessage());
        } else {
            LOG.debug("telemetry node {}: {}", identity.nodeId(), e.toString());
        }
    }

    /** Sends the list if the hello is in and the socket can take it; a skipped list is repaired by the next. */
    void send(ProbeTargetList list) {
        if (closing || !helloSeen || !socket.isOpen() || !socket.writable()) {
            return;
        }
        byte[] frame = ctx.codec().encode(TelemetryEnvelope.of(ctx.serverId(), ++sentSequence,
                ctx.clockMillis().getAsLong(), list));
        socket.sendBinary(frame);
        ctx.metrics().targetListSent();
    }

    void close(short code, String reason) {
        closing = true;
        socket.close(code, reason);
    }

    /** True when the sink took the message; a first hello also opens the stream. */
    private boolean deliver(TelemetryMessage payload, long now) {
        try {
            if (payload instanceof NodeHello h) {
                ctx.sink().onHello(h, now);
                helloSeen = true;
            } else if (payload instanceof NodeHeartbeat hb) {
                ctx.sink().onHeartbeat(hb, now);
            } else {
                ctx.sink().onMeasurements((MeasurementBatch) payload, now);
            }
            return true;
        } catch (IllegalArgumentException e) {
            reject(RejectReason.REJECTED_BY_POLICY, e.getMessage());
        } catch (RuntimeException e) {
            ctx.metrics().rejected(RejectReason.INTERNAL_ERROR);
            LOG.error("telemetry node {}: sink failed on {}", identity.nodeId(), FrameType.of(payload), e);
        }
        return false;
    }

    private void reject(RejectReason reason, String detail) {
        ctx.metrics().rejected(reason);
        long nowMonotonic = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        long dropped = warnings.allow(nowMonotonic);
        if (dropped >= 0) {
            LOG.warn("telemetry node {} from {}: frame rejected, {}: {}{}", identity.nodeId(), socket.remoteAddress(),
                    reason.label(), detail, dropped > 0 ? " (" + dropped + " more not logged)" : "");
        }
        if (reason.violation() && violations.record(nowMonotonic)) {
            LOG.warn("telemetry node {} from {}: more than {} invalid frames in {} ms, closing the connection",
                    identity.nodeId(), socket.remoteAddress(), VIOLATION_LIMIT, VIOLATION_WINDOW_MILLIS);
            close(POLICY_VIOLATION, "too many invalid frames");
        }
    }

    private static String describe(TelemetryEnvelope env) {
        return FrameType.of(env.payload()).name().toLowerCase(java.util.Locale.ROOT) + " from sender '"
                + env.senderId().replaceAll("\\p{Cntrl}", "?") + "' sequence " + env.sequence();
    }

}
