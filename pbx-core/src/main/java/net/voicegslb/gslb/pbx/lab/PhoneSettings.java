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
 */
public record PhoneSettings(Duration registerExpires, Duration rtcpInterval, Duration transactionTimeout,
        Duration minBackoff, Duration maxBackoff, String algorithm) {

    public PhoneSettings {
        if (registerExpires.toSeconds() < 10 || rtcpInterval.toMillis() < 100 || transactionTimeout.toMillis() < 500
                || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0
                || !(algorithm.equals("MD5") || algorithm.equals("SHA-256"))) {
            throw new IllegalArgumentException("invalid phone settings: " + this);
        }
    }

    public static PhoneSettings defaults() {
        return new PhoneSettings(Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(8),
                Duration.ofSeconds(1), Duration.ofSeconds(60), "SHA-256");
    }

    public PhoneSettings withRtcpInterval(Duration interval) {
        return new PhoneSettings(registerExpires, interval, transactionTimeout, minBackoff, maxBackoff, algorithm);
    }

    public PhoneSettings withRegisterExpires(Duration expires) {
        return new PhoneSettings(expires, rtcpInterval, transactionTimeout, minBackoff, maxBackoff, algorithm);
    }

    public PhoneSettings withAlgorithm(String digestAlgorithm) {
        return new PhoneSettings(registerExpires, rtcpInterval, transactionTimeout, minBackoff, maxBackoff,
                digestAlgorithm);
    }
}
