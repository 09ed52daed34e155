package net.voicegslb.gslb.pbx.proxy;

import java.net.InetAddress;

/**
 * How the proxy anchors a call's media: the SDP offer and answer are rewritten so that both
 * parties send RTP to the relay. Blocking (the relay binds sockets): the proxy calls it from its
 * worker threads, never from an event loop.
 */
public interface MediaAnchor {

    /** The caller's offer, rewritten for the callee; no SIP source: only the SDP's IP may latch. */
    String offer(String callId, String fromTag, String sdp) throws MediaException;

    /** The callee's answer, rewritten for the caller. */
    String answer(String callId, String fromTag, String toTag, String sdp) throws MediaException;

    /**
     * The caller's offer, rewritten for the callee, with the IP the offer's SIP message came from
     * (the packet source of the INVITE or re-INVITE, not a header). Only media from that IP or the
     * SDP's IP may latch the leg first, so a phone behind NAT gets media and a stranger spraying
     * the relay's ports does not.
     */
    default String offer(String callId, String fromTag, String sdp, InetAddress sipSource) throws MediaException {
        return offer(callId, fromTag, sdp);
    }

    /** The callee's answer, rewritten for the caller, with the IP the answering response came from. */
    default String answer(String callId, String fromTag, String toTag, String sdp, InetAddress sipSource)
            throws MediaException {
        return answer(callId, fromTag, toTag, sdp);
    }

    /** The call ended (BYE, CANCEL, failure): free its ports. */
    void release(String callId);

    /** Media passes end to end, SDP untouched (media disabled in the config). */
    MediaAnchor NONE = new MediaAnchor() {
        @Override
        public String offer(String callId, String fromTag, String sdp) {
            return sdp;
        }

        @Override
        public String answer(String callId, String fromTag, String toTag, String sdp) {
            return sdp;
        }

        @Override
        public void release(String callId) {}
    };
}
