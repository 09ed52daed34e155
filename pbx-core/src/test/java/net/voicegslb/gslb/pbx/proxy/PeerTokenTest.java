package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipWire;
import org.junit.jupiter.api.Test;

class PeerTokenTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final PeerToken token = new PeerToken("shared-secret-0123456789", now::get);

    private static SipMessage invite(String callId, String extra) throws Exception {
        return SipWire.parse("""
                INVITE sip:1002@example.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1
                From: <sip:1001@example.test>;tag=f1
                To: <sip:1002@example.test>
                Call-ID: %s
                CSeq: 7 INVITE
                %sContent-Length: 0

                """.formatted(callId, extra));
    }

    private String tokenFor(PeerToken t, String callId) throws Exception {
        return t.headerLine(invite(callId, "")).replace("\r\n", "\n");
    }

    @Test
    void aTokenMadeWithTheSharedSecretIsAcceptedWhileFresh() throws Exception {
        String line = tokenFor(token, "a@test");
        assertThat(line).startsWith("X-Gslb-Peer: ts=");
        SipMessage signed = invite("a@test", line);
        assertThat(token.valid(signed)).isTrue();
        now.addAndGet(31_000);
        assertThat(token.valid(signed)).as("replayed later").isFalse();
    }

    @Test
    void anotherSecretAnotherCallOrNoTokenAreRefused() throws Exception {
        PeerToken stranger = new PeerToken("some-other-secret-xyz", now::get);
        assertThat(token.valid(invite("a@test", tokenFor(stranger, "a@test")))).isFalse();
        assertThat(token.valid(invite("b@test", tokenFor(token, "a@test")))).as("moved to another call").isFalse();
        assertThat(token.valid(invite("a@test", ""))).isFalse();
        assertThat(token.valid(invite("a@test", "X-Gslb-Peer: ts=abc;mac=00\n"))).isFalse();
        assertThat(token.valid(invite("a@test", "x-gslb-peer: ts=1;mac=00\n"))).isFalse();
    }
}
