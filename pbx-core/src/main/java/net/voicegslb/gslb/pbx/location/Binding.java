package net.voicegslb.gslb.pbx.location;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * One registered contact of an address of record. {@code connection} is where requests for it
 * go: the Contact's address, or for a phone behind NAT (or on TCP) the flow its REGISTER came in
 * on (see registrar.ContactFlow).
 */
public record Binding(String aor, String contactText, SipUri contact, SipConnection connection, String callId,
        long cseq, long expiresAtMillis) {

    /** Where requests for this binding are sent. */
    public InetSocketAddress target() {
        return connection.remote();
    }

    public int secondsLeft(long nowMillis) {
        return (int) Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
