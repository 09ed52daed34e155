package net.voicegslb.gslb.pbx.lab;

/**
 * What one phone has received of one call's stream, the RFC 3550 way (A.1 sequence numbers with
 * wrap-around, A.3 loss, A.8 jitter), and the last SR it heard, so that its next report block
 * carries the LSR/DLSR a relay needs for the round trip. Pure: arrival times are passed in.
 * Confined to the phone's loop thread.
 */
final class RtpReception {

    private long ssrc = -1;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSr;
    private long lastSrArrivalNanos;

    /** An RTP packet arrived at {@code arrivalNanos} (monotonic). */
    void onRtp(int sequence, long timestamp, long packetSsrc, long arrivalNanos) {
        if (ssrc != packetSsrc) {
            // a new source (first packet, or the peer restarted): count afresh
            ssrc = packetSsrc;
            baseSequence = sequence;
            maxSequence = sequence;
            cycles = 0;
            received = 0;
            expectedPrior = 0;
            receivedPrior = 0;
            haveTransit = false;
            jitter = 0;
        } else {
            int delta = (sequence - maxSequence) & 0xffff;
            if (delta != 0 && delta < 0x8000) {
                if (sequence < maxSequence) {
                    cycles += 0x10000;
                }
                maxSequence = sequence;
            }
        }
        received++;
        long arrivalUnits = arrivalNanos * RtpPackets.CLOCK_RATE / 1_000_000_000L;
        long transit = arrivalUnits - (timestamp & 0xffff_ffffL);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** An SR from the peer arrived: its NTP time will be echoed as LSR. */
    void onSenderReport(long ntp, long arrivalNanos) {
        lastSr = RtpPackets.middle32(ntp);
        lastSrArrivalNanos = arrivalNanos;
    }

    long received() {
        return received;
    }

    long expected() {
        return ssrc < 0 ? 0 : cycles + maxSequence - baseSequence + 1;
    }

    /** Expected minus received; negative with duplicates, as RFC 3550 allows. */
    long lost() {
        return expected() - received;
    }

    /** A report block for now, closing the loss interval; null before any packet arrived. */
    ReportBlock report(long nowNanos) {
        if (ssrc < 0) {
            return null;
        }
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSr == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65_536L / 1_000_000_000L;
        return new ReportBlock(ssrc, Math.min(255, fraction), (int) lost(), (cycles + maxSequence) & 0xffff_ffffL,
                (long) jitter, lastSr, dlsr);
    }
}
