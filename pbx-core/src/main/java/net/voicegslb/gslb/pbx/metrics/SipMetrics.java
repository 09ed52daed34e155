package net.voicegslb.gslb.pbx.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import net.voicegslb.gslb.pbx.codec.SipMethod;

/**
 * SIP meters, created once so that the hot path only increments:
 * <ul>
 *   <li>{@code gslb.sip.requests{method}}: requests received (retransmissions excluded);
 *   <li>{@code gslb.sip.responses.sent{class=1xx..6xx}}: responses the node generated;
 *   <li>{@code gslb.sip.retransmissions.absorbed}: retransmitted requests answered from the transaction;
 *   <li>{@code gslb.sip.auth{outcome=ok|challenged|stale|failed|blocked|unoffered_algorithm}}: digest
 *       outcomes (unoffered_algorithm: an answer with an algorithm its tenant's challenge did not offer);
 *   <li>{@code gslb.sip.register{outcome=ok|rejected}}: REGISTER results;
 *   <li>{@code gslb.sip.proxy{outcome=forwarded|to_peer|not_found|unavailable|media_error|response_for_us}}:
 *       request routing (to_peer: the user is not registered here, the request goes to another site;
 *       response_for_us: a response with no Via left under ours, not forwarded, RFC 3261 16.7 step 3);
 *   <li>{@code gslb.sip.register.limited{limit=contacts_per_source|bindings}}: REGISTERs refused
 *       because they would exceed registrar.max_contacts_per_source (403) or registrar.max_bindings (503).
 * </ul>
 */
public final class SipMetrics {

    private final Map<SipMethod, Counter> requests = new EnumMap<>(SipMethod.class);
    private final Counter[] responses = new Counter[7];
    public final Counter absorbed;
    public final Counter authOk;
    public final Counter authChallenged;
    public final Counter authStale;
    public final Counter authFailed;
    public final Counter authBlocked;
    public final Counter authUnofferedAlgorithm;
    public final Counter registerOk;
    public final Counter registerRejected;
    public final Counter proxyForwarded;
    public final Counter proxyNotFound;
    public final Counter proxyUnavailable;
    public final Counter proxyMediaError;
    public final Counter proxyPeer;
    public final Counter proxyResponseForUs;
    public final Counter registerLimitedPerSource;
    public final Counter registerLimitedBindings;

    public SipMetrics(MeterRegistry r) {
        for (SipMethod m : SipMethod.values()) {
            requests.put(m, r.counter("gslb.sip.requests", "method", m.name()));
        }
        for (int c = 1; c <= 6; c++) {
            responses[c] = r.counter("gslb.sip.responses.sent", "class", c + "xx");
        }
        absorbed = r.counter("gslb.sip.retransmissions.absorbed");
        authOk = r.counter("gslb.sip.auth", "outcome", "ok");
        authChallenged = r.counter("gslb.sip.auth", "outcome", "challenged");
        authStale = r.counter("gslb.sip.auth", "outcome", "stale");
        authFailed = r.counter("gslb.sip.auth", "outcome", "failed");
        authBlocked = r.counter("gslb.sip.auth", "outcome", "blocked");
        authUnofferedAlgorithm = r.counter("gslb.sip.auth", "outcome", "unoffered_algorithm");
        registerOk = r.counter("gslb.sip.register", "outcome", "ok");
        registerRejected = r.counter("gslb.sip.register", "outcome", "rejected");
        proxyForwarded = r.counter("gslb.sip.proxy", "outcome", "forwarded");
        proxyNotFound = r.counter("gslb.sip.proxy", "outcome", "not_found");
        proxyUnavailable = r.counter("gslb.sip.proxy", "outcome", "unavailable");
        proxyMediaError = r.counter("gslb.sip.proxy", "outcome", "media_error");
        proxyPeer = r.counter("gslb.sip.proxy", "outcome", "to_peer");
        proxyResponseForUs = r.counter("gslb.sip.proxy", "outcome", "response_for_us");
        registerLimitedPerSource = r.counter("gslb.sip.register.limited", "limit", "contacts_per_source");
        registerLimitedBindings = r.counter("gslb.sip.register.limited", "limit", "bindings");
    }

    public void request(SipMethod m) {
        requests.get(m).increment();
    }

    public void response(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 6) {
            responses[c].increment();
        }
    }
}
