package net.voicegslb.gslb.deploy.it.gslb;

import net.voicegslb.gslb.policy.testing.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.voicegslb.gslb.deploy.it.support.AdminHttp;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import net.voicegslb.gslb.deploy.it.support.Kdig;

/**
 * The GSLB lab on loopback (see {@link LabPlan}): per node a SIPp UAS on its SIP port (sin-2: a
 * silent socket) and a real agent process; per (site, client network) a delaying relay; and, unless
 * only the agents are under test, the real {@code gslb dns} with telemetry ingest and SIP checks.
 * Everything it started is stopped by {@link #close()}, also when starting failed half-way.
 */
final class GslbLab implements AutoCloseable {

    /**
     * @param dnsServer     start {@code gslb dns}; false: the agents report to {@code telemetryPort}
     *                      where the caller runs its own endpoint
     * @param telemetryPort the caller's endpoint when {@code dnsServer} is false; ignored otherwise
     * @param sharedToken   one token for every node (the caller's endpoint knows one); null: one
     *                      random token per node, as in production
     * @param hold          the ranking's hold time
     * @param tlsTelemetry  the agents stream over {@code wss://} to a server certificate they verify, as in
     *                      production (only with {@code dnsServer}); false: {@code ws://} with allow_plaintext
     * @param marginMos     the ranking's hysteresis margin in MOS
     * @param pathSeed      seed of the client paths' random draws (noise, see {@link ClientPaths})
     */
    record Options(boolean dnsServer, int telemetryPort, String sharedToken, Duration hold, boolean tlsTelemetry,
                   double marginMos, long pathSeed) {
        /**
         * The lab's margin: the E-model is nearly flat below 150 ms one way (5 ms and 60 ms round trip
         * differ by 0.015 MOS), so the production margin of 0.1 would rightly keep any current site;
         * the lab's plain delays must be able to move the answer.
         */
        static final double LAB_MARGIN_MOS = 0.005;

        static Options full(Duration hold) {
            return new Options(true, 0, null, hold, false, LAB_MARGIN_MOS, 1);
        }

        /** The full lab with production telemetry: TLS, the server's certificate checked by every agent. */
        static Options fullWithTlsTelemetry(Duration hold) {
            return new Options(true, 0, null, hold, true, LAB_MARGIN_MOS, 1);
        }

        static Options agentsOnly(int telemetryPort, String token) {
            return new Options(false, telemetryPort, token, Duration.ofSeconds(2), false, LAB_MARGIN_MOS, 1);
        }

        /** The same lab ranking with this hysteresis margin and hold. */
        Options withRanking(double margin, Duration holdTime) {
            return new Options(dnsServer, telemetryPort, sharedToken, holdTime, tlsTelemetry, margin, pathSeed);
        }

        Options withPathSeed(long seed) {
            return new Options(dnsServer, telemetryPort, sharedToken, hold, tlsTelemetry, marginMos, seed);
        }
    }

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    private final Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, SippUas> sipps = new LinkedHashMap<>();
    private final Map<String, AgentProcess> agents = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> reflectors = new LinkedHashMap<>();
    private int sipPort;
    private int telemetryPort;
    private ClientPaths paths;
    private GslbProcess dns;
    private Path dnsConfig;

    private GslbLab(Options options, Path dir) {
        this.options = options;
        this.dir = dir;
    }

    static GslbLab start(Options options) {
        // before anything starts: a missing tool fails on CI and skips elsewhere (not a lab failure)
        ExternalTool.require("sipp", "sip-tester");
        if (options.dnsServer()) {
            ExternalTool.require("dig", "bind9-dnsutils");
            ExternalTool.require("kdig", "knot-dnsutils");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("gslb-lab-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GslbLab lab = new GslbLab(options, dir);
        try {
            lab.startAll();
            return lab;
        } catch (RuntimeException | Error e) {
            String logs = lab.logs();
            lab.close();
            throw new AssertionError("the GSLB lab did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void startAll() {
        sipPort = udpPortFreeOnEveryNode();
        telemetryPort = options.dnsServer() ? TestPorts.tcp() : options.telemetryPort();
        for (LabNode n : LabPlan.NODES) {
            tokens.put(n.id(), writeToken(n));
            if (!n.silent()) {
                reflectors.put(n.site(), new InetSocketAddress(n.address(), udpPortFreeOn(n.address())));
            }
        }
        paths = new ClientPaths(reflectors, LabPlan.INITIAL_RTT_MS, options.pathSeed());
        toClose.add(paths);
        for (LabNode n : LabPlan.NODES) {
            if (n.silent()) {
                toClose.add(silentSipPort(n));
            } else {
                SippUas uas = new SippUas(n, sipPort, dir.resolve("sipp-" + n.id()));
                sipps.put(n.id(), uas);
                toClose.add(uas::close);
                uas.start();
            }
        }
        if (options.tlsTelemetry()) {
            // a CA of the lab's own and a certificate for the address the agents dial (ip:127.0.0.1)
            TestCertificates certs = new TestCertificates(dir);
            certs.ca("telemetry-ca");
            certs.signed("telemetry", "ip:127.0.0.1", "telemetry-ca", "serverAuth");
        }
        if (options.dnsServer()) {
            writeDnsConfig();
            dns = GslbProcess.start(dnsConfig, true);
            toClose.add(dns);
        }
        for (LabNode n : LabPlan.NODES) {
            int metricsPort = TestPorts.tcp();
            AgentProcess a = new AgentProcess(n, writeAgentConfig(n, metricsPort), dir, metricsPort);
            agents.put(n.id(), a);
            toClose.add(a::close);
            a.start();
        }
        for (AgentProcess a : agents.values()) {
            a.awaitRunning(START_TIMEOUT);
        }
    }

    private String writeToken(LabNode n) {
        String token = options.sharedToken() != null ? options.sharedToken()
                : HexFormat.of().formatHex(random(24));
        try {
            Path file = tokenFile(n);
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return token;
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private Path tokenFile(LabNode n) {
        return dir.resolve("tokens").resolve(n.id() + ".token");
    }

    private void writeDnsConfig() {
        try {
            Files.createDirectories(dir.resolve("zones"));
            Files.writeString(dir.resolve("zones/voip.example.test.zone"),
                    ConfigTemplate.load("voip.example.test.zone").render(Map.of()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dnsConfig = ConfigTemplate.load("gslb.yaml").writeTo(dir.resolve("gslb.yaml"), Map.of(
                "telemetry_port", telemetryPort,
                "sip_port", sipPort,
                "hold", options.hold().toMillis() + "ms",
                "hysteresis_margin", options.marginMos(),
                "telemetry_security", options.tlsTelemetry()
                        ? "tls: {cert_pem: telemetry-chain.pem, key_pem: telemetry-key.pem}"
                        : "allow_plaintext: true"));
    }

    private Path writeAgentConfig(LabNode n, int metricsPort) {
        // sin-2's agent checks sin-1's SIPp as "its PBX": the agent then reports sin-2 healthy, and
        // only the DNS server's own SIP check can find that sin-2's SIP port is silent.
        LabNode pbx = n.silent() ? LabPlan.prober(n.site()) : n;
        List<String> targets = n.silent() ? List.of() : paths.stampTargets(n.site());
        InetSocketAddress reflector = n.silent() ? new InetSocketAddress(n.address(), udpPortFreeOn(n.address()))
                : reflectors.get(n.site());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("node_id", n.id());
        values.put("site", n.site());
        values.put("hostname", n.hostname());
        values.put("address", n.address());
        values.put("metrics_port", metricsPort);
        values.put("telemetry_port", telemetryPort);
        values.put("telemetry_scheme", options.tlsTelemetry() ? "wss" : "ws");
        values.put("allow_plaintext", !options.tlsTelemetry());
        values.put("telemetry_tls", options.tlsTelemetry() ? "tls: {trust_pem: " + dir.resolve("telemetry-ca.pem") + "}"
                : "# tls: none, ws:// on loopback");
        values.put("token_file", tokenFile(n));
        values.put("reflector_port", reflector.getPort());
        values.put("stamp_targets", String.join(", ", targets));
        values.put("sip_options", pbx.address() + ":" + sipPort);
        return ConfigTemplate.load("agent.yaml").writeTo(dir.resolve("agent-" + n.id() + ".yaml"), values);
    }

    /** A bound UDP socket nobody reads: SIP requests to it are never answered. */
    private AutoCloseable silentSipPort(LabNode n) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(n.address(), sipPort));
            return s::close;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind " + n.address() + ":" + sipPort, e);
        }
    }

    private static int udpPortFreeOnEveryNode() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = udpPortFreeOn(LabPlan.NODES.get(0).address());
            boolean free = LabPlan.NODES.stream().allMatch(n -> !SippUas.udpPortTaken(n.address(), port));
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no UDP port free on every lab node address after 50 attempts");
    }

    private static int udpPortFreeOn(String address) {
        try {
            return TestPorts.udp(java.net.InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(address, e);
        }
    }

    // --- what the tests use

    Path dir() {
        return dir;
    }

    Path dnsConfig() {
        return dnsConfig;
    }

    GslbProcess dns() {
        if (dns == null) {
            throw new IllegalStateException("this lab runs without a DNS server");
        }
        return dns;
    }

    Dig dig() {
        return new Dig(dns().dnsPort());
    }

    Kdig kdig() {
        return new Kdig(dns().dnsPort());
    }

    AdminHttp admin() {
        return new AdminHttp(dns().adminPort());
    }

    /** The admin API's bearer token, which the server created at its first start. */
    String adminToken() {
        try {
            return Files.readString(dir.resolve("admin.token"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int telemetryPort() {
        return telemetryPort;
    }

    int sipPort() {
        return sipPort;
    }

    String token(String nodeId) {
        return tokens.get(nodeId);
    }

    ClientPaths paths() {
        return paths;
    }

    AgentProcess agent(String nodeId) {
        return agents.get(nodeId);
    }

    SippUas sipp(String nodeId) {
        return sipps.get(nodeId);
    }

    /** Waits until every agent's link to its telemetry endpoint is up. */
    void awaitAgentsConnected(Duration timeout) {
        agents.values().forEach(a -> a.awaitConnected(timeout));
    }

    /** The path table, each agent's link and the tails of every log: printed when a test fails. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        sb.append("--- lab in ").append(dir).append(", SIP port ").append(sipPort).append(", telemetry port ")
                .append(telemetryPort).append('\n');
        if (paths != null) {
            sb.append(paths.describe());
        }
        if (dns != null) {
            sb.append("--- gslb dns (pid ").append(dns.pid()).append(", alive ").append(dns.isAlive()).append(")\n")
                    .append(tail(dns.stderr(), 200));
        }
        agents.values().forEach(a -> sb.append("--- agent ").append(a.node().id()).append(": ")
                .append(a.describeMetrics()).append('\n').append(tail(a.log(), 40)));
        sipps.forEach((id, s) -> sb.append("--- sipp ").append(id).append(" (alive ").append(s.isAlive())
                .append(")\n").append(tail(s.log(), 10)));
        return sb.toString();
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Stops everything in reverse order of start, then deletes the directory. */
    @Override
    public void close() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("lab: closing " + toClose.get(i) + " failed: " + e);
            }
        }
        toClose.clear();
        Fixtures.deleteTree(dir);
    }
}
