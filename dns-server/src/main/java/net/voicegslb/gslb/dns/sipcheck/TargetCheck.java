package net.voicegslb.gslb.dns.sipcheck;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.common.sip.OptionsOutcome;
import net.voicegslb.gslb.common.sip.OptionsSession;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.explain.HumanTime;

/**
 * One target of a node, checked through its own session of the shared OPTIONS client (which keeps
 * the socket between rounds). Turns the client's outcome into the check's: the verdict, and for
 * TLS the certificate's expiry, reported as a gauge every round and in the detail once it falls
 * within the warning window. Runs on the checker's event loop only.
 */
final class TargetCheck {

    /** Where the node's certificate expiry goes (a gauge). */
    interface CertificateSink {
        void notAfter(SipCheckTarget target, long notAfterMillis);
    }

    private final SipCheckTarget target;
    private final OptionsSession session;
    private final Duration expiryWarning;
    private final LongSupplier clockMillis;
    private final CertificateSink certificates;

    TargetCheck(SipCheckTarget target, OptionsSession session, Duration expiryWarning, LongSupplier clockMillis,
                CertificateSink certificates) {
        this.target = target;
        this.session = session;
        this.expiryWarning = expiryWarning;
        this.clockMillis = clockMillis;
        this.certificates = certificates;
    }

    /** Starts one check; {@code whenDone} gets exactly one outcome. */
    void check(Consumer<TargetOutcome> whenDone) {
        session.send(o -> whenDone.accept(outcome(o)));
    }

    private TargetOutcome outcome(OptionsOutcome o) {
        TargetOutcome outcome = TargetOutcome.of(target, o);
        if (!o.hasCertificate()) {
            return outcome;
        }
        long notAfter = o.certificateNotAfterMillis();
        certificates.notAfter(target, notAfter);
        long now = clockMillis.getAsLong();
        return o.answered() && notAfter > now && notAfter - now <= expiryWarning.toMillis()
                ? outcome.withNote("TLS certificate expires " + HumanTime.instant(notAfter, now)) : outcome;
    }

    void close() {
        session.close();
    }
}
