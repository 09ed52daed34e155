package net.voicegslb.gslb.rtp.control;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import net.voicegslb.gslb.rtp.session.MediaSession;
import net.voicegslb.gslb.rtp.session.StreamState;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.StreamStats;
import net.voicegslb.gslb.rtp.stats.StreamStatsListener;
import net.voicegslb.gslb.rtp.transport.CallChannels;

/** A call in the relay's table: its logic, its sockets, its tags and its periodic tick. */
final class RelayedCall {

    final MediaSession session;
    final CallChannels channels;
    final String callerTag;
    volatile String calleeTag;
    final AtomicBoolean ended = new AtomicBoolean();
    ScheduledFuture<?> tick;
    private long nextStatsNanos;

    RelayedCall(MediaSession session, CallChannels channels, String callerTag, long firstStatsNanos) {
        this.session = session;
        this.channels = channels;
        this.callerTag = callerTag;
        this.nextStatsNanos = firstStatsNanos;
    }

    /** Which leg a tag belongs to: the caller's tag, else the callee (learning its tag if new). */
    LegSide sideOf(String tag) {
        if (tag != null && tag.equals(callerTag)) {
            return LegSide.CALLER;
        }
        if (calleeTag == null && tag != null) {
            calleeTag = tag;
        }
        return LegSide.CALLEE;
    }

    /** Publishes both streams' statistics if the interval is due; event loop only. */
    void publishIfDue(long nowNanos, long intervalNanos, StreamStatsListener listener, RelayMetrics metrics) {
        if (nowNanos - nextStatsNanos < 0) {
            return;
        }
        nextStatsNanos = nowNanos + intervalNanos;
        publish(false, listener, metrics);
    }

    /** Publishes a snapshot of every stream that received media; event loop only. */
    void publish(boolean last, StreamStatsListener listener, RelayMetrics metrics) {
        Instant at = Instant.now();
        for (LegSide side : LegSide.values()) {
            if (session.leg(side).latched()) {
                StreamStats stats = session.snapshot(side, last, at);
                metrics.record(stats);
                listener.onStreamStats(stats);
            }
        }
    }

    StreamState state(LegSide side, long nowNanos) {
        return session.state(side, nowNanos);
    }
}
