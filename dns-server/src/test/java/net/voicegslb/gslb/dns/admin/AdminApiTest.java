package net.voicegslb.gslb.dns.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.EventStore;
import net.voicegslb.gslb.dns.gslb.ExplainService;
import net.voicegslb.gslb.policy.health.HealthState;
import net.voicegslb.gslb.policy.health.HealthTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin listener's /api/v1 routes on a real socket, with a fake explain service and H2 events. */
class AdminApiTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final String STATIC_NAME = "www.voip.example.test";

    /** Answers for every name but {@link #STATIC_NAME}, echoing what it was asked. */
    private static final class FakeExplain implements ExplainService {
        final List<List<Object>> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Result explain(InetAddress client, int prefixLength, String name, int qtype) {
            calls.add(List.of(client.getHostAddress(), prefixLength, name, qtype));
            if (name.equals(STATIC_NAME)) {
                throw new IllegalArgumentException(name + " is not a dynamic GSLB name");
            }
            return new Result(Map.of("name", name, "answer", List.of("127.0.1.1", "127.0.1.2"),
                    "sites", List.of(Map.of("site", "fra", "score", 0.93, "health", "UP"))),
                    "name " + name + "\nanswer 127.0.1.1 127.0.1.2\n");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeExplain explain = new FakeExplain();
    private EventLog events;
    private AdminServer server;
    private AdminServer bare;

    @BeforeEach
    void start() throws Exception {
        events = new EventLog(EventStore.open("jdbc:h2:mem:" + UUID.randomUUID()), Duration.ofDays(30),
                new SimpleMeterRegistry());
        events.configEvent("started", "3 sites");
        events.record(new HealthTransition("fra-1", "fra", HealthState.UP, HealthState.DOWN, "3 heartbeats missed", 1));
        events.record(new HealthTransition("nyc-1", "nyc", HealthState.DOWN, HealthState.UP, "rise 3 reached", 2));
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.recent(10, null).size() == 3);
        Map<String, Object> status = Map.of("sites", Map.of("fra", Map.of("health", "DOWN")));
        AdminApi api = AdminApi.none().withExplain(explain).withEvents(events).withStatus(() -> status);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = AdminServer.start(loopback, TOKEN.getBytes(StandardCharsets.UTF_8), registry(),
                () -> new ReloadResult(true, "reloaded"), () -> "ok\n", api);
        bare = AdminServer.start(loopback, TOKEN.getBytes(StandardCharsets.UTF_8), registry(),
                () -> new ReloadResult(true, "reloaded"), () -> "ok\n");
    }

    @AfterEach
    void stop() {
        server.close();
        bare.close();
        events.close();
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private HttpResponse<String> get(AdminServer s, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authed(String pathAndQuery, String... more) throws Exception {
        return authed(server, pathAndQuery, more);
    }

    private HttpResponse<String> authed(AdminServer s, String pathAndQuery, String... more) throws Exception {
        String[] headers = new String[more.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + TOKEN;
        System.arraycopy(more, 0, headers, 2, more.length);
        return get(s, pathAndQuery, headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/explain?client=192.0.2.1&name=sip.voip.example.test", "/api/v1/events",
        "/api/v1/status", "/api/v1/nothing-here"})
    void everyApiRouteWantsTheTokenEvenFromLoopback(String path) throws Exception {
        assertThat(get(server, path).statusCode()).isEqualTo(401);
        assertThat(get(server, path, "Authorization", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(get(server, path, "Authorization", TOKEN).statusCode()).as("no Bearer scheme").isEqualTo(401);
        assertThat(get(server, path).headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(explain.calls).isEmpty();
    }

    @Test
    void explainAnswersTheServicesTreeAsJson() throws Exception {
        HttpResponse<String> r = authed("/api/v1/explain?client=192.0.2.1&name=sip.voip.example.test");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getJsonArray("answer").getList()).containsExactly("127.0.1.1", "127.0.1.2");
        assertThat(body.getJsonArray("sites").getJsonObject(0).getDouble("score")).isEqualTo(0.93);
        assertThat(explain.calls).containsExactly(List.of("192.0.2.1", -1, "sip.voip.example.test", 1));
    }

    @Test
    void anEcsPrefixAndATypeReachTheService() throws Exception {
        assertThat(authed("/api/v1/explain?client=198.51.100.77/24&name=_sip._udp.voip.example.test&type=srv")
                .statusCode()).isEqualTo(200);
        assertThat(authed("/api/v1/explain?client=2001:db8::1/56&name=sip.voip.example.test&type=AAAA")
                .statusCode()).isEqualTo(200);

        assertThat(explain.calls).containsExactly(List.of("198.51.100.0", 24, "_sip._udp.voip.example.test", 33),
                List.of("2001:db8:0:0:0:0:0:0", 56, "sip.voip.example.test", 28));
    }

    @Test
    void textForATerminalByAcceptHeaderOrFormat() throws Exception {
        String q = "/api/v1/explain?client=192.0.2.1&name=sip.voip.example.test";
        for (HttpResponse<String> r : List.of(authed(q, "Accept", "text/plain"), authed(q + "&format=text"))) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.body()).isEqualTo("name sip.voip.example.test\nanswer 127.0.1.1 127.0.1.2\n");
        }
        assertThat(authed(q + "&format=json", "Accept", "text/plain").body()).startsWith("{");
    }

    @Test
    void badParametersAre400WithTheReasonAndNeverReachTheService() throws Exception {
        assertThat(error(authed("/api/v1/explain?name=sip.voip.example.test"), 400)).contains("client is required");
        assertThat(error(authed("/api/v1/explain?client=resolver.example&name=sip.voip.example.test"), 400))
                .contains("not an IP address");
        assertThat(error(authed("/api/v1/explain?client=10.0.0.1/40&name=sip.voip.example.test"), 400))
                .contains("out of range");
        assertThat(error(authed("/api/v1/explain?client=10.0.0.1&name=sip.voip.example.test&type=MX"), 400))
                .contains("A, AAAA, SRV or NAPTR");
        assertThat(error(authed("/api/v1/explain?client=10.0.0.1&name=sip.voip.example.test&format=xml"), 400))
                .contains("neither json nor text");
        HttpResponse<String> text = authed("/api/v1/explain?client=x&name=n&format=text");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).startsWith("client: 'x' is not an IP address");
        assertThat(explain.calls).isEmpty();
    }

    @Test
    void aNameThatIsNotDynamicIs404WithTheServicesMessage() throws Exception {
        assertThat(error(authed("/api/v1/explain?client=10.0.0.1&name=" + STATIC_NAME), 404))
                .isEqualTo(STATIC_NAME + " is not a dynamic GSLB name");
    }

    @Test
    void withoutGslbTheApiIs503AndTheOldRoutesStillWork() throws Exception {
        assertThat(error(authed(bare, "/api/v1/explain?client=10.0.0.1&name=sip.voip.example.test"), 503))
                .contains("no GSLB is configured");
        assertThat(error(authed(bare, "/api/v1/events"), 503)).contains("event history is not kept");
        assertThat(error(authed(bare, "/api/v1/status"), 503)).contains("no GSLB status");

        assertThat(get(bare, "/healthz").body()).isEqualTo("ok\n");
        assertThat(get(bare, "/metrics").statusCode()).isEqualTo(200);
        HttpRequest reload = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.port() + "/admin/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(reload, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest authedReload = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.port()
                + "/admin/reload")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> ok = http.send(authedReload, HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("reloaded\n");
    }

    @Test
    void eventsAreAJsonListNewestFirstWithLimitAndNodeOrSiteFilter() throws Exception {
        HttpResponse<String> r = authed("/api/v1/events");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonArray all = new JsonArray(r.body());
        assertThat(all.size()).isEqualTo(3);
        assertThat(all.getJsonObject(2).getMap()).containsEntry("type", "config").containsEntry("kind", "started")
                .containsEntry("detail", "3 sites").containsKey("at");
        JsonObject fra = all.stream().map(JsonObject.class::cast).filter(o -> "fra-1".equals(o.getString("node")))
                .findFirst().orElseThrow();
        assertThat(fra.getMap()).containsEntry("type", "health").containsEntry("site", "fra")
                .containsEntry("from", "UP").containsEntry("to", "DOWN").containsEntry("reason", "3 heartbeats missed");
        assertThat(Instant.parse(fra.getString("at"))).isBeforeOrEqualTo(Instant.now());

        assertThat(new JsonArray(authed("/api/v1/events?limit=1").body()).size()).isEqualTo(1);
        JsonArray nyc = new JsonArray(authed("/api/v1/events?node=nyc").body());
        assertThat(nyc.size()).isEqualTo(1);
        assertThat(nyc.getJsonObject(0).getString("node")).isEqualTo("nyc-1");
        assertThat(new JsonArray(authed("/api/v1/events?node=fra-1").body()).size()).isEqualTo(1);

        assertThat(error(authed("/api/v1/events?limit=0"), 400)).contains("limit");
        assertThat(error(authed("/api/v1/events?limit=lots"), 400)).contains("limit");
        assertThat(error(authed("/api/v1/events?limit=1001"), 400)).contains("limit");
    }

    @Test
    void statusIsTheSuppliersTree() throws Exception {
        HttpResponse<String> r = authed("/api/v1/status");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonObject("sites").getJsonObject("fra").getString("health"))
                .isEqualTo("DOWN");
    }

    private static String error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return new JsonObject(r.body()).getString("error");
    }
}
