package net.voicegslb.gslb.deploy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import net.voicegslb.gslb.pbx.PbxServer;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.pbx.store.PbxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb pbx}: a PBX node (SIP registrar and proxy, media anchored in the embedded RTP relay).
 * Runs until SIGINT/SIGTERM; SIGHUP reloads the tenants and users of the config file.
 * {@code gslb pbx user ...} manages users in the node's store.
 */
@Command(name = "pbx", mixinStandardHelpOptions = true, subcommands = PbxUserCommand.class,
        description = {"Run a PBX node: SIP registrar and proxy on UDP and TCP, media anchored in the RTP relay.",
            "Users come from the config (users, users_file) and from 'gslb pbx user add'."})
final class PbxCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PbxCommand.class);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (required to run)")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "SIP address (UDP and TCP), repeatable; replaces sip.listen of the config")
    List<String> listen = new ArrayList<>();

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT|off",
            description = "HTTP address for /metrics and /healthz; replaces metrics.listen")
    String metricsListen;

    @Option(names = "--agent-config", paramLabel = "FILE",
            description = "run the probe agent inside the node (its YAML, as for 'gslb agent'): registrations, "
                    + "keepalive round trips and RTP statistics feed it, and it streams them to the DNS nodes")
    Path agentConfig;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--config=FILE'");
        }
        PbxConfig cfg;
        try {
            cfg = new PbxConfigLoader().load(config);
            if (!listen.isEmpty()) {
                List<InetSocketAddress> addresses = new ArrayList<>();
                for (String l : listen) {
                    addresses.add(ListenAddress.parse(l));
                }
                cfg = cfg.withListen(addresses);
            }
            if (metricsListen != null) {
                cfg = cfg.withMetricsListen(metricsListen.equals("off") ? null : ListenAddress.parse(metricsListen));
            }
        } catch (ConfigException e) {
            System.err.println("gslb pbx: configuration is not valid:\n" + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (IllegalArgumentException e) {
            System.err.println("gslb pbx: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AgentConfig agentCfg = null;
        if (agentConfig != null) {
            try {
                agentCfg = new AgentConfigLoader().load(agentConfig);
            } catch (ConfigException e) {
                System.err.println("gslb pbx: agent configuration is not valid:\n" + e.getMessage());
                return ExitCodes.CONFIG;
            }
        }
        PbxStore store;
        try {
            store = PbxStore.openFile(cfg.storePath());
        } catch (RuntimeException e) {
            System.err.println("gslb pbx: cannot open the store " + cfg.storePath() + ": " + rootMessage(e));
            return ExitCodes.START;
        }
        PbxServer server;
        try {
            server = PbxServer.start(cfg, agentCfg, store);
        } catch (Exception e) {
            System.err.println("gslb pbx: cannot start: " + rootMessage(e));
            LOG.debug("start failure", e);
            return ExitCodes.START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            stopped.countDown();
        }, "gslb-shutdown"));
        // SIGHUP re-reads the config's tenants and users; a broken file is refused and the old one serves on
        Signals.onHangup(server::reload);
        InetSocketAddress metrics = server.metricsAddress();
        LOG.info("pbx serving SIP on {}{}", server.sipAddresses().stream().map(ListenAddress::format).toList(),
                metrics == null ? "" : ", metrics on http://" + ListenAddress.format(metrics) + "/metrics");
        stopped.await();
        return ExitCodes.OK;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
