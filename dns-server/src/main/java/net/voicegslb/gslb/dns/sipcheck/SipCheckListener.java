package net.voicegslb.gslb.dns.sipcheck;

/**
 * Receives the outcome of each check round of a node: one call per node and round, on the
 * checker's event loop thread, so an implementation must not block.
 */
public interface SipCheckListener {

    /**
     * @param ok       every configured transport of the node answered with a final response that
     *                 counts as alive (a summary: health is kept per transport, from {@code outcomes})
     * @param detail   per-transport outcome, e.g. {@code "udp 127.0.0.1:5060: SIP 200 OK in 2 ms"}, or
     *                 only the failing transports when {@code ok} is false
     * @param outcomes one outcome per checked transport of the node, none of them a drain
     */
    void onCheck(String nodeId, boolean ok, String detail, java.util.List<TargetOutcome> outcomes, long nowMillis);

    /**
     * The node answered 503 with Retry-After: keep it out of answers until {@code untilMillis}
     * ({@code now} + the smaller of Retry-After and the configured maximum drain).
     */
    void onDrain(String nodeId, long untilMillis, String detail, long nowMillis);
}
