/**
 * The one SIP OPTIONS client (sockets), shared by the DNS server's health checks and the probe
 * agent's probes; the bytes ↔ objects part is policy's pure {@code net.voicegslb.gslb.policy.sip}.
 *
 * <h2>Flow</h2>
 * {@link net.voicegslb.gslb.common.sip.OptionsClient} → a {@link net.voicegslb.gslb.common.sip.OptionsSession}
 * per target ({@code UdpOptionsSession}: connected socket; {@code TcpOptionsSession}: kept
 * connection through {@link net.voicegslb.gslb.common.sip.SipStreamFramer}; {@code TlsOptionsSession}:
 * the same after a verified handshake) or the shared UDP socket of {@code DatagramProbes} → policy's
 * {@code OptionsRequest}, {@code OptionsResponseParser}, {@code SipFraming} → one
 * {@link net.voicegslb.gslb.common.sip.OptionsOutcome} per request: the final response (with its
 * Retry-After and policy's {@code OptionsVerdict}), the round-trip time and the TLS peer's
 * certificate expiry, or a {@link net.voicegslb.gslb.common.sip.TransportError} and its detail.
 *
 * <h2>Forgery</h2>
 * Branch and Call-ID are independent random values from the settings' generator ({@code SecureRandom}
 * in production); a response must echo both and the CSeq, and come from the target's address (the
 * kernel enforces that on a session's connected socket, the client on the shared one).
 */
package net.voicegslb.gslb.common.sip;
