/**
 * The SIP OPTIONS codec shared by the DNS server's SIP checks and the probe agent's OPTIONS probes:
 * {@link net.voicegslb.gslb.policy.sip.OptionsRequest} (random branch and Call-ID),
 * {@link net.voicegslb.gslb.policy.sip.OptionsResponseParser} (tolerant, bounds-checked, reads only
 * what matching needs) and {@link net.voicegslb.gslb.policy.sip.SipFraming} (stream framing
 * arithmetic). Bytes ↔ objects only, JDK only: the sockets stay in the modules that own them.
 */
package net.voicegslb.gslb.policy.sip;
