package net.voicegslb.gslb.rtp.codec;

/**
 * Receives the parts of a compound RTCP packet the relay uses. Primitive arguments, so that walking
 * a packet allocates nothing. Unsigned 32-bit fields arrive as non-negative longs.
 */
public interface RtcpVisitor {

    /** Sender info of an SR (RFC 3550 6.4.1); {@code ntpTimestamp} is the full 64-bit value. */
    void onSenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount);

    /**
     * One reception report block of an SR or RR. {@code cumulativeLost} is sign-extended from 24
     * bits; {@code lastSr} and {@code delaySinceLastSr} are in NTP short format (1/65536 s).
     */
    void onReportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
            long extendedHighestSequence, long jitter, long lastSr, long delaySinceLastSr);
}
