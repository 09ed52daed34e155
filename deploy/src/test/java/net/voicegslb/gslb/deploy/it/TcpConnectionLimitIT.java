package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** dns.tcp.max_connections (5 in this fixture): a connection beyond it is closed at once, the others keep working. */
class TcpConnectionLimitIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-tcp-limit.yaml");

    private static final int LIMIT = 5;

    @Test
    void connectionBeyondTheLimitIsClosedWhileTheOthersWork() {
        List<RawTcp> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                RawTcp tcp = SERVER.tcp();
                open.add(tcp);
                assertThat(WireHeader.of(tcp.exchange(QueryBytes.of(500 + i, "sip.voip.example.test", 1))).id())
                        .isEqualTo(500 + i);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> SERVER.metrics().sum("dns_tcp_connections") == LIMIT);
            double rejectedBefore = SERVER.metrics().sum("dns_tcp_rejected_total");

            try (RawTcp sixth = SERVER.tcp()) {
                try {
                    sixth.sendFramed(QueryBytes.of(599, "sip.voip.example.test", 1));
                } catch (UncheckedIOException alreadyReset) {
                    // the server was quicker than our write: closed is what we expect
                }
                sixth.awaitClosedByServer(Duration.ofSeconds(2));
            }

            for (int i = 0; i < LIMIT; i++) {
                WireHeader h = WireHeader.of(open.get(i).exchange(QueryBytes.of(600 + i, "sip.voip.example.test", 1)));
                assertThat(h.id()).isEqualTo(600 + i);
                assertThat(h.anCount()).isEqualTo(1);
            }
            assertThat(SERVER.metrics().sum("dns_tcp_rejected_total")).isGreaterThanOrEqualTo(rejectedBefore + 1);
        } finally {
            open.forEach(RawTcp::close);
        }

        // the slots come back once those connections are gone
        await().atMost(Duration.ofSeconds(5)).until(() -> SERVER.metrics().sum("dns_tcp_connections") == 0);
        DnsReply r = SERVER.dig().query("+tcp", "sip.voip.example.test", "A");
        assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
    }

    @Test
    void udpIsUnaffectedWhileTcpIsFull() {
        List<RawTcp> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                RawTcp tcp = SERVER.tcp();
                open.add(tcp);
                tcp.exchange(QueryBytes.of(700 + i, "sip.voip.example.test", 1));
            }

            DnsReply r = SERVER.dig().query("sip.voip.example.test", "A");

            assertThat(r.transport()).as(r.text()).isEqualTo("UDP");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.1");
        } finally {
            open.forEach(RawTcp::close);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> SERVER.metrics().sum("dns_tcp_connections") == 0);
    }
}
