package net.voicegslb.gslb.pbx.config;

import java.time.Duration;
import java.util.List;

/**
 * Digest authentication settings.
 *
 * @param algorithms challenge algorithms in order of preference ("SHA-256", "MD5"); RFC 8760 puts
 *     the strongest first, older phones and SIPp 3.6 understand only MD5
 * @param nonceLifetime after this a nonce is answered with stale=true
 * @param failuresPerMinute failed authentications tolerated per source address before its
 *     requests are dropped for the rest of the minute
 */
public record AuthConfig(List<String> algorithms, Duration nonceLifetime, int failuresPerMinute) {

    public static AuthConfig defaults() {
        return new AuthConfig(List.of("SHA-256", "MD5"), Duration.ofMinutes(5), 20);
    }
}
