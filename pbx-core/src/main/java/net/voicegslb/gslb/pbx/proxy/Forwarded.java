package net.voicegslb.gslb.pbx.proxy;

import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * A request the proxy forwarded: the upstream server transaction, what went downstream (URI,
 * Via, branch) so that a CANCEL or an ACK for a failure can be built to match, whether the
 * media was anchored, and how its Route set was treated. {@code recordRoute} is set only for a
 * dialog-creating INVITE (so a failed re-INVITE does not end the call). {@code next} are the peers
 * still to try when this target does not know the user (serial, RFC 3261 16.6 with one branch at
 * a time).
 */
record Forwarded(ServerTransaction upstream, SipMessage request, String requestUri, String branch, String viaLine,
        SipConnection downstream, boolean anchored, byte[] body, String recordRoute, RouteDecision route,
        java.util.List<SipConnection> next) {

    boolean initial() {
        return recordRoute != null;
    }
}
