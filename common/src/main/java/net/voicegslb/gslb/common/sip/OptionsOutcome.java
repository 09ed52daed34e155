package net.voicegslb.gslb.common.sip;

import java.util.Objects;
import net.voicegslb.gslb.policy.sip.OptionsResponse;
import net.voicegslb.gslb.policy.sip.OptionsVerdict;

/**
 * The result of one OPTIONS: a final response, or why there was none. What it means for a node is
 * policy's {@link OptionsVerdict}, the rule both the DNS server's checks and the agent apply; the
 * Retry-After travels with the response so both can honour a 503's drain.
 *
 * @param response                  the matching final response, null when there was none
 * @param rttNanos                  request to final response, -1 without one
 * @param error                     why there was no response, null when there was one
 * @param detail                    the failure in words ({@code "port unreachable"}), or the status text
 * @param certificateNotAfterMillis expiry of the TLS peer's leaf certificate when the handshake got
 *                                  that far in this exchange, -1 otherwise
 */
public record OptionsOutcome(OptionsResponse response, long rttNanos, TransportError error, String detail,
                             long certificateNotAfterMillis) {

    public OptionsOutcome {
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome is a response or an error, not both or neither");
        }
        Objects.requireNonNull(detail, "detail");
    }

    public static OptionsOutcome answered(OptionsResponse response, long rttNanos) {
        if (response.provisional()) {
            throw new IllegalArgumentException("provisional response " + response.statusCode() + " is not an outcome");
        }
        return new OptionsOutcome(response, rttNanos, null, response.statusText(), -1);
    }

    public static OptionsOutcome failed(TransportError error, String detail) {
        return new OptionsOutcome(null, -1, Objects.requireNonNull(error, "error"), detail, -1);
    }

    public boolean answered() {
        return response != null;
    }

    /** The final status code, 0 without a response. */
    public int statusCode() {
        return response == null ? 0 : response.statusCode();
    }

    /** The response's Retry-After in seconds, -1 when absent or without a response. */
    public long retryAfterSeconds() {
        return response == null ? -1 : response.retryAfterSeconds();
    }

    /** What the outcome says about the node: no response at all is a failed check. */
    public OptionsVerdict verdict() {
        return response == null ? OptionsVerdict.FAILED
                : OptionsVerdict.of(response.statusCode(), response.retryAfterSeconds());
    }

    public boolean hasCertificate() {
        return certificateNotAfterMillis >= 0;
    }

    /** The same outcome, with the certificate the TLS peer presented. */
    public OptionsOutcome withCertificate(long notAfterMillis) {
        return new OptionsOutcome(response, rttNanos, error, detail, notAfterMillis);
    }
}
