package net.voicegslb.gslb.pbx.proxy;

import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * A request the proxy forwarded: the upstream server transaction, what went downstream (URI,
 * Via, branch) so that a CANCEL or an ACK for a failure can be built to match, and whether the
 * media was anchored.
 */
record Forwarded(ServerTransaction upstream, SipMessage request, String requestUri, String branch, String viaLine,
        SipConnection downstream, boolean anchored) {}
