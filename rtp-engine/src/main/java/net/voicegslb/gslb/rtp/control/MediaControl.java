package net.voicegslb.gslb.rtp.control;

import java.net.InetAddress;

/**
 * What pbx-core (or the ng control endpoint) asks of the relay. Offer and answer take a party's
 * SDP and return the SDP to hand to the other party, with the relay's address and ports in it.
 * Tags follow SIP: {@code fromTag} identifies the party that sent the original offer.
 * Blocking (sockets are bound here): never call from a Netty event loop.
 *
 * <p>The {@code sipSource} of offer and answer is the IP the SIP message carrying that SDP came
 * from (the packet's source, not a Via or Contact header). Only a media source with that IP or
 * the SDP's IP may latch a leg first; pass it, or a phone behind NAT (whose SDP shows a private
 * address) gets no media.
 */
public interface MediaControl {

    /**
     * Anchors a new call, or applies a re-offer to an existing one.
     *
     * @param fromTag tag of the party whose SDP this is (for a re-offer by the callee, its to-tag)
     * @param sipSource IP the offer's SIP message came from; null if unknown (then only the SDP's IP may latch)
     * @return the SDP to forward to the other party
     */
    String offer(String callId, String fromTag, String sdp, InetAddress sipSource)
            throws RelayFullException, SdpException;

    /**
     * Applies the answer of the party tagged {@code toTag}.
     *
     * @param sipSource IP the answer's SIP message came from; null if unknown (then only the SDP's IP may latch)
     * @return the SDP to forward to the party that made the offer
     */
    String answer(String callId, String fromTag, String toTag, String sdp, InetAddress sipSource)
            throws UnknownCallException, SdpException;

    /** {@link #offer(String, String, String, InetAddress)} without a SIP source: only the SDP's IP may latch. */
    default String offer(String callId, String fromTag, String sdp) throws RelayFullException, SdpException {
        return offer(callId, fromTag, sdp, null);
    }

    /** {@link #answer(String, String, String, String, InetAddress)} without a SIP source. */
    default String answer(String callId, String fromTag, String toTag, String sdp)
            throws UnknownCallException, SdpException {
        return answer(callId, fromTag, toTag, sdp, null);
    }

    /** Ends the call and frees its ports; false if no such call. */
    boolean delete(String callId);

    /** Capacity right now: what the node reports so that DNS stops sending calls when full. */
    RelayCapacity capacity();
}
