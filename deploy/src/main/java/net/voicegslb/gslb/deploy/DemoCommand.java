package net.voicegslb.gslb.deploy;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.deploy.demo.DemoControl;
import net.voicegslb.gslb.deploy.demo.DemoFiles;
import net.voicegslb.gslb.deploy.demo.DemoLab;
import net.voicegslb.gslb.deploy.demo.DemoPlan;
import net.voicegslb.gslb.deploy.demo.DemoView;
import net.voicegslb.gslb.deploy.demo.TourScenario;
import net.voicegslb.gslb.policy.config.Durations;
import net.voicegslb.gslb.policy.config.ListenAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb demo}: the whole product on loopback in one process: the DNS node, four PBX nodes in
 * three sites with their agents, three client networks behind impaired paths, and phones. The lab
 * itself lives in {@code deploy.demo}; this class parses flags and runs the life cycle.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = DemoCtlCommand.class,
        description = {"Run the whole product on loopback: a DNS node for voip.example.test, PBX nodes in three sites",
            "(fra 127.0.1.1/.2, nyc 127.0.2.1, sin 127.0.3.1) with their agents, three client networks",
            "(eu 127.20.1.0/24, na 127.20.2.0/24, ap 127.20.3.0/24) behind impaired paths, and phones that",
            "register and call through the nodes. 'gslb demo ctl' injects faults while it runs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by Ctrl-C/SIGTERM, --duration or the end of --scenario",
            "1:the tour's expectations did not hold",
            "2:bad command-line flags",
            "4:a port the demo needs is taken (named), or a part did not start"})
final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration STEER_TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:5353", paramLabel = "HOST:PORT",
            description = "the DNS node's address, UDP and TCP (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--admin-listen", defaultValue = "127.0.0.1:8053", paramLabel = "HOST:PORT",
            description = "the DNS node's admin API (default: ${DEFAULT-VALUE})")
    String adminListen;

    @Option(names = "--telemetry-listen", defaultValue = "127.0.0.1:8444", paramLabel = "HOST:PORT",
            description = "where the agents stream to (default: ${DEFAULT-VALUE})")
    String telemetryListen;

    @Option(names = "--control-listen", defaultValue = "127.0.0.1:8054", paramLabel = "HOST:PORT",
            description = "the control channel of 'gslb demo ctl' (default: ${DEFAULT-VALUE})")
    String controlListen;

    @Option(names = "--workdir", defaultValue = "gslb-demo", paramLabel = "DIR",
            description = "configs, tokens and H2 files, reused by the next run (default: ${DEFAULT-VALUE})")
    Path workdir;

    @Option(names = "--fresh", description = "wipe the work directory first")
    boolean fresh;

    @Option(names = "--phones", defaultValue = "4", paramLabel = "N",
            description = "phones per client network (default: ${DEFAULT-VALUE}, at most 99)")
    int phones;

    @Option(names = "--calls", defaultValue = "1", paramLabel = "N",
            description = "calls kept up at once per client network (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "stop after this long, e.g. 90s or 10m (default: until Ctrl-C)")
    String duration;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "play a narrated scenario, then stop: tour (degrade a path, kill a site, bring it back)")
    String scenario;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        DemoFiles.Listeners listeners;
        Duration limit;
        try {
            listeners = new DemoFiles.Listeners(ListenAddress.parse(listen), ListenAddress.parse(adminListen),
                    ListenAddress.parse(telemetryListen), ListenAddress.parse(controlListen));
            limit = duration == null ? null : Durations.parse(duration);
            if (phones < 2 || phones > 99) {
                throw new IllegalArgumentException("--phones must be 2 to 99 (a call needs two phones of a network)");
            }
            if (calls < 0 || calls > phones / 2) {
                throw new IllegalArgumentException("--calls must be 0 to --phones/2 (" + phones / 2 + ")");
            }
            if (scenario != null && !scenario.equals("tour")) {
                throw new IllegalArgumentException("--scenario: the only scenario is 'tour'");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String taken = DemoLab.firstTakenPort(listeners);
        if (taken != null) {
            boolean movable = taken.startsWith("127.0.0.1:");
            System.err.println("gslb demo: port " + taken + " is taken; stop what holds it (another demo?)"
                    + (movable ? " or move the demo's listeners on 127.0.0.1 with --listen, --admin-listen,"
                            + " --telemetry-listen, --control-listen" : ""));
            return ExitCodes.START;
        }
        DemoFiles files = new DemoFiles(workdir);
        if (fresh) {
            files.wipe();
        }
        Instant started = Instant.now();
        out.println("gslb demo: starting in " + files.dir() + (fresh ? " (fresh)" : ""));
        DemoLab lab;
        try {
            lab = DemoLab.start(files, listeners, phones, calls, out);
        } catch (Exception e) {
            System.err.println("gslb demo: cannot start: " + PbxCommand.rootMessage(e));
            LOG.debug("start failure", e);
            return ExitCodes.START;
        }
        DemoView view = new DemoView(lab, started);
        DemoControl control;
        try {
            control = DemoControl.start(listeners.control(), lab, view);
        } catch (Exception e) {
            lab.close();
            System.err.println("gslb demo: cannot start the control channel: " + PbxCommand.rootMessage(e));
            return ExitCodes.START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "gslb-demo-shutdown"));
        int rc = ExitCodes.OK;
        try {
            printReady(out, files, listeners, control.address());
            Duration steer = awaitSteered(view, started, stopped, out);
            if (steer != null) {
                out.println("steered: each network answered by its near site with ECS scope /24, "
                        + steer.toMillis() / 1000.0 + " s after start");
            }
            Instant end = limit == null ? null : started.plus(limit);
            if (scenario != null) {
                boolean ok = new TourScenario(lab, view, out, stopped).play();
                rc = ok ? ExitCodes.OK : ExitCodes.FAILED;
            } else {
                watch(view, out, stopped, end);
            }
        } finally {
            out.println("gslb demo: stopping");
            control.close();
            lab.close();
            Files.deleteIfExists(files.controlAddressFile());
            out.println("gslb demo: stopped; state kept in " + files.dir() + " (--fresh wipes it)");
            closed.countDown();
        }
        return rc;
    }

    private static void printReady(PrintStream out, DemoFiles files, DemoFiles.Listeners l,
            InetSocketAddress control) {
        String dns = l.dns().getAddress().getHostAddress();
        int port = l.dns().getPort();
        out.println("  control   http://" + ListenAddress.format(control) + " (token in " + files.controlToken() + ")");
        out.println("ready. Try, in another terminal:");
        for (DemoPlan.Network n : DemoPlan.NETWORKS) {
            out.println("  dig @" + dns + " -p " + port + " " + DemoPlan.SERVICE + " A +subnet=" + n.prefix()
                    + "    # " + n.name() + ": expect " + n.nearSite());
        }
        out.println("  ./gslb explain --config " + files.dnsConfig() + " --client 127.20.3.0/24 " + DemoPlan.SERVICE);
        out.println("  ./gslb demo ctl --workdir " + files.dir() + " impair ap sin --loss 10    # ap moves away from sin");
        out.println("  ./gslb demo ctl --workdir " + files.dir() + " kill nyc                   # nyc leaves every answer");
        out.println("  ./gslb demo ctl --workdir " + files.dir() + " restore nyc ; ... clear ; ... status");
    }

    /** Waits until every network is steered to its near site; null when it did not happen in time. */
    private static Duration awaitSteered(DemoView view, Instant started, CountDownLatch stopped, PrintStream out)
            throws InterruptedException {
        Instant deadline = started.plus(STEER_TIMEOUT);
        Instant lastLine = Instant.EPOCH;
        while (Instant.now().isBefore(deadline)) {
            DemoView.Snapshot s = view.snapshot();
            if (DemoView.steered(s)) {
                return Duration.between(started, s.at());
            }
            if (Duration.between(lastLine, Instant.now()).toSeconds() >= 5) {
                out.println("waiting for measurements (" + Duration.between(started, Instant.now()).toSeconds()
                        + " s): " + view.line(s));
                lastLine = Instant.now();
            }
            if (stopped.await(500, TimeUnit.MILLISECONDS)) {
                return null;
            }
        }
        out.println("not steered within " + STEER_TIMEOUT.toSeconds() + " s: " + view.line(view.snapshot()));
        return null;
    }

    /** The live table on a terminal (redrawn every 2 s), a log line every 10 s otherwise. */
    private static void watch(DemoView view, PrintStream out, CountDownLatch stopped, Instant end)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        long period = terminal ? 2000 : 10_000;
        while (end == null || Instant.now().isBefore(end)) {
            DemoView.Snapshot s = view.snapshot();
            if (terminal) {
                out.print("\033[H\033[2J" + view.render(s) + "\n(Ctrl-C stops the demo)\n");
            } else {
                out.println(s.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + view.line(s)
                        + (s.phones().isEmpty() ? "" : "; phones: " + s.phones()));
            }
            long wait = end == null ? period : Math.min(period, Math.max(1, Duration.between(Instant.now(), end).toMillis()));
            if (stopped.await(wait, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }
}
