package net.voicegslb.gslb.agent.config;

import net.voicegslb.gslb.policy.config.YamlSection;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import net.voicegslb.gslb.agent.probe.ReflectorLimits;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.config.SecretFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the agent's YAML into an {@link AgentConfig}, reporting every problem with file, line and
 * field at once (the dns-server loader's style; the agent keeps its own copy so it does not depend
 * on dns-server). Relative paths are resolved against the config file's directory.
 */
public final class AgentConfigLoader {

    private static final int MAX_CONFIG_BYTES = 1024 * 1024;

    public AgentConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        Node root = parse(absolute, problems);
        if (root == null) {
            throw new ConfigException(problems);
        }
        Path base = absolute.getParent();
        YamlSection top = new YamlSection(absolute, "", root, problems);
        top.rejectUnknown(Set.of("agent", "telemetry", "stamp", "probes", "pbx"));

        YamlSection agent = top.section("agent");
        agent.rejectUnknown(Set.of("node_id", "site", "hostname", "capacity_calls", "heartbeat_interval",
                "report_interval", "public_address", "metrics_listen", "cpu_load"));
        agent.require("node_id");
        agent.require("site");
        String nodeId = agent.string("node_id", "");
        String site = agent.string("site", "");
        String hostname = agent.string("hostname", nodeId);
        int capacity = agent.integer("capacity_calls", 0, 0, 10_000_000);
        Duration heartbeat = positive(agent, "heartbeat_interval", Duration.ofSeconds(1));
        Duration report = positive(agent, "report_interval", Duration.ofSeconds(5));
        InetSocketAddress metricsListen = address(agent, "metrics_listen", "off");
        boolean cpuLoad = agent.bool("cpu_load", true);
        InetAddress publicAddress = null;
        InetSocketAddress stunServer = null;
        if (agent.has("public_address")) {
            String text = agent.string("public_address", "");
            try {
                if (text.startsWith("stun:")) {
                    stunServer = ListenAddress.parse(text.substring(5));
                } else {
                    publicAddress = ListenAddress.parse(text + ":1").getAddress();
                }
            } catch (IllegalArgumentException e) {
                agent.problem("public_address", "must be an IP address or stun:IP:PORT (" + e.getMessage() + ")");
            }
        }

        YamlSection telemetry = top.section("telemetry");
        telemetry.rejectUnknown(Set.of("nodes", "heartbeat_queue", "batch_queue", "backoff_base", "backoff_cap",
                "tls", "discover"));
        List<AgentConfig.DnsNodeConfig> nodes = new ArrayList<>();
        for (YamlSection n : telemetry.sections("nodes")) {
            n.rejectUnknown(Set.of("url", "token_file", "allow_plaintext"));
            n.require("url");
            String url = n.string("url", "");
            boolean plaintextOk = "true".equals(n.string("allow_plaintext", "false"));
            Path token = n.has("token_file") ? base.resolve(n.string("token_file", "")).normalize() : null;
            try {
                URI uri = URI.create(url);
                if ("ws".equals(uri.getScheme()) && !plaintextOk) {
                    n.problem("url", "ws:// sends the token in clear; use wss:// or set allow_plaintext: true");
                } else if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                    n.problem("url", "must be wss://HOST:PORT/telemetry/v1");
                } else {
                    nodes.add(new AgentConfig.DnsNodeConfig(uri, token));
                }
            } catch (IllegalArgumentException e) {
                n.problem("url", "not a URL: " + e.getMessage());
            }
            if (token != null && !Files.isReadable(token)) {
                n.problem("token_file", "cannot read " + token);
            } else if (token != null) {
                checkPrivate(n, "token_file", token);
            }
        }
        AgentConfig.NsDiscoveryConfig discover = null;
        if (telemetry.has("discover")) {
            YamlSection d = telemetry.section("discover");
            d.rejectUnknown(Set.of("zone", "port", "path", "token_file", "resolver", "allow_plaintext", "trust_pem",
                    "name_suffix"));
            d.require("zone");
            if ("true".equals(d.string("allow_plaintext", "false"))) {
                d.problem("allow_plaintext", "not allowed with discovery: NS answers are unauthenticated, so only TLS "
                        + "with trust_pem proves a discovered node is ours before it gets the token; list a "
                        + "plaintext lab node under telemetry.nodes instead");
            }
            if (!d.has("trust_pem")) {
                d.problem("trust_pem", "is required: NS answers are unauthenticated DNS, so a discovered node must "
                        + "present a certificate from this private CA (PEM) before it is sent the token");
            }
            Path trust = readable(d, "trust_pem", base);
            String suffix = nameSuffix(d);
            Path token = d.has("token_file") ? secret(d, "token_file", base) : null;
            InetSocketAddress resolver = d.has("resolver") ? address(d, "resolver", null) : null;
            if (trust != null && suffix != null) {
                discover = new AgentConfig.NsDiscoveryConfig(d.string("zone", ""), "wss",
                        d.integer("port", 443, 1, 65535), d.string("path", "/telemetry/v1"), token, resolver, trust,
                        suffix);
            }
        }
        if (!telemetry.has("nodes") && !telemetry.has("discover")) {
            telemetry.problem("nodes", "is required (or telemetry.discover): at least one DNS node to report to");
        }
        int hbQueue = telemetry.integer("heartbeat_queue", 4, 1, 1000);
        int batchQueue = telemetry.integer("batch_queue", 256, 1, 100_000);
        Duration backoffBase = positive(telemetry, "backoff_base", Duration.ofMillis(500));
        Duration backoffCap = positive(telemetry, "backoff_cap", Duration.ofSeconds(30));
        if (backoffCap.compareTo(backoffBase) < 0) {
            telemetry.problem("backoff_cap", "must not be shorter than backoff_base");
        }

        YamlSection tlsSection = telemetry.section("tls");
        tlsSection.rejectUnknown(Set.of("trust_pem", "cert_pem", "key_pem"));
        AgentConfig.TlsFiles tls = new AgentConfig.TlsFiles(readable(tlsSection, "trust_pem", base),
                readable(tlsSection, "cert_pem", base), secret(tlsSection, "key_pem", base));
        if ((tls.certPem() == null) != (tls.keyPem() == null)) {
            tlsSection.problem(tls.certPem() == null ? "cert_pem" : "key_pem",
                    "mutual TLS needs both cert_pem and key_pem");
        }

        YamlSection stamp = top.section("stamp");
        stamp.rejectUnknown(Set.of("reflector", "loss_timeout", "reflector_source_rate", "reflector_max_rate",
                "reflector_max_sources"));
        // The node's own address, never the wildcard unless asked for: a reflector on every
        // interface answers networks the operator never meant to serve.
        String ownHost = publicAddress == null ? "127.0.0.1" : publicAddress.getHostAddress();
        InetSocketAddress reflector = address(stamp, "reflector",
                (ownHost.contains(":") ? "[" + ownHost + "]" : ownHost) + ":862");
        ReflectorLimits reflectorLimits = new ReflectorLimits(
                stamp.integer("reflector_source_rate", (int) ReflectorLimits.DEFAULTS.sourceRate(), 1, 1_000_000),
                stamp.integer("reflector_max_rate", (int) ReflectorLimits.DEFAULTS.maxRate(), 1, 10_000_000),
                stamp.integer("reflector_max_sources", ReflectorLimits.DEFAULTS.maxSources(), 1, 10_000_000));
        Duration lossTimeout = positive(stamp, "loss_timeout", Duration.ofSeconds(2));

        YamlSection probes = top.section("probes");
        probes.rejectUnknown(Set.of("max_rate", "per_target_interval", "stamp_targets", "sip_options_targets",
                "dns_targets", "dns_query_name"));
        int maxRate = probes.integer("max_rate", 200, 1, 100_000);
        Duration perTarget = positive(probes, "per_target_interval", Duration.ofSeconds(60));
        List<InetSocketAddress> stampTargets = probes.list("stamp_targets", ListenAddress::parse, "HOST:PORT");
        List<InetSocketAddress> sipTargets = probes.list("sip_options_targets", ListenAddress::parse, "HOST:PORT");
        List<InetSocketAddress> dnsTargets = probes.list("dns_targets", ListenAddress::parse, "HOST:PORT");
        String queryName = probes.string("dns_query_name", ".");

        YamlSection pbx = top.section("pbx");
        pbx.rejectUnknown(Set.of("sip_options", "rise", "fall", "transport", "server_name", "trust_pem", "max_drain"));
        InetSocketAddress thirdParty = pbx.has("sip_options") ? address(pbx, "sip_options", null) : null;
        int rise = pbx.integer("rise", 2, 1, 100);
        int fall = pbx.integer("fall", 3, 1, 100);
        AgentConfig.ThirdPartyCheck thirdPartyCheck = thirdPartyCheck(pbx, base);

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AgentConfig(absolute, nodeId, site, hostname, capacity, heartbeat, report, publicAddress, nodes,
                hbQueue, batchQueue, backoffBase, backoffCap, reflector, lossTimeout, maxRate, perTarget,
                stampTargets, sipTargets, dnsTargets, queryName, thirdParty, rise, fall, tls,
                stunServer, discover, metricsListen, cpuLoad, reflectorLimits, thirdPartyCheck);
    }

    /** pbx.transport, server_name, trust_pem, max_drain: how the standalone PBX is checked. */
    private static AgentConfig.ThirdPartyCheck thirdPartyCheck(YamlSection pbx, Path base) {
        AgentConfig.ThirdPartyCheck d = AgentConfig.ThirdPartyCheck.DEFAULTS;
        String t = pbx.string("transport", "udp").toLowerCase(java.util.Locale.ROOT);
        SipTransport transport = switch (t) {
            case "udp" -> SipTransport.UDP;
            case "tcp" -> SipTransport.TCP;
            case "tls" -> SipTransport.TLS;
            default -> {
                pbx.problem("transport", "'" + t + "' is not udp, tcp or tls");
                yield d.transport();
            }
        };
        String serverName = pbx.has("server_name") ? pbx.string("server_name", null) : null;
        Path trust = readable(pbx, "trust_pem", base);
        if (transport != SipTransport.TLS && (serverName != null || trust != null)) {
            pbx.problem(serverName != null ? "server_name" : "trust_pem", "only applies with transport: tls");
        }
        Duration maxDrain = pbx.duration("max_drain", d.maxDrain());
        if (maxDrain.isNegative()) {
            pbx.problem("max_drain", "must not be negative");
            maxDrain = d.maxDrain();
        }
        return new AgentConfig.ThirdPartyCheck(transport, serverName, trust, maxDrain);
    }

    /** A readable file that only its owner may read: tokens and private keys. */
    private static Path secret(YamlSection s, String name, Path base) {
        Path p = readable(s, name, base);
        if (p != null && Files.isReadable(p)) {
            checkPrivate(s, name, p);
        }
        return p;
    }

    private static void checkPrivate(YamlSection s, String name, Path p) {
        try {
            SecretFile.checkPrivate(p);
        } catch (java.io.IOException e) {
            s.problem(name, e.getMessage());
        }
    }

    private static Path readable(YamlSection s, String name, Path base) {
        if (!s.has(name)) {
            return null;
        }
        Path p = base.resolve(s.string(name, "")).normalize();
        if (!Files.isReadable(p)) {
            s.problem(name, "cannot read " + p);
        }
        return p;
    }

    /** telemetry.discover.name_suffix: a DNS name (letters, digits, hyphens), lower-cased, dots trimmed. */
    private static String nameSuffix(YamlSection d) {
        if (!d.has("name_suffix")) {
            d.problem("name_suffix", "is required: the domain every discovered DNS node's name must fall under "
                    + "(e.g. voip.example.com), so an NS answer cannot point the agent anywhere else");
            return null;
        }
        String raw = d.string("name_suffix", "").toLowerCase(java.util.Locale.ROOT);
        String s = raw.replaceAll("^\\.+|\\.+$", "");
        if (!net.voicegslb.gslb.agent.telemetry.NsDiscovery.isHostName(s)) {
            d.problem("name_suffix", "'" + raw + "' is not a DNS name");
            return null;
        }
        return s;
    }

    private static Duration positive(YamlSection s, String name, Duration fallback) {
        Duration d = s.duration(name, fallback);
        if (d.isZero() || d.isNegative()) {
            s.problem(name, "must be longer than 0");
            return fallback;
        }
        return d;
    }

    /** A HOST:PORT field, or "off" for none. */
    private static InetSocketAddress address(YamlSection s, String name, String fallback) {
        String text = s.string(name, fallback);
        if (text == null || text.equals("off")) {
            return null;
        }
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            s.problem(name, e.getMessage());
            return null;
        }
    }

    private static Node parse(Path file, List<ConfigProblem> problems) {
        return YamlSection.compose(file, MAX_CONFIG_BYTES, problems);
    }
}
