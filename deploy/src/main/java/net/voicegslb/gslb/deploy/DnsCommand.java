package net.voicegslb.gslb.deploy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.voicegslb.gslb.dns.DnsNode;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ListenAddress;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gslb dns}: the authoritative DNS server. Runs until SIGINT/SIGTERM; SIGHUP reloads zones. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = {"Run the authoritative DNS server on the zones of a YAML config.",
            "SIGHUP (or 'gslb reload') re-reads the zone files; a broken file keeps the old zone."})
final class DnsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DnsCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "DNS address (UDP and TCP), repeatable; replaces dns.listen of the config")
    List<String> listen = new ArrayList<>();

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT|off",
            description = "admin HTTP address (/metrics, /healthz, /admin/reload); replaces admin.listen")
    String adminListen;

    @Option(names = "--threads", paramLabel = "N", description = "event loops; replaces dns.threads (0 = one per CPU)")
    Integer threads;

    @Option(names = "--no-native", description = "use Java NIO even where native epoll is available")
    boolean noNative;

    @Override
    public Integer call() throws Exception {
        DnsConfig cfg;
        try {
            cfg = Overrides.apply(new ConfigLoader().load(config), listen, adminListen, threads);
        } catch (ConfigException e) {
            System.err.println("gslb dns: configuration is not valid:\n" + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (IllegalArgumentException e) {
            System.err.println("gslb dns: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DnsNode node;
        try {
            node = DnsNode.start(cfg, !noNative);
        } catch (ZoneSetLoader.ZoneSetException e) {
            System.err.println("gslb dns: zone files are not valid:\n" + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (Exception e) {
            System.err.println("gslb dns: cannot start: " + e.getMessage());
            LOG.debug("start failure", e);
            return ExitCodes.START;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onHangup(node::reload);
        // SIGTERM and SIGINT are a normal stop: close and exit 0, which is what systemd expects.
        Signals.onStop(stop::countDown);
        LOG.info("serving on {}", node.dnsAddresses().stream().map(ListenAddress::format).toList());
        stop.await();
        LOG.info("stopping");
        node.close();
        return ExitCodes.OK;
    }

    /** Command-line flags take precedence over the file, as operators expect. */
    static final class Overrides {
        private Overrides() {}

        static DnsConfig apply(DnsConfig cfg, List<String> listen, String adminListen, Integer threads) {
            DnsConfig out = cfg;
            if (!listen.isEmpty()) {
                List<InetSocketAddress> addresses = listen.stream().map(ListenAddress::parse).toList();
                out = out.withListen(addresses);
            }
            if (adminListen != null) {
                InetSocketAddress a = adminListen.equals("off") ? null : ListenAddress.parse(adminListen);
                out = out.withAdmin(out.admin().withListen(a));
            }
            if (threads != null) {
                if (threads < 0 || threads > 256) {
                    throw new IllegalArgumentException("--threads must be 0 to 256");
                }
                out = new DnsConfig(out.file(), out.listen(), threads, out.udpMaxPayload(), out.tcpIdleTimeout(),
                        out.tcpMaxConnections(), out.missCacheSize(), out.zones(), out.admin(), out.gslb());
            }
            return out;
        }
    }
}
