package net.voicegslb.gslb.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.probe.SipOptionsProber;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.common.sip.OptionsTarget;
import net.voicegslb.gslb.common.testing.SipResponder;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone PBX check over TCP and TLS through the shared OPTIONS client, against a SIP
 * responder on 127.0.0.1, and the 503 Retry-After drain over the wire.
 */
class SipOptionsTransportsIT {
    private static final String HOST = "ast-1.nodes.voip.example.test";
    @TempDir
    static Path dir;
    private static Path caPem;
    private static Path good;

    EventLoops loops;
    SipOptionsProber prober;
    SipResponder pbx;

    @BeforeAll
    static void certificates() {
        TestCertificates certs = new TestCertificates(dir);
        caPem = certs.ca("ca");
        good = certs.server("good", HOST, "ca");
    }

    @BeforeEach
    void start() throws Exception {
        loops = EventLoops.create("agent-io", 1, true);
        // A first TLS handshake on a busy build machine takes seconds; answered checks do not wait.
        prober = new SipOptionsProber(loops, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                AgentClock.system(), 10_000, new SecureRandom(),
                SslContextBuilder.forClient().trustManager(caPem.toFile()).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (pbx != null) {
            pbx.close();
        }
        prober.close();
        loops.close();
    }

    @Test
    void overTcpA503WithRetryAfterDrainsThePbxAtOnceUntilItEnds() throws Exception {
        pbx = SipResponder.tcp(SipResponder.status("200 OK"));
        ThirdPartyPbxLoad load = new ThirdPartyPbxLoad(prober,
                new OptionsTarget(SipTransport.TCP, pbx.address(), null), 2, 3, Duration.ofMinutes(10),
                System::currentTimeMillis);
        checkUntil(load, load::registrarHealthy);

        pbx.reply(SipResponder.status("503 Service Unavailable", "Retry-After: 2"));
        load.check();
        await().atMost(Duration.ofSeconds(10)).until(() -> !load.registrarHealthy());
        assertThat(load.problem()).as("one check, not fall = 3").contains("Retry-After 2 s: draining until");
        assertThat(load.lastOutcome().retryAfterSeconds()).isEqualTo(2);

        pbx.reply(SipResponder.status("200 OK"));
        long drained = System.nanoTime();
        checkUntil(load, load::registrarHealthy);
        assertThat(System.nanoTime() - drained).as("up only once Retry-After has passed")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500).toNanos());
    }

    @Test
    void overTlsTheCertificateMustCarryTheConfiguredName() throws Exception {
        pbx = SipResponder.tls(SipResponder.status("200 OK"), TestCertificates.serverContext(good));
        ThirdPartyPbxLoad load = new ThirdPartyPbxLoad(prober,
                new OptionsTarget(SipTransport.TLS, pbx.address(), HOST), 1, 1, Duration.ofMinutes(10),
                System::currentTimeMillis);
        checkUntil(load, load::registrarHealthy);
        assertThat(load.lastOutcome().hasCertificate()).isTrue();

        ThirdPartyPbxLoad wrongName = new ThirdPartyPbxLoad(prober,
                new OptionsTarget(SipTransport.TLS, pbx.address(), "ast-2.nodes.voip.example.test"), 1, 1,
                Duration.ofMinutes(10), System::currentTimeMillis);
        checkUntil(wrongName, () -> wrongName.lastOutcome() != null);
        assertThat(wrongName.registrarHealthy()).isFalse();
        assertThat(wrongName.problem()).startsWith("OPTIONS unanswered: TLS handshake failed");
    }

    /** Checks at most every 100 ms until {@code done}, for at most 20 s. */
    private static void checkUntil(ThirdPartyPbxLoad load, java.util.function.BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!done.getAsBoolean()) {
                load.check();
            }
            return done.getAsBoolean();
        });
    }
}
