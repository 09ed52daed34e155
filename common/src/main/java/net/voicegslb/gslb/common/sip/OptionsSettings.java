package net.voicegslb.gslb.common.sip;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * How a client asks: who it says it is, how long it waits, where its randomness and time come from.
 *
 * @param fromUser    the user part of From and Contact
 * @param userAgent   tells a node's operator whose OPTIONS these are
 * @param timeout     request (and, on TCP/TLS, connect and handshake) to final response
 * @param random      source of branches, Call-IDs and tags; unpredictable ({@code SecureRandom}) in
 *                    production, since a forged response must guess them
 * @param nanoTime    monotonic clock for round-trip times
 * @param clockMillis wall clock for certificate expiry
 * @param tls         client context with the trust material for TLS targets; null when none is checked
 */
public record OptionsSettings(String fromUser, String userAgent, Duration timeout, RandomGenerator random,
                              LongSupplier nanoTime, LongSupplier clockMillis, SslContext tls) {

    public OptionsSettings {
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(clockMillis, "clockMillis");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The same settings with another timeout. */
    public OptionsSettings withTimeout(Duration t) {
        return new OptionsSettings(fromUser, userAgent, t, random, nanoTime, clockMillis, tls);
    }
}
