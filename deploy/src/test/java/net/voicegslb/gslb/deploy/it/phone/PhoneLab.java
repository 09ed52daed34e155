package net.voicegslb.gslb.deploy.it.phone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.function.Supplier;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestPorts;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Two sites of our own PBX nodes (fra-1 on 127.0.1.1, nyc-1 on 127.0.2.1, each {@code gslb pbx}
 * with its agent inside) behind the real {@code gslb dns} serving {@code voip.example.test}, and
 * stock softphones that use that server as their only resolver. The nodes are each other's peers,
 * so a call to a user registered at the other site is forwarded there (with TLS: over their TLS
 * connection to each other, never UDP).
 */
final class PhoneLab implements AutoCloseable {

    static final String FRA = "127.0.1.1";
    static final String NYC = "127.0.2.1";
    static final String SERVICE_DOMAIN = "voip.example.test";
    /** A second tenant, same users, whose 401 offers SHA-256 and MD5 (challenge: per_algorithm). */
    static final String PER_ALGORITHM_DOMAIN = "both.example.test";
    static final Map<String, String> USERS = users();
    /**
     * What every node is told it is called (sip.aliases): the service domain the GSLB answers for
     * and every name below it, as an operator configures it. Phones put these in Route and
     * Request-URI.
     */
    static final List<String> SERVICE_NAMES = List.of(SERVICE_DOMAIN, "\"*." + SERVICE_DOMAIN + "\"");

    private final Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<String, PbxNodeProcess> nodes = new LinkedHashMap<>();
    private int sipPort;
    private GslbProcess dns;
    private final boolean tls;
    /** With {@code tls}: the nodes really listen on TLS (false: advertised and checked, but dead). */
    private final boolean tlsListening;
    private int tlsPort;

    private PhoneLab(Path dir, boolean tls, boolean tlsListening) {
        this.dir = dir;
        this.tls = tls;
        this.tlsListening = tlsListening;
    }

    private static Map<String, String> users() {
        Map<String, String> u = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            u.put("100" + i, "phone-lab-100" + i + "-pw");
        }
        return u;
    }

    /** Starts DNS and both nodes, and returns once the DNS server answers SRV with fra-1 first. */
    static PhoneLab start() {
        return start(false);
    }

    /**
     * As {@link #start()}; with {@code tls} both nodes also serve SIP over TLS on {@link #tlsPort()}
     * with a certificate from a CA made at test time ({@link #caFile()}).
     */
    static PhoneLab start(boolean tls) {
        return start(tls, tls);
    }

    /**
     * Both nodes advertise TLS to the DNS server and phones trust the lab CA, so they take TLS when
     * our DNS offers it. With {@code listening} this is {@link #start(boolean) start(true)}; without,
     * the nodes have no TLS listener, as when it died, and the DNS server checks every transport
     * ({@code check: [udp, tcp, tls]}) so that it sees this. (With a listener TLS stays unchecked, as
     * in {@code start(true)}: the lab certificate names the service host, not the node's.)
     */
    static PhoneLab startTlsAdvertised(boolean listening) {
        return start(true, listening);
    }

    private static PhoneLab start(boolean tls, boolean tlsListening) {
        ExternalTool.require("baresip", "baresip-core");
        ExternalTool.require("dig", "bind9-dnsutils");
        Path dir;
        try {
            dir = Files.createTempDirectory("gslb-phones-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PhoneLab lab = new PhoneLab(dir, tls, tlsListening);
        try {
            lab.startAll();
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            String logs = lab.logs();
            lab.close();
            throw new AssertionError("the phone lab did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void startAll() throws IOException {
        sipPort = portFreeOn(List.of(FRA, NYC));
        if (tls) {
            tlsPort = portFreeOn(List.of(FRA, NYC));
            LabTls.write(dir.resolve("tls"));
        }
        int telemetryPort = TestPorts.tcp();
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("zones/voip.example.test.zone"), """
                $ORIGIN voip.example.test.
                $TTL 300
                @     SOA   ns1 hostmaster ( 2026120701 3600 900 604800 60 )
                @     NS    ns1
                ns1   A     127.0.0.1
                """);
        // The tenant's own zone, as a customer would publish it: SRV to the GSLB's host name, whose
        // A record is answered per caller. A phone configured with the tenant domain alone (no
        // outbound proxy) follows it (RFC 3263 without NAPTR: SRV, then A).
        Files.writeString(dir.resolve("zones/example.test.zone"), """
                $ORIGIN example.test.
                $TTL 300
                @          SOA   ns1 hostmaster ( 2026120701 3600 900 604800 60 )
                @          NS    ns1
                ns1        A     127.0.0.1
                _sip._udp  SRV   0 0 %d sip.voip.example.test.
                """.formatted(sipPort));
        Files.writeString(dir.resolve("gslb.yaml"), dnsYaml(telemetryPort));
        for (String id : List.of("fra-1", "nyc-1")) {
            Path f = tokens.resolve(id + ".token");
            Files.writeString(f, HexFormat.of().formatHex(random(24)) + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        dns = GslbProcess.start(dir.resolve("gslb.yaml"), true);
        toClose.add(dns);
        addNode("fra-1", "fra", FRA, 21000, List.of(peer("nyc", NYC)), SERVICE_NAMES, telemetryPort);
        addNode("nyc-1", "nyc", NYC, 22000, List.of(peer("fra", FRA)), SERVICE_NAMES, telemetryPort);
        await("the DNS server answers _sip._udp with fra-1 first").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    DnsReply r = dig().query("_sip._udp." + SERVICE_DOMAIN, "SRV");
                    return !r.answerRdata().isEmpty() && r.answerRdata().get(0).contains("fra-1");
                });
    }

    /**
     * The other site's node as peer: over UDP, or with TLS over one TLS connection to its TLS port,
     * its certificate checked against the lab CA for the name both nodes' certificate carries.
     */
    private String peer(String site, String address) {
        // TLS peers need a TLS listener and certificate of our own: not in the "TLS advertised, nobody listens" lab
        return tlsListening ? site + "=" + address + ":" + tlsPort + "|transport: tls, tls_server_name: sip." + SERVICE_DOMAIN
                : site + "=" + address + ":" + sipPort;
    }

    private void addNode(String id, String site, String address, int mediaBase, List<String> peers,
            List<String> aliases, int telemetryPort) {
        int reflector = udpPortFreeOn(address);
        PbxNodeProcess node = PbxNodeProcess.write(id, dir.resolve(id),
                PbxNodeProcess.pbxYaml(address, sipPort, mediaBase, peers, aliases, USERS, tlsListening ? """
                          tls:
                            listen: [%s:%d]
                            cert_pem: %s
                            key_pem: %s
                            peer_ca_pem: %s
                        """.formatted(address, tlsPort, dir.resolve("tls/node-chain.pem"),
                        dir.resolve("tls/node-key.pem"), caFile()) : null),
                PbxNodeProcess.agentYaml(id, site, address, telemetryPort, dir.resolve("tokens/" + id + ".token"),
                        reflector, sipPort));
        nodes.put(id, node);
        toClose.add(node);
        node.start();
    }

    private String dnsYaml(int telemetryPort) {
        StringBuilder sb = new StringBuilder("""
                dns:
                  listen: [127.0.0.1:5353]
                  threads: 1
                zones:
                  - {origin: voip.example.test, file: zones/voip.example.test.zone}
                  - {origin: example.test, file: zones/example.test.zone}
                admin: {listen: 127.0.0.1:8053, token_file: admin.token}
                gslb:
                  answers: {ttl: 5s, transition_ttl: 2s, nodes: 2}
                  health: {heartbeat_interval: 1s, missed_heartbeats: 3, rise: 2}
                  sip_check: {interval: 1s, timeout: 500ms, rise: 2, fall: 2, max_drain: 10m}
                  ranking: {codec: g711-plc, hysteresis_margin: 0.1, hold: 2s, home_margin: 0.3, fail_open: last_known_good}
                  telemetry:
                """);
        sb.append("    listen: 127.0.0.1:").append(telemetryPort).append('\n')
                .append("    allow_plaintext: true\n")
                .append("  events: {database: data/gslb-events, retention: 30d}\n")
                .append("  sites:\n    fra: {region: eu, capacity_calls: 2000}\n    nyc: {region: na, capacity_calls: 2000}\n")
                .append("  nodes:\n");
        for (String[] n : List.of(new String[] {"fra-1", "fra", FRA}, new String[] {"nyc-1", "nyc", NYC})) {
            sb.append("    ").append(n[0]).append(":\n")
                    .append("      site: ").append(n[1]).append('\n')
                    .append("      hostname: ").append(n[0]).append(".nodes.voip.example.test\n")
                    .append("      ipv4: [").append(n[2]).append("]\n")
                    .append("      ipv6: []\n")
                    .append("      sip: [udp:").append(sipPort).append(", tcp:").append(sipPort)
                    .append(tls ? ", tls:" + tlsPort : "").append("]\n")
                    .append(tls && !tlsListening ? "      check: [udp, tcp, tls]\n" : "      check: [udp]\n")
                    .append("      token_file: tokens/").append(n[0]).append(".token\n");
        }
        sb.append("  services:\n    - {domain: voip.example.test, host: sip, pool: [fra, nyc]}\n");
        return sb.toString();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static int portFreeOn(List<String> addresses) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = udpPortFreeOn(addresses.get(0));
            if (addresses.stream().allMatch(a -> free(a, port))) {
                return port;
            }
        }
        throw new IllegalStateException("no port free on " + addresses + " after 50 attempts");
    }

    private static boolean free(String address, int port) {
        try (DatagramSocket udp = new DatagramSocket(null); ServerSocket t = new ServerSocket()) {
            udp.bind(new InetSocketAddress(address, port));
            t.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int udpPortFreeOn(String address) {
        try {
            return TestPorts.udp(java.net.InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new UncheckedIOException("no address " + address, e);
        }
    }

    // --- what the tests use

    Dig dig() {
        return new Dig(dns.dnsPort());
    }

    InetSocketAddress dnsServer() {
        return new InetSocketAddress("127.0.0.1", dns.dnsPort());
    }

    int sipPort() {
        return sipPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    Path caFile() {
        return dir.resolve("tls/" + LabTls.CA + ".pem");
    }

    PbxNodeProcess node(String id) {
        return nodes.get(id);
    }

    /**
     * A phone for {@code user} with the given outbound proxy (null: none). Every phone is on
     * 127.0.0.1, its own ports: baresip 1.0 binds RTP to the wildcard address, so on loopback its
     * media leaves from 127.0.0.1 whatever address its SIP uses, and the relay rightly refuses media
     * from an address neither the SDP nor the SIP source names (rtp-engine README, first latch).
     */
    Baresip phone(String user, String outbound) {
        return phone(user, "example.test", outbound);
    }

    /** The same for an account of tenant {@code domain}. */
    Baresip phone(String user, String domain, String outbound) {
        return phone(user, domain, outbound, 600);
    }

    /** The same, registering for {@code regint} seconds at a time (the node's minimum is 10). */
    Baresip phone(String user, String domain, String outbound, int regint) {
        String address = "127.0.0.1";
        Baresip.Account account = new Baresip.Account(user, domain, USERS.get(user), outbound, regint);
        String name = domain.equals("example.test") ? user : user + "@" + domain;
        Baresip phone = Baresip.start(name, dir.resolve("phone-" + name), address, account, dnsServer(),
                tls ? caFile() : null);
        toClose.add(phone);
        return phone;
    }

    /**
     * For {@code @RegisterExtension}: any failure of a test method, wherever it was thrown, carries
     * the lab's logs, so an await that timed out says what the nodes saw.
     */
    static TestExecutionExceptionHandler logsOnFailure(Supplier<PhoneLab> lab) {
        return (context, thrown) -> {
            PhoneLab l = lab.get();
            if (l == null || !(thrown instanceof AssertionError)) {
                throw thrown;
            }
            AssertionError explained = new AssertionError(thrown.getMessage() + "\n" + l.logs(), thrown);
            throw explained;
        };
    }

    String logs() {
        StringBuilder sb = new StringBuilder("--- phone lab in ").append(dir).append(", SIP port ").append(sipPort)
                .append('\n');
        if (dns != null) {
            sb.append("--- gslb dns\n").append(Baresip.tail(dns.stderr(), 60)).append('\n');
        }
        nodes.values().forEach(n -> sb.append("--- ").append(n.id()).append('\n')
                .append(Baresip.tail(n.log(), 60)).append('\n'));
        return sb.toString();
    }

    @Override
    public void close() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("phone lab: closing " + toClose.get(i) + " failed: " + e);
            }
        }
        toClose.clear();
        Fixtures.deleteTree(dir);
    }
}
