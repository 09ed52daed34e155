package net.voicegslb.gslb.pbx.location;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * One registered contact of an address of record. {@code connection} is the flow the REGISTER
 * came in on: requests for a NATed phone go back to its source address (and over its TCP
 * connection), not to the private address in its Contact.
 */
public record Binding(String aor, String contactText, SipUri contact, SipConnection connection, String callId,
        long cseq, long expiresAtMillis) {

    public InetSocketAddress source() {
        return connection.remote();
    }

    public int secondsLeft(long nowMillis) {
        return (int) Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
