package net.voicegslb.gslb.dns.telemetry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;

/**
 * Decides whether a decoded frame from an authenticated agent may reach the policy. Pure: no I/O,
 * no clock of its own, no state.
 *
 * <p>Ranges the telemetry records enforce themselves (RTT and jitter in [0, 60 s), loss in [0, 1],
 * positive sample counts, non-negative counters, load in [0, 1]) never reach this class: the codec
 * turns them into {@code MalformedFrameException}s, which {@link FrameTriage} counts as
 * {@link RejectReason#OUT_OF_RANGE}. This class checks what needs context (who is connected, which
 * site, which sequence, what time) and the ranges the records leave open.
 */
public final class FrameValidator {

    /** A heartbeat interval longer than this would make the node's timeout meaningless. */
    static final long MAX_HEARTBEAT_INTERVAL_MILLIS = Duration.ofMinutes(10).toMillis();

    private final long maxSkewMillis;

    public FrameValidator(Duration maxClockSkew) {
        this.maxSkewMillis = maxClockSkew.toMillis();
        if (maxSkewMillis < 0) {
            throw new IllegalArgumentException("max clock skew must be >= 0");
        }
    }

    /** Empty when the frame is acceptable, otherwise the first reason found to refuse it. */
    public Optional<RejectReason> validate(TelemetryEnvelope envelope, StreamState stream, long nowMillis) {
        return Optional.ofNullable(check(envelope, stream, nowMillis));
    }

    private RejectReason check(TelemetryEnvelope env, StreamState stream, long nowMillis) {
        TelemetryMessage payload = env.payload();
        if (payload instanceof ProbeTargetList) {
            return RejectReason.UNEXPECTED_TYPE;
        }
        if (!env.senderId().equals(stream.nodeId()) || !nodeIdOf(payload).equals(stream.nodeId())) {
            return RejectReason.SENDER_MISMATCH;
        }
        if (!stream.helloSeen() && !(payload instanceof NodeHello)) {
            return RejectReason.HELLO_REQUIRED;
        }
        if (env.sequence() <= stream.lastSequence()) {
            return RejectReason.REPLAY;
        }
        if (env.sentAtMillis() < nowMillis - maxSkewMillis || env.sentAtMillis() > nowMillis + maxSkewMillis) {
            return RejectReason.CLOCK_SKEW;
        }
        if (payload instanceof NodeHello h) {
            return hello(h, stream);
        }
        if (payload instanceof MeasurementBatch b) {
            return batch(b, stream);
        }
        return null; // heartbeat: its record already bounds every field
    }

    private static RejectReason hello(NodeHello h, StreamState stream) {
        if (!Objects.equals(h.siteId(), stream.siteId())) {
            return RejectReason.SITE_MISMATCH;
        }
        if (h.heartbeatIntervalMillis() > MAX_HEARTBEAT_INTERVAL_MILLIS) {
            return RejectReason.OUT_OF_RANGE;
        }
        return null;
    }

    private static RejectReason batch(MeasurementBatch b, StreamState stream) {
        if (!Objects.equals(b.siteId(), stream.siteId())) {
            return RejectReason.SITE_MISMATCH;
        }
        for (PrefixMeasurement m : b.measurements()) {
            if (!ClientRanges.isClientPrefix(m.prefix())) {
                return RejectReason.INVALID_PREFIX;
            }
        }
        return null;
    }

    private static String nodeIdOf(TelemetryMessage m) {
        if (m instanceof NodeHello h) {
            return h.nodeId();
        } else if (m instanceof NodeHeartbeat hb) {
            return hb.nodeId();
        }
        return ((MeasurementBatch) m).nodeId();
    }
}
