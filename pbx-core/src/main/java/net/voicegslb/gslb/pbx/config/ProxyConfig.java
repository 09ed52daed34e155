package net.voicegslb.gslb.pbx.config;

import java.time.Duration;
import java.util.List;

/**
 * What the proxy lets through (section {@code proxy:}).
 *
 * @param allowUnknownCallers admit initial requests from callers of domains we do not serve (inbound
 *        calls from anywhere); off by default, so that every dialog-creating request is either
 *        authenticated by digest, vouched for by a peer site, or from a tenant with {@code auth: none}
 * @param routeSecrets keys that sign our Record-Route (first signs, all verify: rotation); empty means a
 *        random key per start, so dialogs do not survive a restart
 * @param maxDialogs dialogs kept at once; new calls beyond it get 503
 * @param maxDialogAge a dialog (and its Record-Route stamp) older than this is forgotten, its media freed
 * @param maxCallsPerSource dialogs at once per source IP address (403 beyond)
 * @param maxPendingInvitesPerSource INVITEs without a final answer at once per source IP address (503 beyond)
 */
public record ProxyConfig(boolean allowUnknownCallers, List<RouteSecret> routeSecrets, int maxDialogs,
        Duration maxDialogAge, int maxCallsPerSource, int maxPendingInvitesPerSource) {

    /** One route key: {@code id} names it inside the stamp, so that old stamps verify after a rotation. */
    public record RouteSecret(String id, String secret) {
        @Override
        public String toString() {
            return "RouteSecret[" + id + "]"; // never the secret
        }
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(false, List.of(), 10_000, Duration.ofHours(12), 100, 20);
    }
}
