package net.voicegslb.gslb.pbx.proxy;

/**
 * How the proxy anchors a call's media: the SDP offer and answer are rewritten so that both
 * parties send RTP to the relay. Blocking (the relay binds sockets): the proxy calls it from its
 * worker threads, never from an event loop.
 */
public interface MediaAnchor {

    /** The caller's offer, rewritten for the callee. */
    String offer(String callId, String fromTag, String sdp) throws MediaException;

    /** The callee's answer, rewritten for the caller. */
    String answer(String callId, String fromTag, String toTag, String sdp) throws MediaException;

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
