package net.voicegslb.gslb.pbx.keepalive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default until the probe agent exists: keepalive results at DEBUG, failures at INFO. */
public final class LoggingPassiveObserver implements PassiveObserver {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingPassiveObserver.class);

    @Override
    public void registered(RegistrationSeen e) {
        LOG.debug("registered {} from {} ({}) over {} for {}s", e.aor(), e.source(), e.clientPrefix(), e.transport(),
                e.expiresSeconds());
    }

    @Override
    public void keepalive(KeepaliveResult e) {
        if (e.answered()) {
            LOG.debug("keepalive {} at {} ({}): {} in {} us", e.aor(), e.target(), e.clientPrefix(), e.status(),
                    e.rttNanos() / 1000);
        } else {
            LOG.info("keepalive {} at {} ({}): no answer", e.aor(), e.target(), e.clientPrefix());
        }
    }
}
