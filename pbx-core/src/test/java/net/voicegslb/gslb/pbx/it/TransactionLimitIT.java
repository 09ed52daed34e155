package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server transaction table is bounded (sip.max_server_transactions): a request that would
 * start one more transaction is answered 503 with Retry-After, statelessly, and counted, while
 * retransmissions of the transactions held are still answered from them. Once transactions
 * expire (64*T1), new requests are served again.
 */
class TransactionLimitIT {

    private static final int LIMIT = 100;

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                  max_server_transactions: %d
                  timers: {t1: 50ms, t2: 400ms, t4: 500ms}
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """.formatted(LIMIT), MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String options(RawPhone phone, int n) {
        // to a user, so not the stateless ping: a transaction each, answered 404 (no such user)
        return """
                OPTIONS sip:nobody%d@open.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKlimit%d
                Max-Forwards: 70
                From: <sip:a@open.test>;tag=a%d
                To: <sip:nobody%d@open.test>
                Call-ID: limit-%d@test
                CSeq: 1 OPTIONS
                Content-Length: 0

                """.formatted(n, phone.port(), n, n, n, n);
    }

    @Test
    void requestsBeyondTheTableLimitGet503WithRetryAfter() throws Exception {
        try (RawPhone phone = new RawPhone()) {
            for (int n = 0; n < LIMIT; n++) {
                phone.send(options(phone, n), node.port);
                assertThat(phone.receive(2000)).as("request %d", n).startsWith("SIP/2.0 404 ");
            }
            assertThat(node.node.serverTransactions()).isEqualTo(LIMIT);

            phone.send(options(phone, LIMIT), node.port);
            String refused = phone.receive(2000);
            assertThat(refused).startsWith("SIP/2.0 503 Service Unavailable").contains("\r\nRetry-After: ")
                    .contains("branch=z9hG4bKlimit" + LIMIT);
            assertThat(node.registry.get("gslb.sip.transactions.refused").tag("kind", "server").functionCounter()
                    .count()).isEqualTo(1);
            assertThat(node.node.serverTransactions()).isEqualTo(LIMIT);

            // a retransmission of a transaction the table holds is still answered from it
            phone.send(options(phone, 7), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 404 ").contains("branch=z9hG4bKlimit7");

            // 64*T1 = 3.2 s later the table has drained and the refused request is served
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.node.serverTransactions() == 0);
            phone.send(options(phone, LIMIT), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 404 ");
        }
    }
}
