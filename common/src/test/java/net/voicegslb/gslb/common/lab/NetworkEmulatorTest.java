package net.voicegslb.gslb.common.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetworkEmulatorTest {

    private static InetSocketAddress at(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 5060);
    }

    @Test
    void eachDirectionOfEachSiteHasItsOwnPathAndStrangersPassAtOnce() throws Exception {
        AtomicInteger done = new AtomicInteger();
        try (DelayLine line = new DelayLine("test-line", 100)) {
            NetworkEmulator eu = new NetworkEmulator("eu", line,
                    Map.of(InetAddress.getByName("127.0.1.1"), "fra", InetAddress.getByName("127.0.2.1"), "nyc"),
                    Map.of("fra", new SitePath(new Impairment(0, 0, 1), Impairment.none()),
                            "nyc", SitePath.symmetric(new Impairment(0, 0, 1))), 7);
            assertThat(eu.send(at("127.0.1.1"), done::incrementAndGet)).isEqualTo(DelayLine.Outcome.LOST);
            assertThat(eu.receive(at("127.0.1.1"), done::incrementAndGet)).isEqualTo(DelayLine.Outcome.HELD);
            assertThat(eu.receive(at("127.0.2.1"), done::incrementAndGet)).isEqualTo(DelayLine.Outcome.LOST);
            assertThat(eu.lost("fra")).isEqualTo(1);
            assertThat(eu.lost("nyc")).isEqualTo(1);
            // an address of no site: the lab's plumbing, delivered in the caller's thread
            int before = done.get();
            assertThat(eu.send(at("127.0.0.53"), done::incrementAndGet)).isEqualTo(DelayLine.Outcome.HELD);
            assertThat(done.get()).isGreaterThan(before);
            eu.impair("nyc", SitePath.symmetric(Impairment.none()));
            assertThat(eu.path("nyc")).isEqualTo(SitePath.symmetric(Impairment.none()));
            assertThat(eu.siteOf(InetAddress.getByName("127.0.2.1"))).isEqualTo("nyc");
        }
    }

    @Test
    void aPathForASiteWithoutAddressesIsAConfigurationError() throws Exception {
        try (DelayLine line = new DelayLine("test-line", 10)) {
            assertThatThrownBy(() -> new NetworkEmulator("eu", line,
                    Map.of(InetAddress.getByName("127.0.1.1"), "fra"),
                    Map.of("sin", SitePath.symmetric(Impairment.none())), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sin");
        }
    }
}
