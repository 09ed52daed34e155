package net.voicegslb.gslb.agent.codec;

/**
 * Session-Reflector test packet, unauthenticated mode (RFC 8762 §4.3.1, Figure 4): 44 octets.
 *
 * <pre>
 *  0  4  Sequence Number
 *  4  8  Timestamp (transmission by the reflector)
 * 12  2  Error Estimate
 * 14  2  MBZ
 * 16  8  Receive Timestamp
 * 24  4  Session-Sender Sequence Number
 * 28  8  Session-Sender Timestamp
 * 36  2  Session-Sender Error Estimate
 * 38  2  MBZ
 * 40  1  Ses-Sender TTL
 * 41  3  MBZ
 * </pre>
 */
public record StampReflectorPacket(long sequence, long timestamp, int errorEstimate, long receiveTimestamp,
                                   long senderSequence, long senderTimestamp, int senderErrorEstimate,
                                   int senderTtl) {
    public static final int LENGTH = 44;

    /**
     * Round-trip time without the reflector's residence time: (T4 − T1) − (T3 − T2), RFC 8762 §4.
     * T1/T4 are on the sender's clock and T2/T3 on the reflector's, so neither pair needs the
     * clocks synchronised.
     *
     * @param receivedAtNtp T4, when the sender received this packet
     */
    public long roundTripNanos(long receivedAtNtp) {
        long total = NtpTimestamp.differenceNanos(senderTimestamp, receivedAtNtp);
        long residence = NtpTimestamp.differenceNanos(receiveTimestamp, timestamp);
        return total - Math.max(0, residence);
    }
}
