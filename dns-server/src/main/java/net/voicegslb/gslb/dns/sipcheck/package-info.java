/**
 * Active SIP OPTIONS checks of every node (issue 5, part 3): a health <em>producer</em>. It sends,
 * matches and classifies; the policy's rise/fall and drain logic decide what a result means.
 *
 * <h2>Flow</h2>
 * {@link net.voicegslb.gslb.dns.sipcheck.SipHealthChecker} (schedule, one Netty thread) → {@code
 * TargetCheck} (one per node and transport) → common's {@link
 * net.voicegslb.gslb.common.sip.OptionsClient} (the sockets, one session per target, shared with the
 * probe agent) → policy's {@link net.voicegslb.gslb.policy.sip.OptionsRequest}, {@link
 * net.voicegslb.gslb.policy.sip.OptionsResponseParser}, {@link
 * net.voicegslb.gslb.policy.sip.SipFraming} (bytes ↔ objects, pure) → {@link
 * net.voicegslb.gslb.dns.sipcheck.TargetOutcome} (what a response means) → {@link
 * net.voicegslb.gslb.dns.sipcheck.NodeRound} (one report per node and round, with each transport's outcome) → {@link
 * net.voicegslb.gslb.dns.sipcheck.SipCheckListener}.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Every node is checked once per {@code interval} on all its targets together; nodes are
 *       spread evenly over the interval. The timeout is capped at the interval.</li>
 *   <li>UDP: one socket per target, connected, so an ICMP port unreachable is reported at once as
 *       {@code "port unreachable"}, distinct from a silent node ({@code "no response within 500 ms"}).
 *       No retransmission (RFC 3261 timer E starts at 500 ms, the default timeout); a lost datagram
 *       is one failed check, which {@code fall} absorbs.</li>
 *   <li>TCP: one connection per target, kept between rounds, replaced after a timeout or error;
 *       {@code "connection refused"}, {@code "TCP connect not completed within ..."}.</li>
 *   <li>2xx, 3xx and 4xx other than 408 mean alive; 408, 5xx and 6xx fail; 503 with Retry-After
 *       drains for min(Retry-After, max_drain); the reasoning is on {@link
 *       net.voicegslb.gslb.dns.sipcheck.TargetOutcome}.</li>
 *   <li>TLS: as TCP, after a handshake with SNI = the node's host name, the chain verified against
 *       {@code sip_check.tls.trust_pem} and the name against the certificate; the certificate's
 *       expiry is checked every round. Expired or untrusted is a failed check.</li>
 *   <li>Each target's outcome goes to the listener (health is kept per node and transport); a
 *       drain from any target wins and drains the node.</li>
 *   <li>Responses must come from the target's address (connected sockets) and echo our random
 *       (SecureRandom) branch, Call-ID and CSeq; anything else is ignored as stale or foreign.</li>
 * </ul>
 *
 * <h2>Metrics</h2>
 * <ul>
 *   <li>{@code gslb_sip_checks_total{node,transport,result}}: checks per target; result is
 *       {@code alive}, {@code failed} or {@code drain}.</li>
 *   <li>{@code gslb_sip_check_rtt_seconds{node,transport}}: request to final response.</li>
 *   <li>{@code gslb_sip_check_tls_cert_not_after_seconds{node}}: expiry of the node's TLS certificate.</li>
 * </ul>
 */
package net.voicegslb.gslb.dns.sipcheck;
