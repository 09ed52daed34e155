package net.voicegslb.gslb.pbx.transport;

import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;

/** What the transport hands up: parsed messages, and messages that failed to parse. */
public interface SipInbound {

    /** Called on the receiving event loop; must not block. */
    void onMessage(SipMessage message, SipConnection from);

    /** {@code raw[0, length)} could not be parsed; a request gets its 400/505 from here. */
    void onMalformed(byte[] raw, int length, SipParseException error, SipConnection from);
}
