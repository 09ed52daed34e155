package net.voicegslb.gslb.rtp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handsOutEveryEvenPortOnceThenNothing() {
        PortAllocator ports = new PortAllocator(30001, 30100, new Random(7));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < ports.pairs(); i++) {
            int port = ports.reserve().orElseThrow();
            assertThat(port % 2).isZero();
            assertThat(port).isBetween(30002, 30099);
            assertThat(seen.add(port)).isTrue();
        }
        assertThat(seen).hasSize(49);
        assertThat(ports.reserve()).isEmpty();
        assertThat(ports.portsInUse()).isEqualTo(98);
    }

    @Test
    void choosesAtRandomNotInOrder() {
        PortAllocator ports = new PortAllocator(30000, 30999, new Random(1));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            order.add(ports.reserve().orElseThrow());
        }
        List<Integer> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertThat(order).isNotEqualTo(sorted);
        assertThat(order.get(0)).isNotEqualTo(30000);
    }

    @Test
    void releasedPairIsFreeAgainAndDoubleReleaseIsABug() {
        PortAllocator ports = new PortAllocator(30000, 30003, new Random(3));
        int a = ports.reserve().orElseThrow();
        int b = ports.reserve().orElseThrow();
        assertThat(ports.reserve()).isEmpty();
        ports.release(a);
        assertThat(ports.reserve()).hasValue(a);
        ports.release(b);
        assertThatThrownBy(() -> ports.release(b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ports.release(30001)).isInstanceOf(IllegalArgumentException.class);
    }
}
