package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import org.junit.jupiter.api.Test;

class ResolverSightingsTest {

    static InetSocketAddress from(String ip) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), 53000);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void query(ResolverSightings s, String ip, int times) {
        InetSocketAddress a = from(ip);
        for (int i = 0; i < times; i++) {
            s.record(a);
        }
    }

    @Test
    void prefixesAreSlash24AndSlash48WithAResolverSeenInThemAndTheirShareAsWeight() {
        ResolverSightings s = new ResolverSightings(1, 100);
        query(s, "192.0.2.53", 60);
        query(s, "2001:db8:1:2::53", 30);
        query(s, "198.51.100.9", 10);
        List<ProbeTarget> top = s.top(10);
        assertThat(top).containsExactly(
                new ProbeTarget(ClientPrefix.parse("192.0.2.0/24"), from("192.0.2.53").getAddress(),
                        MeasurementSource.DNS_PROBE, 0.6),
                new ProbeTarget(ClientPrefix.parse("2001:db8:1::/48"), from("2001:db8:1:2::53").getAddress(),
                        MeasurementSource.DNS_PROBE, 0.3),
                new ProbeTarget(ClientPrefix.parse("198.51.100.0/24"), from("198.51.100.9").getAddress(),
                        MeasurementSource.DNS_PROBE, 0.1));
    }

    @Test
    void topCutsToTheBusiest() {
        ResolverSightings s = new ResolverSightings(1, 100);
        for (int i = 1; i <= 20; i++) {
            query(s, "10.0." + i + ".1", i);
        }
        List<ProbeTarget> top = s.top(3);
        assertThat(top).extracting(t -> t.prefix().toString())
                .containsExactly("10.0.20.0/24", "10.0.19.0/24", "10.0.18.0/24");
        assertThat(s.top(0)).isEmpty();
        assertThat(new ResolverSightings().top(10)).isEmpty();
    }

    @Test
    void theLatestResolverOfAPrefixIsTheProbeAddress() {
        ResolverSightings s = new ResolverSightings(1, 100);
        query(s, "192.0.2.1", 5);
        query(s, "192.0.2.2", 1);
        assertThat(s.top(1).get(0).address()).isEqualTo(from("192.0.2.2").getAddress());
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void oneQueryInSampleEveryIsCounted() {
        ResolverSightings s = new ResolverSightings(16, 100);
        query(s, "192.0.2.1", 15);
        assertThat(s.size()).isZero();
        query(s, "192.0.2.1", 1);
        assertThat(s.size()).isEqualTo(1);
        query(s, "198.51.100.1", 16 * 30);
        query(s, "192.0.2.1", 16 * 9);
        assertThat(s.top(2)).extracting(ProbeTarget::weight).containsExactly(0.75, 0.25);
    }

    @Test
    void theTableStaysBoundedAndEvictsTheLeastCounted() {
        ResolverSightings s = new ResolverSightings(1, 100);
        query(s, "203.0.113.1", 1_000); // one busy resolver network
        for (int i = 0; i < 10_000; i++) { // and a scan of one-off sources
            query(s, "10." + (i >> 8 & 0xFF) + "." + (i & 0xFF) + ".1", 1);
            assertThat(s.size()).isLessThanOrEqualTo(101);
        }
        assertThat(s.top(1).get(0).prefix()).isEqualTo(ClientPrefix.parse("203.0.113.0/24"));
    }

    @Test
    void decayHalvesCountsAndForgetsPrefixesThatStoppedQuerying() {
        ResolverSightings s = new ResolverSightings(1, 100);
        query(s, "192.0.2.1", 8);
        query(s, "198.51.100.1", 1);
        s.decay();
        assertThat(s.size()).isEqualTo(1);
        query(s, "198.51.100.1", 4);
        assertThat(s.top(2)).extracting(ProbeTarget::weight).containsExactly(0.5, 0.5);
        for (int i = 0; i < 4; i++) {
            s.decay();
        }
        assertThat(s.size()).isZero();
    }

    @Test
    void manyThreadsRecordingConcurrentlyLoseNothingAtFullSampling() throws Exception {
        ResolverSightings s = new ResolverSightings(1, 1_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    s.record(from("10.1." + (i % 50) + "." + thread));
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<ProbeTarget> top = s.top(100);
        assertThat(top).hasSize(50);
        assertThat(top).allSatisfy(t -> assertThat(t.weight()).isEqualTo(1.0 / 50));
    }

    @Test
    void theSkippedPathAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ResolverSightings s = new ResolverSightings(1 << 30, 100);
        InetSocketAddress a = from("192.0.2.1");
        for (int i = 0; i < 100_000; i++) { // warm up, so the JIT is not what we measure
            s.record(a);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            s.record(a);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by a million skipped records").isLessThan(1024);
        assertThat(s.size()).isZero();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new ResolverSightings(3, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResolverSightings(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResolverSightings(16, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
