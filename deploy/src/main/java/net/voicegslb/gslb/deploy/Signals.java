package net.voicegslb.gslb.deploy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP, the Unix way to ask a daemon to re-read its files; SIGTERM and SIGINT to stop it. */
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
            // The JVM refuses a handler for a signal ignored at start, which is what nohup does
            LOG.warn("SIGHUP cannot be handled (started under nohup, or no such signal here): reload with"
                    + " 'gslb reload' (admin API) instead");
        }
    }

    /**
     * Replaces the JVM's default handling of SIGTERM and SIGINT (exit status 143/130) with
     * {@code action}, so that the command can close cleanly and exit 0.
     */
    @SuppressWarnings("restriction")
    static void onStop(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            } catch (IllegalArgumentException e) {
                LOG.warn("SIG{} cannot be handled on this platform", name);
            }
        }
    }
}
