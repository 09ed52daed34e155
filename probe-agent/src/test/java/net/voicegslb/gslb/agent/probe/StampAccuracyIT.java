package net.voicegslb.gslb.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.common.lab.Impairment;
import net.voicegslb.gslb.common.lab.ImpairmentRelay;
import net.voicegslb.gslb.common.transport.EventLoops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our STAMP sender against our reflector through the impairment relay, real UDP on 127.0.0.1.
 * 2,000 packets at one per 2 ms (4 s) per case. Tolerances, from the issue: mean RTT within
 * ±(2 ms + 5 %) of the configured round-trip delay, loss within ±2 points of
 * 1 − (1 − forward)(1 − reverse). The relay's loss is seeded, so the loss figure is the same on
 * every run (only a socket-buffer overflow could change it, and that is asserted absent); delays of
 * 10–25 ms per direction keep scheduler noise (≤ 1 ms typically, a few ms on a loaded 2-core box)
 * well inside the band. Jitter (RFC 3550 estimator on RTTs) is checked loosely against the value
 * the configured uniform jitter implies, and against a zero-jitter case.
 */
class StampAccuracyIT {

    private static final int PACKETS = 2000;
    private static final int WARMUP = 200;
    private EventLoops loops;
    private StampReflector reflector;
    private StampSender sender;
    private ImpairmentRelay relay;

    @BeforeEach
    void start() {
        loops = EventLoops.create("agent-io", 2, true);
        AgentClock clock = AgentClock.system();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        // One sender at 500 packets/s: a lab measurement, above the production default per source.
        reflector = new StampReflector(loops, any, new ReflectorLimits(2_000, 20_000, 16), clock,
                new SimpleMeterRegistry());
        sender = new StampSender(loops, any, clock, 500, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        sender.close();
        reflector.close();
        loops.close();
    }

    @ParameterizedTest(name = "one-way {0} ms ± {1} ms, loss {2} each way, seed {3}")
    @CsvSource({
        "15, 3, 0.02, 1",
        "25, 0, 0.05, 2",
        "10, 5, 0.00, 3",
    })
    void measuresConfiguredDelayJitterAndLoss(double delay, double jitter, double loss, long seed) {
        Impairment each = new Impairment(delay, jitter, loss);
        // A run is only a measurement of the configured path if the relay delivered it: when the
        // shared machine stalls the relay (more than 1 % of packets sent > 3 ms late) the run is
        // void and repeated, at most three times; each attempt is printed.
        Totals totals = null;
        Totals warmup = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (relay != null) {
                relay.close();
            }
            relay = new ImpairmentRelay(reflector.localAddress(), each, each, seed, 10_000);
            InetSocketAddress target = relay.address();
            sender.forget(target);
            // Warm-up: the first packets through fresh code paths can stall for 100+ ms; they are
            // measured and discarded so that the figure describes the path, not class loading.
            warmup = run(target, WARMUP);
            assertThat(warmup.settled).isEqualTo(WARMUP);
            long lateBefore = relay.late();
            totals = run(target, PACKETS);
            long lateInRun = relay.late() - lateBefore;
            System.out.printf("attempt %d: relay late for %d of ~%d packets%n", attempt, lateInRun, 2 * PACKETS);
            if (lateInRun <= PACKETS / 50) {
                break;
            }
        }

        double expectedRtt = 2 * delay;
        double expectedLoss = 1 - (1 - loss) * (1 - loss);
        double rtt = totals.rttSum / totals.samples;
        System.out.printf("STAMP accuracy: configured RTT %.1f ms, jitter ±%.1f ms/dir, loss %.2f %%"
                        + " -> measured RTT %.3f ms (min %.3f, max %.3f), jitter %.3f ms, loss %.2f %% (%d/%d), late %d%n",
                expectedRtt, jitter, expectedLoss * 100, rtt, totals.min, totals.max, totals.meanJitter(),
                100.0 * totals.lost / totals.settled, totals.lost, totals.settled, totals.late);

        assertThat(totals.settled).isEqualTo(PACKETS);
        assertThat(relay.overflow()).isZero();
        assertThat(rtt).isCloseTo(expectedRtt, org.assertj.core.data.Offset.offset(2 + 0.05 * expectedRtt));
        assertThat((double) totals.lost / totals.settled)
                .isCloseTo(expectedLoss, org.assertj.core.data.Offset.offset(0.02));
        assertThat(warmup.lost + totals.lost).as("loss matches what the relay dropped").isEqualTo(relay.dropped());
        // RTT = d + u1 + d + u2 with u uniform(−j, j); consecutive differences are a sum of four such
        // uniforms, whose mean absolute value is ≈ 0.8·sqrt(4j²/3) (normal approximation).
        double expectedJitter = 0.8 * Math.sqrt(4 * jitter * jitter / 3);
        if (jitter == 0) {
            assertThat(totals.meanJitter()).isLessThan(1.0);
        } else {
            assertThat(totals.meanJitter()).isBetween(expectedJitter * 0.5, expectedJitter * 1.6);
        }
    }

    private Totals run(InetSocketAddress target, int count) {
        AtomicInteger sent = new AtomicInteger();
        ScheduledFuture<?> pacing = loops.group().next().scheduleAtFixedRate(() -> {
            if (sent.get() < count) {
                sent.incrementAndGet();
                sender.send(target);
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        Totals totals = new Totals();
        try {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
                PathWindow w = sender.takeWindow(target);
                if (w != null) {
                    totals.add(w);
                }
                return totals.settled >= count;
            });
        } finally {
            pacing.cancel(false);
        }
        return totals;
    }

    private static final class Totals {
        long settled;
        long lost;
        long late;
        long samples;
        double rttSum;
        double min = Double.MAX_VALUE;
        double max;
        double jitterSum;
        int jitterWindows;

        /** The jitter estimator averaged over the 200 ms windows: the last value alone is noisy. */
        double meanJitter() {
            return jitterWindows == 0 ? Double.NaN : jitterSum / jitterWindows;
        }

        void add(PathWindow w) {
            settled += w.settled();
            lost += w.lost();
            late += w.late();
            if (w.rttSamples() > 0) {
                samples += w.rttSamples();
                rttSum += w.rttMeanMillis() * w.rttSamples();
                min = Math.min(min, w.rttMinMillis());
                max = Math.max(max, w.rttMaxMillis());
                jitterSum += w.jitterMillis();
                jitterWindows++;
            }
        }
    }
}
