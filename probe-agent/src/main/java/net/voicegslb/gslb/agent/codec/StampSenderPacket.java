package net.voicegslb.gslb.agent.codec;

/**
 * Session-Sender test packet, unauthenticated mode (RFC 8762 §4.2.1, Figure 2): 44 octets.
 *
 * <pre>
 *  0  4  Sequence Number
 *  4  8  Timestamp (NTP format unless Z is set)
 * 12  2  Error Estimate
 * 14 30  MBZ
 * </pre>
 *
 * @param sequence      unsigned 32-bit, held in a long
 * @param timestamp     64-bit NTP timestamp of transmission
 * @param errorEstimate RFC 4656 error estimate bits
 */
public record StampSenderPacket(long sequence, long timestamp, int errorEstimate) {
    public static final int LENGTH = 44;
}
