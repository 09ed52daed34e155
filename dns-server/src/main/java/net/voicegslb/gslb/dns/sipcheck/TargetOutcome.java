package net.voicegslb.gslb.dns.sipcheck;

import io.netty.util.NetUtil;
import java.time.Duration;
import net.voicegslb.gslb.common.sip.OptionsOutcome;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsVerdict;

/**
 * Result of checking one target once.
 *
 * <p>Which final responses count as alive, and why, is policy's {@link OptionsVerdict}, the rule the
 * probe agent's standalone PBX check follows too.
 *
 * @param drainSeconds for {@link Kind#DRAIN}, the Retry-After the node asked for
 * @param rttNanos     request to final response, -1 when nothing (parsable) came back
 */
public record TargetOutcome(SipCheckTarget target, Kind kind, String detail, long drainSeconds, long rttNanos) {

    public enum Kind {
        ALIVE, FAILED, DRAIN
    }

    public static TargetOutcome failed(SipCheckTarget target, String detail) {
        return new TargetOutcome(target, Kind.FAILED, detail, 0, -1);
    }

    public static TargetOutcome noResponse(SipCheckTarget target, Duration timeout) {
        return failed(target, "no response within " + timeout.toMillis() + " ms");
    }

    /** The check's outcome from the OPTIONS client's: a response is classified, a failure kept in words. */
    public static TargetOutcome of(SipCheckTarget target, OptionsOutcome outcome) {
        return outcome.answered() ? of(target, outcome.response(), outcome.rttNanos())
                : failed(target, outcome.detail());
    }

    /** Classifies a final response (see the class comment). */
    public static TargetOutcome of(SipCheckTarget target, OptionsResponse response, long rttNanos) {
        int code = response.statusCode();
        if (code < 200) {
            throw new IllegalArgumentException("provisional response " + code + " is not an outcome");
        }
        String status = response.statusText();
        return switch (OptionsVerdict.of(code, response.retryAfterSeconds())) {
            case DRAIN -> new TargetOutcome(target, Kind.DRAIN, status + ", Retry-After " + response.retryAfterSeconds()
                    + " s", response.retryAfterSeconds(), rttNanos);
            case FAILED -> new TargetOutcome(target, Kind.FAILED, code == 503 ? status + " without Retry-After" : status,
                    0, rttNanos);
            case ALIVE -> new TargetOutcome(target, Kind.ALIVE, status + " in " + rttNanos / 1_000_000 + " ms", 0,
                    rttNanos);
        };
    }

    /** The same outcome with {@code note} after the detail (e.g. a certificate that expires soon). */
    public TargetOutcome withNote(String note) {
        return new TargetOutcome(target, kind, detail + "; " + note, drainSeconds, rttNanos);
    }

    /** {@code "udp 127.0.0.1:5060: SIP 200 OK in 2 ms"}. */
    public String describe() {
        return target.transport().name().toLowerCase(java.util.Locale.ROOT) + " "
                + NetUtil.toSocketAddressString(target.address()) + ": " + detail;
    }
}
