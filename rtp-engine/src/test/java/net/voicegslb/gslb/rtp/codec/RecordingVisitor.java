package net.voicegslb.gslb.rtp.codec;

import java.util.ArrayList;
import java.util.List;

/** Records what {@link RtcpCompound#visit} reports, as strings easy to assert on. */
final class RecordingVisitor implements RtcpVisitor {

    final List<String> events = new ArrayList<>();

    @Override
    public void onSenderReport(long ssrc, long ntp, long rtpTs, long packets, long octets) {
        events.add(String.format("SR ssrc=%x ntp=%x rtp=%d packets=%d octets=%d", ssrc, ntp, rtpTs, packets, octets));
    }

    @Override
    public void onReportBlock(long reporter, long source, int fraction, int cumulativeLost, long highestSeq,
            long jitter, long lsr, long dlsr) {
        events.add(String.format("RB %x->%x fraction=%d lost=%d seq=%d jitter=%d lsr=%x dlsr=%x", reporter, source,
                fraction, cumulativeLost, highestSeq, jitter, lsr, dlsr));
    }
}
