package net.voicegslb.gslb.policy.sip;

/**
 * The parts of an OPTIONS response that a SIP check or probe needs; nothing else of the peer's message is kept.
 *
 * @param retryAfterSeconds the Retry-After delta-seconds, or -1 when absent
 */
public record OptionsResponse(int statusCode, String reasonPhrase, String branch, String callId, long cseq,
                              String cseqMethod, long retryAfterSeconds) {

    public boolean provisional() {
        return statusCode < 200;
    }

    /** True when the response belongs to {@code request}'s transaction (RFC 3261 §17.1.3). */
    public boolean matches(OptionsRequest request) {
        return request.branch().equals(branch) && request.callId().equals(callId) && request.cseq() == cseq
                && "OPTIONS".equals(cseqMethod);
    }

    /** {@code "SIP 200 OK"}. */
    public String statusText() {
        return "SIP " + statusCode + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
    }
}
