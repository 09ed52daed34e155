package net.voicegslb.gslb.pbx.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.junit.jupiter.api.Test;

class LocationStoreTest {

    private final LocationStore store = new LocationStore();
    private final SipConnection flow = new SipConnection(Transport.UDP, new EmbeddedChannel(),
            new InetSocketAddress("127.0.0.1", 5070));

    private Binding binding(String aor, String contact, long expiresAt) throws SipParseException {
        return new Binding(aor, contact, SipUri.parse(contact), flow, "c", 1, expiresAt);
    }

    @Test
    void lookupFiltersExpiredAndExpireRemovesThemWithTheirIndex() throws Exception {
        Binding live = binding("a@d", "sip:a@127.0.0.1:1", 2_000);
        Binding old = binding("a@d", "sip:a@127.0.0.1:2", 1_000);
        store.update("a@d", l -> List.of(live, old));
        assertThat(store.lookup("a@d", 1_500)).containsExactly(live);
        assertThat(store.byContact("sip:a@127.0.0.1:2", 500)).isEqualTo(old);
        List<Binding> expired = new ArrayList<>();
        assertThat(store.expire(1_500, expired::add)).isEqualTo(1);
        assertThat(expired).containsExactly(old);
        assertThat(store.byContact("sip:a@127.0.0.1:2", 500)).isNull();
        assertThat(store.expire(3_000, b -> { })).isEqualTo(1);
        assertThat(store.aorCount()).isZero();
        assertThat(store.byContact("sip:a@127.0.0.1:1", 0)).isNull();
    }

    @Test
    void replacingABindingKeepsTheContactIndexOnTheNewOne() throws Exception {
        Binding first = binding("a@d", "sip:a@127.0.0.1:1", 5_000);
        Binding refreshed = binding("a@d", "sip:a@127.0.0.1:1", 9_000);
        store.update("a@d", l -> List.of(first));
        store.update("a@d", l -> List.of(refreshed));
        assertThat(store.byContact("sip:a@127.0.0.1:1", 0)).isSameAs(refreshed);
        store.update("a@d", l -> List.of());
        assertThat(store.byContact("sip:a@127.0.0.1:1", 0)).isNull();
        assertThat(store.aorCount()).isZero();
    }

    @Test
    void bindingsAreCountedPerRegisteringSourceAndInAll() throws Exception {
        SipConnection other = new SipConnection(Transport.UDP, new EmbeddedChannel(),
                new InetSocketAddress("127.0.0.5", 5070));
        Binding a = binding("a@d", "sip:a@127.0.9.1:1", 5_000);
        Binding b = new Binding("b@d", "sip:b@127.0.9.2:1", SipUri.parse("sip:b@127.0.9.2:1"), flow, "c", 1, 5_000,
                other);
        store.update("a@d", l -> List.of(a));
        store.update("b@d", l -> List.of(b));
        assertThat(store.bindingCount()).isEqualTo(2);
        assertThat(store.bindingsFrom(flow.remote().getAddress())).isEqualTo(1);
        assertThat(store.bindingsFrom(other.remote().getAddress())).isEqualTo(1);
        assertThat(store.removeIf((aor, x) -> aor.equals("b@d"))).isEqualTo(1);
        assertThat(store.bindingsFrom(other.remote().getAddress())).isZero();
        assertThat(store.expire(6_000, x -> { })).isEqualTo(1);
        assertThat(store.bindingCount()).isZero();
        assertThat(store.bindingsFrom(flow.remote().getAddress())).isZero();
    }

    @Test
    void concurrentRegistrationsOfOneAorLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 60; // more than max_contacts allows, so a realistic worst case
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool.execute(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Binding b = binding("a@d", "sip:a@127.0.0.1:" + (id * perThread + i + 1), Long.MAX_VALUE);
                        store.update("a@d", l -> {
                            List<Binding> next = new ArrayList<>(l);
                            next.add(b);
                            return next;
                        });
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.lookup("a@d", 0)).hasSize(threads * perThread);
        assertThat(store.bindingCount()).isEqualTo(threads * perThread);
        assertThat(store.byContact("sip:a@127.0.0.1:123", 0)).isNotNull();
    }
}
