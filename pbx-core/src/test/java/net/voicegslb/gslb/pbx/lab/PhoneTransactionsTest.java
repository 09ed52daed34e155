package net.voicegslb.gslb.pbx.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timing of the phone's client transactions on a real loop, against a wire that never answers. */
class PhoneTransactionsTest {

    private static final String OPTIONS = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n\r\n";

    private final List<Long> sentAt = new CopyOnWriteArrayList<>();
    private final InetSocketAddress node = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private PhoneIo io;

    @AfterEach
    void stop() {
        if (io != null) {
            io.close();
        }
    }

    @Test
    void anUnansweredKeepaliveIsRetransmittedWithinItsShortTimeoutAndThenFails() throws Exception {
        io = new PhoneIo("tx-test");
        PhoneTransactions tx = new PhoneTransactions(io, (to, bytes) -> sentAt.add(System.nanoTime()), 8000);
        AtomicInteger timedOut = new AtomicInteger();
        long start = System.nanoTime();
        io.execute(() -> tx.request("z9hG4bK1", OPTIONS, node, false, 2000, r -> { }, timedOut::incrementAndGet));
        await().atMost(Duration.ofSeconds(5)).until(() -> timedOut.get() == 1);
        long took = System.nanoTime() - start;
        // sent at 0, 0.5 and 1.5 s (T1, doubling), then given up at 2 s, not the transaction's 8 s
        assertThat(sentAt).hasSize(3);
        assertThat(took).isBetween(1_900_000_000L, 4_000_000_000L);
    }

    @Test
    void anInviteWithoutEvenAProvisionalFailsAfterTheTimeoutNotFourTimesIt() throws Exception {
        io = new PhoneIo("tx-test");
        PhoneTransactions tx = new PhoneTransactions(io, (to, bytes) -> sentAt.add(System.nanoTime()), 1000);
        AtomicInteger timedOut = new AtomicInteger();
        long start = System.nanoTime();
        io.execute(() -> tx.request("z9hG4bK2", "INVITE sip:x SIP/2.0\r\n\r\n", node, true, r -> { },
                timedOut::incrementAndGet));
        await().atMost(Duration.ofSeconds(3)).until(() -> timedOut.get() == 1);
        assertThat(System.nanoTime() - start).isLessThan(2_500_000_000L);
    }

    @Test
    void transactionsToADeadNodeAreForgottenWithoutCallback() throws Exception {
        io = new PhoneIo("tx-test");
        PhoneTransactions tx = new PhoneTransactions(io, (to, bytes) -> sentAt.add(System.nanoTime()), 1000);
        AtomicInteger timedOut = new AtomicInteger();
        InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5070);
        io.execute(() -> {
            tx.request("z9hG4bK3", OPTIONS, node, false, r -> { }, timedOut::incrementAndGet);
            tx.request("z9hG4bK4", OPTIONS, other, false, r -> { }, () -> timedOut.addAndGet(10));
            tx.cancelTo(node);
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> timedOut.get() == 10); // only the other node's
        assertThat(timedOut.get()).isEqualTo(10);
    }
}
