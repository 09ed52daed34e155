package net.voicegslb.gslb.dns.sipcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.dns.config.SipCheckConfig;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS check against an in-test TLS responder on loopback, certificates made by keytool. */
class TlsTargetCheckTest {
    private static final String HOST = "fra-1.nodes.voip.example.test";
    @TempDir
    static Path dir;
    private static Path caPem;
    private static Path otherCaPem;
    private static Path good;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void certificates() {
        TestCertificates certs = new TestCertificates(dir);
        caPem = certs.ca("ca");
        otherCaPem = certs.ca("other-ca");
        good = certs.server("good", HOST, "ca");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private SipCheckConfig config(Path trust, Duration warning) {
        // Only the first round is read, and it reports as soon as the peer answers or fails, so a long
        // timeout costs nothing; it absorbs the first TLS handshake of a JVM (provider loading, JIT)
        // on a busy build machine, which took over 2.5 s here.
        return new SipCheckConfig(true, Duration.ofSeconds(20), Duration.ofSeconds(15), 2, 2, Duration.ofMinutes(10),
                "gslb-check", trust, warning);
    }

    private RecordingListener.Call firstCheck(SipCheckConfig config, String hostname) throws Exception {
        SipResponder node = SipResponder.tls(SipResponder.status("200 OK"), TestCertificates.serverContext(good));
        closeables.add(node);
        SipHealthChecker c = new SipHealthChecker(config,
                List.of(new SipCheckTarget("fra-1", SipTransport.TLS, node.address(), hostname)), listener,
                System::currentTimeMillis, meters);
        closeables.add(c);
        c.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.of("fra-1").isEmpty());
        return listener.of("fra-1").get(0);
    }

    @Test
    void aTrustedCertificateForTheHostNamePassesAndItsExpiryIsReported() throws Exception {
        RecordingListener.Call c = firstCheck(config(caPem, Duration.ofDays(14)), HOST);
        assertThat(c.ok()).as(c.detail()).isTrue();
        assertThat(c.detail()).matches("tls 127\\.0\\.0\\.1:\\d+: SIP 200 OK in \\d+ ms; TLS certificate expires "
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, in (47|48) h.*");
        assertThat(meters.get("gslb_sip_check_tls_cert_not_after_seconds").tag("node", "fra-1").gauge().value())
                .isGreaterThan(System.currentTimeMillis() / 1000.0);
    }

    @Test
    void noWarningOutsideTheWindow() throws Exception {
        RecordingListener.Call c = firstCheck(config(caPem, Duration.ofDays(1)), HOST);
        assertThat(c.ok()).isTrue();
        assertThat(c.detail()).doesNotContain("expires");
    }

    @Test
    void aCertificateForAnotherNameFails() throws Exception {
        RecordingListener.Call c = firstCheck(config(caPem, Duration.ofDays(14)), "fra-2.nodes.voip.example.test");
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).contains("TLS handshake failed");
    }

    @Test
    void aCertificateFromAnUntrustedCaFails() throws Exception {
        RecordingListener.Call c = firstCheck(config(otherCaPem, Duration.ofDays(14)), HOST);
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).contains("TLS handshake failed");
    }
}
