package net.voicegslb.gslb.pbx.registrar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.pbx.auth.AuthOutcome;
import net.voicegslb.gslb.pbx.auth.DigestAuthenticator;
import net.voicegslb.gslb.pbx.codec.NameAddr;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.config.RegistrarConfig;
import net.voicegslb.gslb.pbx.keepalive.ClientPrefix;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.RegistrationSeen;
import net.voicegslb.gslb.pbx.location.Binding;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransaction;
import net.voicegslb.gslb.pbx.transaction.ToTags;

/**
 * REGISTER processing (RFC 3261 10.3): tenant by the To domain, digest authentication where the
 * tenant asks for it, then add, refresh or remove bindings, answer with every current binding.
 * Runs on the event loop: credentials and bindings are in memory, nothing here blocks.
 */
public final class Registrar {

    private final TenantDirectory tenants;
    private final DigestAuthenticator authenticator;
    private final LocationStore location;
    private final RegistrarConfig config;
    private final Responder responder;
    private final PassiveObserver observer;
    private final SipMetrics metrics;
    private final LongSupplier clock;

    public Registrar(TenantDirectory tenants, DigestAuthenticator authenticator, LocationStore location,
            RegistrarConfig config, Responder responder, PassiveObserver observer, SipMetrics metrics,
            LongSupplier clockMillis) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.location = location;
        this.config = config;
        this.responder = responder;
        this.observer = observer;
        this.metrics = metrics;
        this.clock = clockMillis;
    }

    public void register(SipMessage req, ServerTransaction tx) {
        SipUri to = req.to().uri();
        if (!to.isSip() || to.user() == null || to.user().isEmpty()) {
            reject(tx, req, 400, "To must be a SIP URI with a user");
            return;
        }
        Tenant tenant = tenants.forHost(to.host());
        if (tenant == null) {
            reject(tx, req, 404, "Domain not served here");
            return;
        }
        if (tenant.authRequired()) {
            java.net.InetAddress source = tx.connection().remote().getAddress();
            AuthOutcome outcome = authenticator.authenticate(req, tenant, source);
            if (outcome instanceof AuthOutcome.Blocked) {
                // no answer at all: a guessing client learns nothing and slows down
                metrics.authBlocked.increment();
                return;
            }
            if (outcome instanceof AuthOutcome.Challenge c) {
                (c.stale() ? metrics.authStale : c.unofferedAlgorithm() ? metrics.authUnofferedAlgorithm
                        : c.failed() ? metrics.authFailed : metrics.authChallenged).increment();
                responder.respond(tx, req, 401, "Unauthorized", ToTags.local(req),
                        authenticator.challenge(tenant, c.stale(), source), null);
                return;
            }
            metrics.authOk.increment();
            String authUser = ((AuthOutcome.Authenticated) outcome).user().username();
            if (!authUser.equals(to.user())) {
                reject(tx, req, 403, "Forbidden: credentials are for another user");
                return;
            }
        }
        String aor = to.user() + "@" + tenant.domain();
        List<NameAddr> contacts = req.contacts();
        long now = clock.getAsLong();
        List<Binding> result;
        if (contacts.size() == 1 && contacts.get(0).wildcard()) {
            if (req.expires() != 0) {
                reject(tx, req, 400, "Contact: * needs Expires: 0");
                return;
            }
            result = location.update(aor, old -> {
                List<Binding> keep = new ArrayList<>();
                for (Binding b : old) {
                    // RFC 3261 10.3 step 6: an older request of the same Call-ID must not remove
                    if (b.callId().equals(req.callId()) && b.cseq() >= req.cseq().number()) {
                        keep.add(b);
                    }
                }
                return keep;
            });
        } else {
            for (NameAddr c : contacts) {
                if (c.wildcard()) {
                    reject(tx, req, 400, "Contact: * must be the only contact");
                    return;
                }
                int e = expiresOf(c, req);
                if (e > 0 && e < config.minExpires()) {
                    responder.respond(tx, req, 423, "Interval Too Brief", ToTags.local(req),
                            "Min-Expires: " + config.minExpires() + "\r\n", null);
                    metrics.registerRejected.increment();
                    return;
                }
            }
            if (!contacts.isEmpty() && !withinLimits(req, tx, aor, now)) {
                return;
            }
            result = contacts.isEmpty() ? location.lookup(aor, now) : location.update(aor, old -> apply(old, req, aor, tx, now));
        }
        if (!contacts.isEmpty()) {
            observer.registered(new RegistrationSeen(aor, tx.connection().remote(),
                    ClientPrefix.of(tx.connection().remote().getAddress()), tx.connection().transport(),
                    contacts.get(0).wildcard() ? 0 : expiresOf(contacts.get(0), req), now));
        }
        StringBuilder headers = new StringBuilder(64 * (result.size() + 1));
        for (Binding b : result) {
            if (b.expiresAtMillis() > now) {
                headers.append("Contact: <").append(b.contactText()).append(">;expires=").append(b.secondsLeft(now))
                        .append("\r\n");
            }
        }
        metrics.registerOk.increment();
        responder.respond(tx, req, 200, "OK", ToTags.local(req), headers.toString(), null);
    }

    /**
     * New contacts (refreshes are always let through) must fit under the per-source and the
     * node-wide binding limits: one registering party cannot make the node hold, and keepalive,
     * an unbounded number of contacts. Checked before the update, so concurrent REGISTERs may
     * overshoot a limit by the few contacts they carry.
     */
    private boolean withinLimits(SipMessage req, ServerTransaction tx, String aor, long now) {
        List<Binding> current = location.lookup(aor, now);
        int added = 0;
        for (NameAddr c : req.contacts()) {
            String text = c.uri().text();
            if (expiresOf(c, req) > 0 && current.stream().noneMatch(b -> b.contactText().equals(text))) {
                added++;
            }
        }
        if (added == 0) {
            return true;
        }
        if (location.bindingCount() + added > config.maxBindings()) {
            metrics.registerLimitedBindings.increment();
            reject(tx, req, 503, "Service Unavailable: registration limit reached");
            return false;
        }
        if (location.bindingsFrom(tx.connection().remote().getAddress()) + added > config.maxContactsPerSource()) {
            metrics.registerLimitedPerSource.increment();
            reject(tx, req, 403, "Forbidden: too many contacts from this address");
            return false;
        }
        return true;
    }

    private List<Binding> apply(List<Binding> old, SipMessage req, String aor, ServerTransaction tx, long now) {
        List<Binding> next = new ArrayList<>(old.size() + req.contacts().size());
        for (Binding b : old) {
            if (b.expiresAtMillis() > now) {
                next.add(b);
            }
        }
        for (NameAddr c : req.contacts()) {
            String text = c.uri().text();
            int expires = expiresOf(c, req);
            int existing = -1;
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).contactText().equals(text)) {
                    existing = i;
                    break;
                }
            }
            if (existing >= 0) {
                Binding b = next.get(existing);
                if (b.callId().equals(req.callId()) && b.cseq() >= req.cseq().number()) {
                    continue; // out of order within one Call-ID: keep the newer state (10.3 step 7)
                }
                next.remove(existing);
            }
            if (expires > 0) {
                if (next.size() >= config.maxContacts()) {
                    next.remove(0); // the oldest binding gives way: phones re-register, stale ones do not
                }
                next.add(new Binding(aor, text, c.uri(), ContactFlow.of(c.uri(), tx.connection()), req.callId(),
                        req.cseq().number(), now + expires * 1000L, tx.connection()));
            }
        }
        return next;
    }

    private int expiresOf(NameAddr contact, SipMessage req) {
        int e = contact.expires() >= 0 ? contact.expires() : req.expires() >= 0 ? req.expires() : config.defaultExpires();
        return Math.min(e, config.maxExpires());
    }

    private void reject(ServerTransaction tx, SipMessage req, int status, String reason) {
        metrics.registerRejected.increment();
        responder.respond(tx, req, status, reason);
    }
}
