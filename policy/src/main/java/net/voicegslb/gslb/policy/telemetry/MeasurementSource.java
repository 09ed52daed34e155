package net.voicegslb.gslb.policy.telemetry;

/** Where a measurement came from; passive media statistics describe real calls best. */
public enum MeasurementSource {
    /** Active two-way probe (RFC 8762) to a reflector in or near the client network. */
    STAMP,
    /** Round trip of a DNS query to the client's resolver: a proxy for the client network. */
    DNS_PROBE,
    /** SIP OPTIONS or keepalive round trip to a registered client. */
    SIP_OPTIONS,
    /** Passive statistics of received RTP streams (RFC 3550 jitter, sequence gaps). */
    RTP,
    /** Round trip and loss reported by the far end in RTCP SR/RR. */
    RTCP
}
