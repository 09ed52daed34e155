package net.voicegslb.gslb.dns.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Active SIP OPTIONS checks of every node.
 *
 * @param enabled         false turns checks off (heartbeats alone decide)
 * @param interval        time between checks of one target
 * @param timeout         no final response within this is a failed check (for TLS: connect,
 *                        handshake and OPTIONS together)
 * @param rise            consecutive successes before a failed transport counts as up again
 * @param fall            consecutive failures before a transport counts as down
 * @param maxDrain        longest drain honoured from a 503's Retry-After (a bogus huge value must not
 *                        remove a node for days)
 * @param fromUser        user part of the From header, so node operators can filter our checks
 * @param tlsTrustPem     CA certificates (PEM) that node TLS certificates must chain to; null uses
 *                        the JDK's default trust store
 * @param tlsExpiryWarning a node certificate that expires within this is reported (check detail,
 *                        log) while it still counts as up
 */
public record SipCheckConfig(boolean enabled, Duration interval, Duration timeout, int rise, int fall,
                             Duration maxDrain, String fromUser, Path tlsTrustPem, Duration tlsExpiryWarning) {

    public static final Duration DEFAULT_TLS_EXPIRY_WARNING = Duration.ofDays(14);

    /** Without TLS settings: JDK trust, the default expiry warning. */
    public SipCheckConfig(boolean enabled, Duration interval, Duration timeout, int rise, int fall,
                          Duration maxDrain, String fromUser) {
        this(enabled, interval, timeout, rise, fall, maxDrain, fromUser, null, DEFAULT_TLS_EXPIRY_WARNING);
    }
}
