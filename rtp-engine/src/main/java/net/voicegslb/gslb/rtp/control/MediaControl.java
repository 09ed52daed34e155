package net.voicegslb.gslb.rtp.control;

/**
 * What pbx-core (or the ng control endpoint) asks of the relay. Offer and answer take a party's
 * SDP and return the SDP to hand to the other party, with the relay's address and ports in it.
 * Tags follow SIP: {@code fromTag} identifies the party that sent the original offer.
 * Blocking (sockets are bound here): never call from a Netty event loop.
 */
public interface MediaControl {

    /**
     * Anchors a new call, or applies a re-offer to an existing one.
     *
     * @param fromTag tag of the party whose SDP this is (for a re-offer by the callee, its to-tag)
     * @return the SDP to forward to the other party
     */
    String offer(String callId, String fromTag, String sdp) throws RelayFullException, SdpException;

    /**
     * Applies the answer of the party tagged {@code toTag}.
     *
     * @return the SDP to forward to the party that made the offer
     */
    String answer(String callId, String fromTag, String toTag, String sdp) throws UnknownCallException, SdpException;

    /** Ends the call and frees its ports; false if no such call. */
    boolean delete(String callId);

    /** Capacity right now: what the node reports so that DNS stops sending calls when full. */
    RelayCapacity capacity();
}
