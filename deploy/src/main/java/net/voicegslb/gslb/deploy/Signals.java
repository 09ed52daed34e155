package net.voicegslb.gslb.deploy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP, the Unix way to ask a daemon to re-read its files. */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    @SuppressWarnings("restriction")
    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                LOG.info("SIGHUP: reloading");
                // Off the signal thread: a slow zone load must not hold it.
                Thread t = new Thread(action, "gslb-reload");
                t.setDaemon(true);
                t.start();
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is not available on this platform; use 'gslb reload'");
        }
    }
}
