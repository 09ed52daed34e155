package net.voicegslb.gslb.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.codec.SipWire;
import net.voicegslb.gslb.pbx.config.RegistrarConfig;
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.junit.jupiter.api.Test;

/** Registrar rules on a socketless channel (RFC 3261 10.3). */
class RegistrarTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LocationStore location = new LocationStore();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SipConnection phone = new SipConnection(Transport.UDP, channel, new InetSocketAddress("127.0.0.1", 5070));
    private final ServerTransactions transactions = new ServerTransactions(now::get, 32_000);
    private final Registrar registrar;
    private int branch;

    RegistrarTest() {
        PbxStore store = PbxStore.inMemory("registrar" + System.nanoTime());
        store.upsertTenant("open.test", false);
        TenantDirectory tenants = new TenantDirectory();
        tenants.reload(List.of(new TenantConfig("open.test", List.of(), false, List.of(), null, 1)), store);
        SipMetrics metrics = new SipMetrics(new SimpleMeterRegistry());
        registrar = new Registrar(tenants, null, location, new RegistrarConfig(60, 3600, 1800, 2),
                new Responder(new ResponseWriter("t"), metrics), PassiveObserver.NONE, metrics, now::get);
    }

    private String register(String callId, int cseq, String contacts, String expires) throws Exception {
        var m = SipWire.parse("""
                REGISTER sip:open.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK%d
                From: <sip:alice@open.test>;tag=1
                To: <sip:alice@open.test>
                Call-ID: %s
                CSeq: %d REGISTER
                %s%sContent-Length: 0

                """.formatted(++branch, callId, cseq, contacts.isEmpty() ? "" : "Contact: " + contacts + "\n",
                expires == null ? "" : "Expires: " + expires + "\n"));
        registrar.register(m, transactions.begin(m, phone));
        DatagramPacket out = channel.readOutbound();
        try {
            return out.content().toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void expiryIsCappedAndDefaulted() throws Exception {
        assertThat(register("c1", 1, "<sip:alice@127.0.0.1:1>", "999999")).contains(";expires=3600");
        assertThat(register("c2", 1, "<sip:alice@127.0.0.1:2>", null)).contains("<sip:alice@127.0.0.1:2>;expires=1800");
    }

    @Test
    void anOlderCSeqOfTheSameCallIdDoesNotUndoANewerOne() throws Exception {
        register("same", 5, "<sip:alice@127.0.0.1:1>", "600");
        String stale = register("same", 4, "<sip:alice@127.0.0.1:1>", "0");
        assertThat(stale).startsWith("SIP/2.0 200 OK").contains("<sip:alice@127.0.0.1:1>;expires=600");
        assertThat(location.lookup("alice@open.test", now.get())).hasSize(1);
        assertThat(register("same", 6, "<sip:alice@127.0.0.1:1>", "0")).doesNotContain("Contact:");
    }

    @Test
    void theOldestBindingGivesWayAtMaxContacts() throws Exception {
        register("a", 1, "<sip:alice@127.0.0.1:1>", "600");
        now.addAndGet(1000);
        register("b", 1, "<sip:alice@127.0.0.1:2>", "600");
        String third = register("c", 1, "<sip:alice@127.0.0.1:3>", "600");
        assertThat(third).doesNotContain("127.0.0.1:1>").contains("127.0.0.1:2>").contains("127.0.0.1:3>");
    }

    @Test
    void bindingsExpire() throws Exception {
        register("a", 1, "<sip:alice@127.0.0.1:1>", "60");
        now.addAndGet(59_000);
        assertThat(register("a", 2, "", null)).contains(";expires=1");
        now.addAndGet(2_000);
        assertThat(register("a", 3, "", null)).doesNotContain("Contact:");
        assertThat(location.expire(now.get(), b -> { })).isEqualTo(1);
    }

    @Test
    void unknownDomainAndUserlessToAreRejected() throws Exception {
        var m = SipWire.parse("""
                REGISTER sip:other.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKx1
                From: <sip:alice@other.test>;tag=1
                To: <sip:alice@other.test>
                Call-ID: d
                CSeq: 1 REGISTER
                Contact: <sip:alice@127.0.0.1:1>

                """);
        registrar.register(m, transactions.begin(m, phone));
        DatagramPacket out = channel.readOutbound();
        assertThat(out.content().toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 404 Domain not served here");
        out.release();
    }
}
