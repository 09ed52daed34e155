package net.voicegslb.gslb.pbx.transaction;

import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/** Receives a client transaction's responses (provisional ones too) or its timeout. */
public interface ClientListener {

    void onResponse(ClientTransaction tx, SipMessage response, SipConnection from);

    void onTimeout(ClientTransaction tx);
}
