package net.voicegslb.gslb.dns.sipcheck;

import io.netty.util.NetUtil;
import java.time.Duration;
import net.voicegslb.gslb.dns.config.SipCheckTarget;

/**
 * Result of checking one target once.
 *
 * <p>Which final responses count as alive, and why: the question a check answers is "does this
 * node's SIP stack take requests?", not "would this OPTIONS succeed?". RFC 3261 §11.2 has a UAS
 * answer OPTIONS as it would an INVITE, so a working node may well say 404 (our check user does not
 * exist), 401/407 (it wants credentials), 403, 405 (OPTIONS not allowed) or 481; any 2xx, 3xx or 4xx
 * proves that the stack parsed the request and routed a reply. 480 Temporarily Unavailable is about
 * the callee (§21.4.18), so it counts as alive as well. Two codes do not:
 * <ul>
 *   <li>408 Request Timeout (§21.4.9): the node could not produce a response in time, i.e. it is
 *       overloaded or its own downstream is dead; a call sent there would fail the same way.</li>
 *   <li>503 Service Unavailable (§21.5.4): the node says it is overloaded or in maintenance. With a
 *       Retry-After it says for how long: that drains the node; without one it is a failed check.</li>
 * </ul>
 * Every other 5xx (server failure) and 6xx (global failure) is a failed check.
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

    /** Classifies a final response (see the class comment). */
    public static TargetOutcome of(SipCheckTarget target, OptionsResponse response, long rttNanos) {
        int code = response.statusCode();
        if (code < 200) {
            throw new IllegalArgumentException("provisional response " + code + " is not an outcome");
        }
        String status = response.statusText();
        if (code == 503) {
            long retry = response.retryAfterSeconds();
            return retry > 0
                    ? new TargetOutcome(target, Kind.DRAIN, status + ", Retry-After " + retry + " s", retry, rttNanos)
                    : new TargetOutcome(target, Kind.FAILED, status + " without Retry-After", 0, rttNanos);
        }
        if (code == 408 || code >= 500) {
            return new TargetOutcome(target, Kind.FAILED, status, 0, rttNanos);
        }
        return new TargetOutcome(target, Kind.ALIVE, status + " in " + rttNanos / 1_000_000 + " ms", 0, rttNanos);
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
