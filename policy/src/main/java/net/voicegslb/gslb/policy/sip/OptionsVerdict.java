package net.voicegslb.gslb.policy.sip;

/**
 * What a final response to an OPTIONS check says about the node that sent it; the one rule for the
 * DNS server's SIP checks and the probe agent's standalone PBX check.
 *
 * <p>The question is "does this node's SIP stack take requests?", not "would this OPTIONS succeed?".
 * RFC 3261 §11.2 has a UAS answer OPTIONS as it would an INVITE, so a working node may well say 404
 * (our check user does not exist), 401/407 (it wants credentials), 403, 405 (OPTIONS not allowed) or
 * 481; any 2xx, 3xx or 4xx proves that the stack parsed the request and routed a reply. 480
 * Temporarily Unavailable is about the callee (§21.4.18), so it counts as alive as well. Two codes
 * do not:
 * <ul>
 *   <li>408 Request Timeout (§21.4.9): the node could not produce a response in time, i.e. it is
 *       overloaded or its own downstream is dead; a call sent there would fail the same way.</li>
 *   <li>503 Service Unavailable (§21.5.4): the node says it is overloaded or in maintenance. With a
 *       Retry-After it says for how long: that drains the node; without one it is a failed check.</li>
 * </ul>
 * Every other 5xx (server failure) and 6xx (global failure) is a failed check.
 */
public enum OptionsVerdict {
    ALIVE, FAILED, DRAIN;

    /**
     * @param statusCode        a final status code, 200-699
     * @param retryAfterSeconds the response's Retry-After, -1 when absent or unknown
     */
    public static OptionsVerdict of(int statusCode, long retryAfterSeconds) {
        if (statusCode < 200 || statusCode > 699) {
            throw new IllegalArgumentException("not a final status code: " + statusCode);
        }
        if (statusCode == 503) {
            return retryAfterSeconds > 0 ? DRAIN : FAILED;
        }
        return statusCode == 408 || statusCode >= 500 ? FAILED : ALIVE;
    }
}
