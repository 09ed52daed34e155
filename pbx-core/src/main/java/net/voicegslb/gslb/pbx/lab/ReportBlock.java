package net.voicegslb.gslb.pbx.lab;

/**
 * One RTCP reception report block (RFC 3550 6.4.1) about the stream from {@code sourceSsrc}.
 * {@code lastSr} is the middle 32 bits of the NTP time of that source's last SR and
 * {@code delaySinceLastSr} the time since it arrived, in 1/65536 s: the pair that lets the SR's
 * sender (or a relay in between) compute the round trip.
 */
public record ReportBlock(long sourceSsrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSr, long delaySinceLastSr) {}
