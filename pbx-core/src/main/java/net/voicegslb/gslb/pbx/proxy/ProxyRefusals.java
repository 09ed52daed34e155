package net.voicegslb.gslb.pbx.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gslb.sip.proxy.refused{reason}} (Prometheus {@code gslb_sip_proxy_refused_total}): every
 * request the proxy's guards turned away, by reason.
 */
public final class ProxyRefusals {

    public enum Reason {
        /** A Route naming another host, outside a dialog of ours (open relay attempt). */
        RELAY,
        /** An in-dialog request without a valid stamp of ours (forged, foreign or expired). */
        NO_DIALOG,
        /** A re-INVITE with SDP for a dialog we do not (or no longer) know. */
        UNKNOWN_DIALOG,
        /** An initial request from a domain we do not serve, with allow_unknown_callers off. */
        UNKNOWN_CALLER,
        /** Authenticated as a user other than the one in From. */
        WRONG_USER,
        /** A peer token that is missing its peer, altered, expired or replayed. */
        PEER_TOKEN,
        /** max_dialogs reached. */
        DIALOGS_FULL,
        /** max_calls_per_source reached. */
        SOURCE_CALLS,
        /** max_pending_invites_per_source reached. */
        SOURCE_PENDING,
        /** A sips: request whose only way on is not TLS (RFC 5630: refused, never downgraded). */
        SIPS_DOWNGRADE
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    public ProxyRefusals(MeterRegistry registry) {
        for (Reason r : Reason.values()) {
            counters.put(r, registry.counter("gslb.sip.proxy.refused", "reason", r.name().toLowerCase(Locale.ROOT)));
        }
    }

    public void count(Reason reason) {
        counters.get(reason).increment();
    }
}
