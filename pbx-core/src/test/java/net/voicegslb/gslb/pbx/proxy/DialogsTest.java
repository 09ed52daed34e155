package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.proxy.Dialogs.Admit;
import org.junit.jupiter.api.Test;

class DialogsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InetAddress a = InetAddress.getLoopbackAddress();
    private final InetAddress b = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});

    DialogsTest() throws Exception {}

    @Test
    void pendingInvitesAndCallsAreCappedPerSourceAndFreedWhenTheyEnd() {
        Dialogs d = new Dialogs(100, 60_000, 3, 2, now::get);
        assertThat(d.open("c1", "t", a)).isEqualTo(Admit.OK);
        assertThat(d.open("c2", "t", a)).isEqualTo(Admit.OK);
        assertThat(d.open("c3", "t", a)).isEqualTo(Admit.SOURCE_PENDING);
        assertThat(d.open("c3", "t", b)).as("another source").isEqualTo(Admit.OK);
        d.confirmed("c1", "t");
        assertThat(d.open("c4", "t", a)).isEqualTo(Admit.OK);
        d.confirmed("c2", "t");
        d.confirmed("c4", "t");
        assertThat(d.open("c5", "t", a)).as("three calls up").isEqualTo(Admit.SOURCE_CALLS);
        assertThat(d.close("c1", "other", "t")).as("BYE from the callee: caller tag in To").isTrue();
        assertThat(d.open("c5", "t", a)).isEqualTo(Admit.OK);
        assertThat(d.open("p1", "t", null)).as("a peer's: no per-source count").isEqualTo(Admit.OK);
        assertThat(d.known("c5", "x", "t")).isTrue();
        assertThat(d.close("nope", "t", null)).isFalse();
    }

    @Test
    void theTableIsBoundedAndOldDialogsExpire() {
        Dialogs d = new Dialogs(2, 60_000, 10, 10, now::get);
        d.open("c1", "t", a);
        now.addAndGet(30_000);
        d.open("c2", "t", a);
        assertThat(d.open("c3", "t", a)).isEqualTo(Admit.FULL);
        now.addAndGet(31_000);
        assertThat(d.expire()).extracting(Dialogs.Dialog::callId).containsExactly("c1");
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.open("c3", "t", a)).isEqualTo(Admit.OK);
    }
}
