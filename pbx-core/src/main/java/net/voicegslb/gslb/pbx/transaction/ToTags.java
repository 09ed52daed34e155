package net.voicegslb.gslb.pbx.transaction;

import net.voicegslb.gslb.pbx.codec.SipMessage;

/**
 * To tags for responses the node generates. Derived from the request's Call-ID, From tag and CSeq
 * rather than random, so a response rebuilt for the same request carries the same tag without
 * storing it (RFC 3261 8.2.6.2 only asks that it be stable within the transaction).
 */
public final class ToTags {

    private ToTags() {}

    public static String local(SipMessage request) {
        int h = request.callId().hashCode() * 31 + (request.from().tag() == null ? 0 : request.from().tag().hashCode());
        h = h * 31 + Long.hashCode(request.cseq().number());
        return "gs" + Integer.toHexString(h);
    }
}
