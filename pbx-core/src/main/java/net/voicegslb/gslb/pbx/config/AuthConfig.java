package net.voicegslb.gslb.pbx.config;

import java.time.Duration;
import java.util.List;

/**
 * Digest authentication settings.
 *
 * @param algorithms node-wide digest algorithms in order of preference ("SHA-256", "MD5"): the offer,
 *     one challenge per algorithm, of tenants that do not set {@code digest.algorithms} (see
 *     {@link DigestConfig}); unwritten, such tenants offer one MD5 challenge
 * @param nonceLifetime after this a nonce is answered with stale=true
 * @param failuresPerMinute failed authentications tolerated per (source address, user) before
 *     that pair's requests are dropped for the rest of the minute
 * @param maxTrackedFailures (source, user) pairs whose failures are remembered at once
 * @param maxNonces nonces whose last accepted nonce-count is remembered at once (replay guard)
 */
public record AuthConfig(List<String> algorithms, Duration nonceLifetime, int failuresPerMinute,
        int maxTrackedFailures, int maxNonces) {

    public AuthConfig(List<String> algorithms, Duration nonceLifetime, int failuresPerMinute) {
        this(algorithms, nonceLifetime, failuresPerMinute, 100_000, 100_000);
    }

    public static AuthConfig defaults() {
        return new AuthConfig(DigestConfig.DEFAULT.algorithms(), Duration.ofMinutes(5), 20);
    }
}
