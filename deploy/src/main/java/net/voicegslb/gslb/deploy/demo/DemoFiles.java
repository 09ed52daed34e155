package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Network;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Node;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Site;
import net.voicegslb.gslb.dns.dashboard.PasswordHashes;
import net.voicegslb.gslb.policy.config.ListenAddress;

/**
 * The demo's work directory: every file the processes of the demo read (the DNS node's, each PBX
 * node's and each agent's config, the zone, tokens, the phones' credentials) and the state they
 * write (H2 files). Secrets (tokens, passwords, the peer secret) are made once and kept, mode 0600,
 * so that a second run reuses the same installation; {@code --fresh} wipes the directory first.
 * The configs are written anew at every start: they are the demo's plan, not the user's files.
 */
public final class DemoFiles {

    /** The listeners on 127.0.0.1 that flags may move. */
    public record Listeners(InetSocketAddress dns, InetSocketAddress admin, InetSocketAddress telemetry,
                            InetSocketAddress control) {}

    /** A phone's account: user@example.test and its password. */
    public record Account(String network, String user, String password) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public DemoFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Deletes the directory's contents (for {@code --fresh}); only a directory the demo made. */
    public void wipe() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.exists(dir.resolve("demo.token")) && !isEmpty(dir)) {
            throw new IOException(dir + " is not empty and was not made by gslb demo (no demo.token): not wiping it");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Writes every config for {@code listeners} and {@code phonesPerNetwork} phones, keeping the
     * secrets of an earlier run, and returns the phones' accounts.
     */
    public List<Account> prepare(Listeners listeners, int phonesPerNetwork) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        secret(dir.resolve("demo.token"));
        secret(dir.resolve("admin.token"));
        for (Node n : DemoPlan.NODES) {
            secret(dir.resolve("tokens").resolve(n.id() + ".token"));
        }
        String peerSecret = secret(dir.resolve("peer.secret"));
        // the dashboard's login: user noc (operator); only the hash goes into the config
        String dashboardHash = new PasswordHashes().hash(secret(dashboardPassword()));
        List<Account> accounts = accounts(phonesPerNetwork);
        writeUsers(accounts);
        write(dir.resolve("zones/voip.example.test.zone"), zone());
        write(dir.resolve("gslb.yaml"), dnsYaml(listeners, dashboardHash));
        for (Node n : DemoPlan.NODES) {
            Path nodeDir = dir.resolve("nodes").resolve(n.id());
            write(nodeDir.resolve("pbx.yaml"), pbxYaml(n, peerSecret));
            write(nodeDir.resolve("agent.yaml"), agentYaml(n, listeners.telemetry()));
        }
        return accounts;
    }

    public Path dnsConfig() {
        return dir.resolve("gslb.yaml");
    }

    public Path pbxConfig(Node n) {
        return dir.resolve("nodes").resolve(n.id()).resolve("pbx.yaml");
    }

    public Path agentConfig(Node n) {
        return dir.resolve("nodes").resolve(n.id()).resolve("agent.yaml");
    }

    /** The dashboard password of user {@value #DASHBOARD_USER}, made at the first run, mode 0600. */
    public Path dashboardPassword() {
        return dir.resolve("dashboard.password");
    }

    public Path controlToken() {
        return dir.resolve("demo.token");
    }

    /** Where a running demo says which address its control channel listens on. */
    public Path controlAddressFile() {
        return dir.resolve("control.address");
    }

    private String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!s.isEmpty()) {
                return s;
            }
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String s = HexFormat.of().formatHex(b);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, s + "\n", StandardCharsets.UTF_8);
        return s;
    }

    /** Users 1{network}{nn}: 1101.. in eu, 1201.. in na, 1301.. in ap; passwords kept across runs. */
    private List<Account> accounts(int perNetwork) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        Path users = dir.resolve("users.csv");
        if (Files.exists(users)) {
            for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
                String[] f = line.split(";", 2);
                if (f.length == 2) {
                    known.put(f[0], f[1]);
                }
            }
        }
        List<Account> out = new ArrayList<>();
        for (Network n : DemoPlan.NETWORKS) {
            for (int i = 1; i <= perNetwork; i++) {
                String user = String.format("1%d%02d", n.octet(), i);
                String password = known.computeIfAbsent(user, u -> {
                    byte[] b = new byte[9];
                    RANDOM.nextBytes(b);
                    return HexFormat.of().formatHex(b);
                });
                out.add(new Account(n.name(), user, password));
            }
        }
        return out;
    }

    private void writeUsers(List<Account> accounts) throws IOException {
        StringBuilder sb = new StringBuilder();
        accounts.forEach(a -> sb.append(a.user()).append(';').append(a.password()).append('\n'));
        Path users = dir.resolve("users.csv");
        Files.deleteIfExists(users);
        Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(users, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String zone() {
        return """
                ; Static data of the demo's service domain; sip.voip.example.test and the SRV/NAPTR
                ; names are answered per caller by the gslb section of gslb.yaml.
                $ORIGIN voip.example.test.
                $TTL 300
                @     SOA   ns1 hostmaster ( 2026120701 3600 900 604800 60 )
                @     NS    ns1
                ns1   A     127.0.0.1
                """;
    }

    public static final String DASHBOARD_USER = "noc";

    private static String dnsYaml(Listeners l, String dashboardHash) {
        StringBuilder sb = new StringBuilder("""
                # Written by gslb demo at every start (edit the code, not this file).
                dns:
                  listen: [%s]
                  threads: 1
                zones:
                  - {origin: voip.example.test, file: zones/voip.example.test.zone}
                admin:
                  listen: %s
                  token_file: admin.token
                  users: [{name: %s, role: operator, password_hash: "%s"}]   # password in dashboard.password
                gslb:
                  answers: {ttl: 10s, transition_ttl: 5s, nodes: 2, refresh_interval: 250ms}
                  health: {heartbeat_interval: 1s, missed_heartbeats: 3, rise: 3}
                  sip_check: {interval: 1s, timeout: 500ms, rise: 2, fall: 2, max_drain: 10m}
                  # The product's hold (10 s) with half its margin (0.05 MOS): the demo's site one region
                  # away is about 0.1 MOS worse than the near one as measured, and the product's 0.1 would
                  # keep a network on it after a failover for as long as noise lets the lead dip below.
                  ranking: {codec: g711-plc, hysteresis_margin: 0.05, hold: 10s, home_margin: 0.3, fail_open: last_known_good}
                  telemetry:
                    listen: %s
                    allow_plaintext: true   # ws:// on loopback: the demo's agents and this server share one machine
                    max_frames_per_second: 50
                    max_clock_skew: 30s
                  events: {database: data/gslb-events, retention: 30d}
                  sites:
                """.formatted(ListenAddress.format(l.dns()), ListenAddress.format(l.admin()), DASHBOARD_USER,
                dashboardHash, ListenAddress.format(l.telemetry())));
        for (Site s : DemoPlan.SITES) {
            sb.append("    ").append(s.id()).append(": {region: ").append(s.region()).append(", capacity_calls: ")
                    .append(s.capacityCalls()).append("}\n");
        }
        sb.append("  nodes:\n");
        for (Node n : DemoPlan.NODES) {
            sb.append("    ").append(n.id()).append(":\n")
                    .append("      site: ").append(n.site()).append('\n')
                    .append("      hostname: ").append(n.hostname()).append('\n')
                    .append("      ipv4: [").append(n.address()).append("]\n")
                    .append("      sip: [udp:").append(DemoPlan.SIP_PORT).append(", tcp:").append(DemoPlan.SIP_PORT)
                    .append("]\n")
                    .append("      token_file: tokens/").append(n.id()).append(".token\n");
        }
        sb.append("  services:\n    - {domain: ").append(DemoPlan.DOMAIN).append(", host: sip, pool: [")
                .append(String.join(", ", DemoPlan.SITES.stream().map(Site::id).toList())).append("]}\n");
        return sb.toString();
    }

    private static String pbxYaml(Node n, String peerSecret) {
        int firstMedia = DemoPlan.MEDIA_FIRST;
        StringBuilder sb = new StringBuilder("""
                # Written by gslb demo at every start: node %s of site %s.
                sip:
                  listen: [%s:%d]
                  advertise: %s:%d
                  threads: 1
                  aliases: [%s, %s]
                registrar: {min_expires: 30, max_expires: 3600, default_expires: 120, max_contacts: 10}
                auth: {nonce_lifetime: 5m, failures_per_minute: 20}
                keepalive: {interval: 10s, timeout: 5s}   # the agent's keepalive round trips: every 10 s per phone
                media: {enabled: true, listen: %s, ports: %d-%d, max_sessions: 50}
                metrics: {listen: "%s:%d"}
                store: {path: data/pbx}
                """.formatted(n.id(), n.site(), n.address(), DemoPlan.SIP_PORT, n.address(), DemoPlan.SIP_PORT,
                DemoPlan.DOMAIN, DemoPlan.SERVICE, n.address(), firstMedia,
                firstMedia + DemoPlan.MEDIA_PORTS - 1, n.address(), DemoPlan.METRICS_PORT));
        // every other node, its own site's too: a callee registered at fra-2 is found from fra-1
        List<String> peers = new ArrayList<>();
        for (Node other : DemoPlan.NODES) {
            if (!other.equals(n)) {
                peers.add("  - {site: " + other.site() + ", address: \"" + other.address() + ":" + DemoPlan.SIP_PORT
                        + "\"}\n");
            }
        }
        sb.append("peers:\n");
        peers.forEach(sb::append);
        sb.append("peer_secret: \"").append(peerSecret).append("\"\n");
        sb.append("tenants:\n  - domain: ").append(DemoPlan.TENANT).append('\n')
                .append("    auth: digest\n")
                .append("    users_file: ../../users.csv\n");
        return sb.toString();
    }

    private static String agentYaml(Node n, InetSocketAddress telemetry) {
        int siteIndex = DemoPlan.siteIndex(n.site());
        List<String> targets = DemoPlan.NETWORKS.stream()
                .map(net -> net.probeAddress(siteIndex) + ":" + DemoPlan.REFLECTOR_PORT).toList();
        return """
                # Written by gslb demo at every start: the agent embedded in node %s.
                agent:
                  node_id: %s
                  site: %s
                  hostname: %s
                  capacity_calls: 200
                  heartbeat_interval: 1s
                  report_interval: 2s   # measurement windows; heartbeats (health) stay at 1 s
                  public_address: %s
                  cpu_load: false      # every demo node shares this machine: its CPU says nothing about one node
                telemetry:
                  nodes:
                    - url: ws://%s/telemetry/v1
                      token_file: ../../tokens/%s.token
                      allow_plaintext: true
                  backoff_base: 200ms
                  backoff_cap: 2s
                stamp:
                  reflector: %s:%d
                  # the demo's longest path is 240 ms round trip: a probe 400 ms late is lost, and the
                  # report after it (2 s) carries the loss, so a degraded path shows within 2 reports
                  loss_timeout: 400ms
                  # every path's relay reaches the reflector from 127.0.0.1, as many clients behind one
                  # NAT would: the default 100 answers/s per source would drop the demo's own probes
                  reflector_source_rate: 1000
                probes:
                  max_rate: 100
                  per_target_interval: 100ms   # active probes of each client network, through its path
                  stamp_targets: [%s]
                pbx:
                  sip_options: %s:%d
                  rise: 2
                  fall: 2
                """.formatted(n.id(), n.id(), n.site(), n.hostname(), n.address(), ListenAddress.format(telemetry),
                n.id(), n.address(), DemoPlan.REFLECTOR_PORT, String.join(", ", targets), n.address(),
                DemoPlan.SIP_PORT);
    }
}
