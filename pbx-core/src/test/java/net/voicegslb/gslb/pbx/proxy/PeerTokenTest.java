package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipWire;
import org.junit.jupiter.api.Test;

class PeerTokenTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final PeerToken token = new PeerToken("shared-secret-0123456789", now::get);

    private static final String INVITE = """
            INVITE sip:1002@example.test SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1
            From: <sip:1001@example.test>;tag=f1
            To: <sip:1002@example.test>
            Call-ID: %s
            CSeq: 7 INVITE
            %sContent-Length: 5

            v=0
            """;

    private static SipMessage invite(String callId, String extra) throws Exception {
        return SipWire.parse(INVITE.formatted(callId, extra));
    }

    /** The header as the sending node computes it for the request as it goes out. */
    private String tokenFor(PeerToken t, String callId) throws Exception {
        return t.headerLine(PeerToken.Signed.of(invite(callId, ""))).replace("\r\n", "\n");
    }

    @Test
    void aTokenMadeWithTheSharedSecretIsAcceptedOnceWhileFresh() throws Exception {
        String line = tokenFor(token, "a@test");
        assertThat(line).startsWith("X-Gslb-Peer: ts=");
        assertThat(token.check(invite("a@test", line))).isEqualTo(PeerToken.Check.VALID);
        assertThat(token.check(invite("a@test", line))).as("replayed at once").isEqualTo(PeerToken.Check.REPLAYED);
        String later = tokenFor(token, "b@test");
        now.addAndGet(31_000);
        assertThat(token.check(invite("b@test", later))).as("too old").isEqualTo(PeerToken.Check.INVALID);
    }

    @Test
    void everySignedPartIsBound() throws Exception {
        String line = tokenFor(token, "a@test");
        String good = INVITE.formatted("a@test", line);
        for (String[] change : new String[][] {
                {"INVITE sip:1002@", "INVITE sip:1003@"}, {"branch=z9hG4bK1", "branch=z9hG4bK2"},
                {"<sip:1001@", "<sip:1009@"}, {"To: <sip:1002@", "To: <sip:1008@"}, {"tag=f1", "tag=f2"},
                {"CSeq: 7", "CSeq: 8"}, {"v=0", "v=1"}}) {
            assertThat(good).contains(change[0]);
            assertThat(token.check(SipWire.parse(good.replace(change[0], change[1]))))
                    .as(change[1]).isEqualTo(PeerToken.Check.INVALID);
        }
        assertThat(token.check(SipWire.parse(good))).isEqualTo(PeerToken.Check.VALID);
    }

    @Test
    void anotherSecretAnotherCallOrNoTokenAreRefused() throws Exception {
        PeerToken stranger = new PeerToken("some-other-secret-xyz", now::get);
        assertThat(token.check(invite("a@test", tokenFor(stranger, "a@test")))).isEqualTo(PeerToken.Check.INVALID);
        assertThat(token.check(invite("b@test", tokenFor(token, "a@test")))).as("moved to another call")
                .isEqualTo(PeerToken.Check.INVALID);
        assertThat(token.check(invite("a@test", ""))).isEqualTo(PeerToken.Check.ABSENT);
        assertThat(token.check(invite("a@test", "X-Gslb-Peer: ts=abc;mac=00\n"))).isEqualTo(PeerToken.Check.INVALID);
        assertThat(token.check(invite("a@test", "x-gslb-peer: ts=1;mac=00\n"))).isEqualTo(PeerToken.Check.INVALID);
    }
}
