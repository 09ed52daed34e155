package net.voicegslb.gslb.pbx.location;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * One registered contact of an address of record. {@code connection} is where requests for it
 * go: the Contact's address, or for a phone behind NAT (or on TCP) the flow its REGISTER came in
 * on (see registrar.ContactFlow). {@code flow} is always the flow the REGISTER came in on: the
 * only address we know belongs to whoever registered, so keepalives (and what they measure) and
 * per-source limits use it, never the Contact, which the registering party may set to anyone's.
 */
public record Binding(String aor, String contactText, SipUri contact, SipConnection connection, String callId,
        long cseq, long expiresAtMillis, SipConnection flow) {

    /** A binding whose requests go over the flow it registered on. */
    public Binding(String aor, String contactText, SipUri contact, SipConnection connection, String callId, long cseq,
            long expiresAtMillis) {
        this(aor, contactText, contact, connection, callId, cseq, expiresAtMillis, connection);
    }

    /** Where requests for this binding are sent. */
    public InetSocketAddress target() {
        return connection.remote();
    }

    /** The address the REGISTER came from. */
    public InetAddress source() {
        return flow.remote().getAddress();
    }

    public int secondsLeft(long nowMillis) {
        return (int) Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
