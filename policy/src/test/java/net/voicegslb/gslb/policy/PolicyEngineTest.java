package net.voicegslb.gslb.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.support.Fixtures;
import net.voicegslb.gslb.policy.support.Lab;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    @Test
    void selfAnnouncingNodeJoinsItsSiteAnswers() throws Exception {
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), "fra", "ams"));
        lab.allUp(0);
        NodeHello hello = new NodeHello(WireProtocol.VERSION, "fra-9", "fra", "fra-9.example.com",
                List.of(InetAddress.getByName("198.51.100.9"), InetAddress.getByName("2001:db8::9")),
                List.of(new SipEndpoint(SipTransport.TLS, 5061)), 500, "0.1.0", 5000);
        lab.engine.onHello(hello, 3000);
        for (int i = 0; i < 3; i++) {
            lab.engine.onHeartbeat(NodeHeartbeat.healthy("fra-9", i, 0, 100, 0.1), 3000 + i * 1000L);
        }
        Ranking r = lab.engine.rank(Fixtures.SERVICE, InetAddress.getByName("192.0.2.1"), 6000);
        assertThat(r.answer().get(0).nodes()).as(lab.engine.explainText(r)).extracting(n -> n.id()).contains("fra-9");
    }

    @Test
    void measurementsForUnknownSitesAreRejected() {
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), "fra"));
        assertThatThrownBy(() -> lab.engine.onMeasurements(MeasurementBatch.of("x", "nowhere", 0, List.of()), 0))
                .hasMessageContaining("unknown site nowhere");
        assertThatThrownBy(() -> lab.engine.rank("nope.example.com", ClientPrefix.parse("10.0.0.1"), null, 0))
                .hasMessageContaining("unknown service");
    }

    @Test
    void rankingNeverBlocksOrFailsWhileTelemetryPoursIn() throws Exception {
        Lab lab = new Lab(Fixtures.world(RankingParameters.defaults(), "fra", "ams", "lon"));
        lab.allUp(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        String[] sites = {"fra", "ams", "lon"};
        for (int w = 0; w < 3; w++) {
            String site = sites[w];
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    lab.measure(site, "10." + (i >> 8 & 255) + "." + (i & 255) + ".0/24", 20 + i % 100, 1, 0, 10, 3000);
                    if (i % 1000 == 0) {
                        lab.heartbeatSite(site, 3000, 10, 0.1);
                    }
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        Ranking k = lab.rank("10." + (i >> 8 & 255) + "." + (i & 255) + ".1", 3500);
                        if (k.answer().size() != 3) {
                            throw new AssertionError("expected three sites, got " + k.answer());
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(lab.engine.store().size()).isGreaterThan(20_000);
    }
}
