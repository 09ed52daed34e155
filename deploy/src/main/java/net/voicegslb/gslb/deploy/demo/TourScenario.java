package net.voicegslb.gslb.deploy.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code gslb demo --scenario tour}: degrades one path until the answers move, clears it, kills a
 * site and brings it back, printing after each step what the DNS server answered each network and
 * how long the change took. Each step has a bound from the product's own parameters (hold 10 s,
 * reports every 2 s, a node down after 3 missed heartbeats); a step that misses its bound is said
 * so, and the tour ends with exit code 1.
 */
public final class TourScenario {

    private final DemoLab lab;
    private final DemoView view;
    private final PrintStream out;
    private final CountDownLatch stopped;

    public TourScenario(DemoLab lab, DemoView view, PrintStream out, CountDownLatch stopped) {
        this.lab = lab;
        this.view = view;
        this.out = out;
        this.stopped = stopped;
    }

    /** Plays the tour; false when a step missed its bound or the demo was stopped. */
    public boolean play() throws Exception {
        out.println();
        out.println("== tour 1/5: the starting point");
        out.print(view.render(view.snapshot()));
        step("2/5: ap's path to sin loses 10 % of its packets (ctl impair ap sin --loss 10);"
                        + " ap should move away from sin after the hold (10 s)",
                () -> lab.impair("ap", "sin", null, null, 10.0), Duration.ofSeconds(30),
                s -> !row(s, "ap").site().equals("sin") && !row(s, "ap").site().equals("-"));
        step("3/5: the path heals (ctl clear); ap should come back to sin once sin leads again for the hold",
                lab::clear, Duration.ofSeconds(60), s -> row(s, "ap").site().equals("sin"));
        step("4/5: site nyc loses power (ctl kill nyc); nyc should leave every answer within 3 s",
                () -> lab.kill("nyc"), Duration.ofSeconds(10),
                s -> s.networks().stream().noneMatch(r -> r.addresses().contains("127.0.2.1")));
        step("   its phones find their flow dead (keepalives every 5 s) and register at the site now answered",
                () -> { }, Duration.ofSeconds(30),
                s -> s.networks().stream().noneMatch(r -> r.phonesBySite().containsKey("nyc")));
        step("5/5: nyc comes back (ctl restore nyc); na should return to nyc after it is healthy again",
                () -> lab.restore("nyc"), Duration.ofSeconds(60), s -> row(s, "na").site().equals("nyc"));
        out.println(failed ? "== tour stopped: a step missed its bound (above)" : "== tour done: every step within its bound");
        return !failed;
    }

    private boolean failed;

    private interface Action {
        void run() throws Exception;
    }

    private void step(String title, Action action, Duration bound, Predicate<DemoView.Snapshot> done)
            throws Exception {
        if (failed) {
            return;
        }
        out.println();
        out.println("== tour " + title);
        long start = System.nanoTime();
        action.run();
        DemoView.Snapshot s = view.snapshot();
        while (!done.test(s)) {
            if (System.nanoTime() - start > bound.toNanos()) {
                out.print(view.render(s));
                out.println("!! not within " + bound.toSeconds() + " s: " + view.line(s));
                failed = true;
                return;
            }
            if (stopped.await(250, TimeUnit.MILLISECONDS)) {
                failed = true;
                return;
            }
            s = view.snapshot();
        }
        double took = (System.nanoTime() - start) / 1e9;
        out.printf(java.util.Locale.ROOT, "-> after %.1f s: %s%n", took, view.line(s));
        out.print(view.render(s));
    }

    private static DemoView.NetworkRow row(DemoView.Snapshot s, String network) {
        return s.networks().stream().filter(r -> r.network().equals(network)).findFirst().orElseThrow();
    }
}
