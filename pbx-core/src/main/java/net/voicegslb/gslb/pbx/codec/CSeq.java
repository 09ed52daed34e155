package net.voicegslb.gslb.pbx.codec;

/** CSeq: the sequence number (below 2^31, RFC 3261 8.1.1.5) and the method as sent. */
public record CSeq(long number, SipMethod method, String methodName) {}
