package net.voicegslb.gslb.dns.config;

import net.voicegslb.gslb.policy.config.YamlSection;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.dns.dashboard.DashboardUser;
import net.voicegslb.gslb.dns.dashboard.PasswordHashes;
import net.voicegslb.gslb.dns.dashboard.Role;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the YAML configuration into a {@link DnsConfig}. Every problem is reported with file, line
 * and field, all at once; relative paths are resolved against the config file's directory.
 */
public final class ConfigLoader {

    private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    public DnsConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        Node root = parse(absolute, problems);
        if (root == null) {
            throw new ConfigException(problems);
        }
        YamlSection top = new YamlSection(absolute, "", root, problems);
        top.rejectUnknown(Set.of("dns", "zones", "admin", "gslb"));
        Path base = absolute.getParent();

        YamlSection dns = top.section("dns");
        dns.rejectUnknown(Set.of("listen", "threads", "udp", "tcp", "answer_cache"));
        List<InetSocketAddress> listen = dns.list("listen", ListenAddress::parse, "HOST:PORT");
        if (!dns.has("listen")) {
            listen = List.of(ListenAddress.parse(DnsConfig.DEFAULT_LISTEN));
        } else if (listen.isEmpty() && problems.isEmpty()) {
            dns.problem("listen", "needs at least one HOST:PORT");
        }
        int threads = dns.integer("threads", 0, 0, 256);
        int missCache = dns.integer("answer_cache", DnsConfig.DEFAULT_MISS_CACHE, 100, 10_000_000);
        YamlSection udp = dns.section("udp");
        udp.rejectUnknown(Set.of("max_payload"));
        int maxPayload = udp.integer("max_payload", DnsConfig.DEFAULT_UDP_MAX_PAYLOAD, 512, 4096);
        YamlSection tcp = dns.section("tcp");
        tcp.rejectUnknown(Set.of("idle_timeout", "max_connections"));
        var idle = tcp.duration("idle_timeout", DnsConfig.DEFAULT_TCP_IDLE_TIMEOUT);
        if (idle.isZero() || idle.toHours() > 1) {
            tcp.problem("idle_timeout", "must be between 1ms and 1h");
        }
        int maxConnections = tcp.integer("max_connections", DnsConfig.DEFAULT_TCP_MAX_CONNECTIONS, 1, 1_000_000);

        List<ZoneConfig> zones = zones(top, base, absolute, problems);

        YamlSection admin = top.section("admin");
        admin.rejectUnknown(Set.of("listen", "token_file", "tls", "allow_plaintext", "users"));
        String adminListen = admin.string("listen", DnsConfig.DEFAULT_ADMIN_LISTEN);
        InetSocketAddress adminAddress = null;
        if (!adminListen.isBlank() && !adminListen.equals("off")) {
            try {
                adminAddress = ListenAddress.parse(adminListen);
            } catch (IllegalArgumentException e) {
                admin.problem("listen", e.getMessage());
            }
        }
        Path tokenFile = base.resolve(admin.string("token_file", DnsConfig.DEFAULT_TOKEN_FILE)).normalize();
        AdminConfig adminConfig = adminTls(admin, base, adminAddress, tokenFile);

        GslbConfig gslb = null;
        if (top.has("gslb")) {
            gslb = new GslbConfigLoader(base, zones.stream().map(ZoneConfig::origin).toList())
                    .load(top.section("gslb"));
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DnsConfig(absolute, listen, threads, maxPayload, idle, maxConnections, missCache, zones,
                adminConfig, gslb);
    }

    /** {@code admin.tls} and {@code admin.allow_plaintext}: HTTPS, or plain HTTP only where it stays on the host. */
    private static AdminConfig adminTls(YamlSection admin, Path base, InetSocketAddress listen, Path tokenFile) {
        YamlSection tls = admin.section("tls");
        tls.rejectUnknown(Set.of("cert_pem", "key_pem"));
        Path cert = pemFile(tls, "cert_pem", base, false);
        Path key = pemFile(tls, "key_pem", base, true);
        if ((cert == null) != (key == null)) {
            tls.problem(cert == null ? "cert_pem" : "key_pem", "HTTPS needs both cert_pem and key_pem");
        }
        AdminConfig c = new AdminConfig(listen, tokenFile, cert, key, admin.bool("allow_plaintext", false),
                users(admin));
        String problem = c.plaintextProblem();
        if (problem != null) {
            admin.problem("listen", problem);
        }
        return c;
    }

    /**
     * {@code admin.users}: the dashboard's logins, each {@code {name, role, password_hash}} with a
     * BCrypt hash from {@code gslb passwd}; a password in clear is refused, not hashed for the user,
     * so that it never sits in a config file.
     */
    private static List<DashboardUser> users(YamlSection admin) {
        List<DashboardUser> out = new ArrayList<>();
        if (!admin.has("users")) {
            return out;
        }
        Set<String> names = new HashSet<>();
        for (YamlSection u : admin.sections("users")) {
            u.rejectUnknown(Set.of("name", "role", "password_hash"));
            u.require("name");
            u.require("role");
            u.require("password_hash");
            String name = u.string("name", null);
            String roleWord = u.string("role", null);
            String hash = u.string("password_hash", null);
            if (name == null || roleWord == null || hash == null) {
                continue;
            }
            if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
                u.problem("name", "'" + name + "' is not 1 to 64 letters, digits or . _ @ -");
                continue;
            }
            if (!names.add(name)) {
                u.problem("name", "user " + name + " is listed twice");
            }
            Role role = Role.ofWord(roleWord);
            if (role == null) {
                u.problem("role", "'" + roleWord + "' is not viewer, operator or admin");
                continue;
            }
            if (!PasswordHashes.isHash(hash)) {
                u.problem("password_hash", "not a BCrypt hash (make one with: gslb passwd)");
                continue;
            }
            out.add(new DashboardUser(name, role, hash));
        }
        return out;
    }

    private static Path pemFile(YamlSection s, String field, Path base, boolean secret) {
        String v = s.string(field, null);
        if (v == null) {
            return null;
        }
        Path p = base.resolve(v).normalize();
        if (!java.nio.file.Files.isReadable(p)) {
            s.problem(field, p + " is missing or not readable");
        } else if (secret) {
            try {
                net.voicegslb.gslb.policy.config.SecretFile.checkPrivate(p);
            } catch (java.io.IOException e) {
                s.problem(field, e.getMessage());
            }
        }
        return p;
    }

    private static List<ZoneConfig> zones(YamlSection top, Path base, Path file, List<ConfigProblem> problems) {
        List<ZoneConfig> zones = new ArrayList<>();
        Set<Name> origins = new HashSet<>();
        if (!top.has("zones")) {
            top.require("zones");
            return zones;
        }
        for (YamlSection z : top.sections("zones")) {
            z.rejectUnknown(Set.of("origin", "file"));
            z.require("origin");
            z.require("file");
            String origin = z.string("origin", null);
            String zoneFile = z.string("file", null);
            if (origin == null || zoneFile == null) {
                continue;
            }
            Name name;
            try {
                name = Name.fromString(origin.endsWith(".") ? origin : origin + ".");
            } catch (TextParseException e) {
                z.problem("origin", "not a domain name: " + e.getMessage());
                continue;
            }
            if (!origins.add(name)) {
                z.problem("origin", "zone " + name + " is listed twice");
            }
            Path path = base.resolve(zoneFile).normalize();
            if (!Files.isReadable(path)) {
                z.problem("file", "zone file " + path + " is missing or not readable");
            }
            zones.add(new ZoneConfig(name, path, file, z.line()));
        }
        if (zones.isEmpty() && problems.isEmpty()) {
            top.problem("zones", "needs at least one zone");
        }
        return zones;
    }

    private static Node parse(Path file, List<ConfigProblem> problems) {
        return YamlSection.compose(file, MAX_CONFIG_BYTES, problems);
    }
}
