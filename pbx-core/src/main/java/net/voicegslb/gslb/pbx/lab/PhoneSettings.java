package net.voicegslb.gslb.pbx.lab;

import java.time.Duration;

/**
 * How a synthetic phone behaves, with the values of a typical desk phone in {@link #defaults}.
 *
 * @param registerExpires the Expires asked for; the phone refreshes at 80 % of what it is granted
 * @param rtcpInterval between RTCP reports (RFC 3550's 5 s minimum for a two-party call)
 * @param transactionTimeout a request unanswered this long fails (RFC 3261's 32 s is too slow for a lab)
 * @param minBackoff first retry delay after a failed registration; doubled per failure, randomised
 * @param maxBackoff the longest retry delay, also the cap on a 503's Retry-After
 * @param algorithm the digest algorithm answered when the node offers several ("SHA-256" or "MD5")
 * @param keepaliveInterval between the phone's own OPTIONS keepalives to its registrar while registered
 *        (randomised ±20 % each time so that a fleet does not pulse); zero sends none
 * @param keepaliveTimeout a keepalive unanswered this long means the flow to the node is dead; at least
 *        1 s, so that it is retransmitted at least once (at 500 ms, RFC 3261's T1)
 */
public record PhoneSettings(Duration registerExpires, Duration rtcpInterval, Duration transactionTimeout,
        Duration minBackoff, Duration maxBackoff, String algorithm, Duration keepaliveInterval,
        Duration keepaliveTimeout) {

    public PhoneSettings {
        if (registerExpires.toSeconds() < 10 || rtcpInterval.toMillis() < 100 || transactionTimeout.toMillis() < 500
                || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0
                || !(algorithm.equals("MD5") || algorithm.equals("SHA-256"))
                || keepaliveInterval.isNegative() || (!keepaliveInterval.isZero() && keepaliveInterval.toMillis() < 500)
                || keepaliveTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("invalid phone settings: " + this);
        }
    }

    /** A desk phone's values; 10 s keepalives find a vanished node long before the next refresh. */
    public static PhoneSettings defaults() {
        return new PhoneSettings(Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(8),
                Duration.ofSeconds(1), Duration.ofSeconds(60), "SHA-256", Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    public PhoneSettings withRtcpInterval(Duration interval) {
        return new PhoneSettings(registerExpires, interval, transactionTimeout, minBackoff, maxBackoff, algorithm,
                keepaliveInterval, keepaliveTimeout);
    }

    public PhoneSettings withRegisterExpires(Duration expires) {
        return new PhoneSettings(expires, rtcpInterval, transactionTimeout, minBackoff, maxBackoff, algorithm,
                keepaliveInterval, keepaliveTimeout);
    }

    public PhoneSettings withAlgorithm(String digestAlgorithm) {
        return new PhoneSettings(registerExpires, rtcpInterval, transactionTimeout, minBackoff, maxBackoff,
                digestAlgorithm, keepaliveInterval, keepaliveTimeout);
    }

    /** Flow keepalives every {@code interval} (zero: none), each failing after {@code timeout} unanswered. */
    public PhoneSettings withKeepalive(Duration interval, Duration timeout) {
        return new PhoneSettings(registerExpires, rtcpInterval, transactionTimeout, minBackoff, maxBackoff, algorithm,
                interval, timeout);
    }

    /**
     * The wait before the next keepalive, the interval spread uniformly over ±20 % by {@code uniform}
     * in [0, 1): phones registered together then do not ping together.
     */
    public long keepaliveDelayMillis(double uniform) {
        long interval = keepaliveInterval.toMillis();
        return Math.round(interval * (0.8 + 0.4 * uniform));
    }
}
