package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics after real queries: counters by transport, qtype and rcode, the latency histogram, zone serials. */
class MetricsIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    private static final String QUERIES = "dns_queries_total";

    @Test
    void queryCountersFollowTransportTypeAndRcode() {
        Metrics before = SERVER.metrics();

        for (int i = 0; i < 5; i++) {
            SERVER.dig().query("sip.voip.example.test", "A");
        }
        for (int i = 0; i < 3; i++) {
            SERVER.dig().query("+tcp", "sip.voip.example.test", "A");
        }
        SERVER.dig().query("nope.voip.example.test", "A");
        SERVER.dig().query("nope.voip.example.test", "A");
        SERVER.kdig().query("_sip._udp.voip.example.test", "SRV");
        SERVER.dig().query("example.com", "AAAA");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = SERVER.metrics();
            assertThat(delta(before, after, QUERIES, "transport", "udp", "qtype", "A", "rcode", "NOERROR"))
                    .as(after.toString()).isEqualTo(5);
            assertThat(delta(before, after, QUERIES, "transport", "tcp", "qtype", "A", "rcode", "NOERROR")).isEqualTo(3);
            assertThat(delta(before, after, QUERIES, "transport", "udp", "qtype", "A", "rcode", "NXDOMAIN"))
                    .isEqualTo(2);
            assertThat(delta(before, after, QUERIES, "transport", "udp", "qtype", "SRV", "rcode", "NOERROR"))
                    .isEqualTo(1);
            assertThat(delta(before, after, QUERIES, "transport", "udp", "qtype", "AAAA", "rcode", "REFUSED"))
                    .isEqualTo(1);
        });
    }

    /** Sampled: the first query of each event loop or TCP connection, then one in 16. */
    @Test
    void latencyHistogramSamplesAnswers() {
        Metrics before = SERVER.metrics();
        for (int i = 0; i < 48; i++) {
            SERVER.udp().exchange(QueryBytes.of(0x4000 + i, "sip.voip.example.test", 28));
        }
        SERVER.dig().query("+tcp", "sip.voip.example.test", "AAAA");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = SERVER.metrics();
            // 48 UDP queries over the server's sockets: 3 samples per 48 on one socket, at most a
            // first-query sample more per socket on top
            assertThat(delta(before, after, "dns_answer_seconds_count", "transport", "udp")).isBetween(2.0, 6.0);
            assertThat(delta(before, after, "dns_answer_seconds_count", "transport", "tcp")).isEqualTo(1);
            assertThat(after.sum("dns_answer_seconds_bucket", "transport", "udp", "le", "+Inf"))
                    .isEqualTo(after.sum("dns_answer_seconds_count", "transport", "udp"));
            assertThat(after.matching("dns_answer_seconds_bucket", "transport", "udp")).hasSizeGreaterThan(3);
            assertThat(after.sum("dns_answer_seconds_sum", "transport", "udp")).isPositive();
        });
    }

    @Test
    void zoneSerialsConnectionsAndReloadsAreExported() {
        Metrics m = SERVER.metrics();

        assertThat(m.sum("dns_zone_serial", "zone", "voip.example.test.")).isEqualTo(2026112201d);
        assertThat(m.sum("dns_zone_serial", "zone", "2.0.192.in-addr.arpa.")).isEqualTo(2026112201d);
        assertThat(m.has("dns_tcp_connections")).as(m.toString()).isTrue();
        assertThat(m.has("dns_tcp_rejected_total")).as(m.toString()).isTrue();
        assertThat(m.has("dns_reloads_total", "result", "ok")).as(m.toString()).isTrue();
        assertThat(m.has("dns_reloads_total", "result", "failed")).as(m.toString()).isTrue();
        assertThat(m.has("dns_responses_truncated_total", "transport", "udp")).as(m.toString()).isTrue();
    }

    @Test
    void healthzAnswers() {
        HttpResponse<String> r = SERVER.admin().get("/healthz");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
