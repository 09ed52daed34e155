package net.voicegslb.gslb.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.agent.lab.SippUas;
import net.voicegslb.gslb.agent.probe.SipOptionsProber;
import net.voicegslb.gslb.agent.probe.SipOptionsResult;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.testing.TestPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP OPTIONS probes and the standalone third-party PBX check, over real UDP on 127.0.0.1, against
 * SIPp as the PBX (200, then 503, then 404, each a SIPp on the same port). The silent PBX stays a
 * bound socket that never answers: a PBX that swallows requests is what it stands for.
 */
class SipOptionsHealthIT {

    @TempDir
    Path dir;
    EventLoops loops;
    SipOptionsProber prober;
    SippUas pbx;

    @BeforeEach
    void start() {
        loops = EventLoops.create("agent-io", 1, true);
        prober = new SipOptionsProber(loops, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                AgentClock.system(), 300);
        pbx = SippUas.answering(dir, 200);
    }

    @AfterEach
    void stop() {
        pbx.close();
        prober.close();
        loops.close();
    }

    @Test
    void optionsProbeReportsRttAndResponseClass() throws Exception {
        // Warm-up straight to the UAS: the first probe pays for class loading and thread start.
        assertThat(prober.probe(pbx.address()).get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        try (ImpairmentRelay relay = new ImpairmentRelay(pbx.address(), new Impairment(20, 0, 0),
                new Impairment(20, 0, 0), 1, 100)) {
            SipOptionsResult r = prober.probe(relay.address()).get(5, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.responseClass()).isEqualTo(2);
            assertThat(r.rttMillis()).isBetween(40.0, 200.0); // never below the configured 40 ms
        }
        pbx.restart(503);
        SipOptionsResult overloaded = prober.probe(pbx.address()).get(5, TimeUnit.SECONDS);
        assertThat(overloaded.status()).isEqualTo(503);
        assertThat(overloaded.responseClass()).isEqualTo(5);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket silentPbx = new DatagramSocket(new InetSocketAddress(loopback, TestPorts.udp(loopback)))) {
            SipOptionsResult silent = prober.probe((InetSocketAddress) silentPbx.getLocalSocketAddress())
                    .get(5, TimeUnit.SECONDS);
            assertThat(silent.answered()).isFalse();
            assertThat(silent.rttMillis()).isNaN();
        }
        assertThat(prober.inFlight()).isZero();
    }

    @Test
    void standaloneCheckFlagsThePbxDownAfterFallFailuresAndUpAfterRise() {
        ThirdPartyPbxLoad load = new ThirdPartyPbxLoad(prober, pbx.address(), 2, 3);
        HeartbeatFactory heartbeats = new HeartbeatFactory("ast-1", load, () -> 0.1, 100, 0.9, 10);
        assertThat(heartbeats.next().flags()).contains(HealthFlag.REGISTRAR_UNAVAILABLE); // no check yet

        checkUntil(load, () -> load.registrarHealthy());
        NodeHeartbeat healthy = heartbeats.next();
        assertThat(healthy.flags()).isEmpty();
        assertThat(healthy.freeRtpPorts()).isZero(); // unknown for a third-party PBX

        pbx.restart(503); // no check runs meanwhile: each one is the test's load.check()
        int checks = checkUntil(load, () -> !load.registrarHealthy());
        assertThat(checks).as("fall = 3 checks, each answered 503 by SIPp").isGreaterThanOrEqualTo(3);
        assertThat(heartbeats.next().flags()).contains(HealthFlag.REGISTRAR_UNAVAILABLE, HealthFlag.RTP_ENGINE_DOWN);
        assertThat(load.problem()).contains("503");

        pbx.restart(404); // a PBX that does not know us but answers is alive
        checkUntil(load, () -> load.registrarHealthy());
        assertThat(load.lastOutcome().statusCode()).isEqualTo(404);
    }

    /**
     * Runs checks until {@code done}, then waits for the checks still in flight, so none of them
     * meets the next SIPp; returns how many it started.
     */
    private int checkUntil(ThirdPartyPbxLoad load, java.util.function.BooleanSupplier done) {
        AtomicInteger checks = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!done.getAsBoolean()) {
                load.check();
                checks.incrementAndGet();
            }
            return done.getAsBoolean();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> prober.inFlight() == 0);
        return checks.get();
    }
}
