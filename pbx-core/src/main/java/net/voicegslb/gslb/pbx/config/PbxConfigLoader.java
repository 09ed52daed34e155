package net.voicegslb.gslb.pbx.config;

import net.voicegslb.gslb.policy.config.YamlSection;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a node's YAML configuration. Every problem is reported with file, line and field, all at
 * once; relative paths are resolved against the config file's directory. (Same style as the DNS
 * server's loader, deliberately without depending on it.)
 */
public final class PbxConfigLoader {

    private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    public PbxConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        Node root = parse(absolute, problems);
        if (root == null) {
            throw new ConfigException(problems);
        }
        YamlSection top = new YamlSection(absolute, "", root, problems);
        top.rejectUnknown(Set.of("sip", "registrar", "auth", "keepalive", "media", "store", "metrics", "peers", "peer_secret", "tenants",
                "proxy"));
        Path base = absolute.getParent();

        YamlSection sip = top.section("sip");
        sip.rejectUnknown(Set.of("listen", "advertise", "threads", "max_message_size", "aliases",
                "max_server_transactions", "timers", "tcp", "tls"));
        List<InetSocketAddress> listen = sip.list("listen", ListenAddress::parse, "HOST:PORT");
        if (!sip.has("listen")) {
            listen = List.of(ListenAddress.parse(PbxConfig.DEFAULT_LISTEN));
        } else if (listen.isEmpty() && problems.isEmpty()) {
            sip.problem("listen", "needs at least one HOST:PORT");
        }
        String advertise = sip.string("advertise", listen.isEmpty() ? "" : ListenAddress.format(listen.get(0)));
        int threads = sip.integer("threads", 0, 0, 64);
        int maxSize = sip.integer("max_message_size", PbxConfig.DEFAULT_MAX_MESSAGE_SIZE, 1500, 65_535);
        List<String> sipAliases = sip.list("aliases", PbxConfigLoader::alias, "a host name or *.domain");
        TransactionConfig transactions = transactions(sip);
        TcpConfig tcp = tcp(sip);
        TlsConfig tls = sip.has("tls") ? tls(sip.section("tls"), base, problems) : null;

        RegistrarConfig rd = RegistrarConfig.defaults();
        YamlSection reg = top.section("registrar");
        reg.rejectUnknown(Set.of("min_expires", "max_expires", "default_expires", "max_contacts",
                "max_contacts_per_source", "max_bindings"));
        int minExpires = reg.integer("min_expires", rd.minExpires(), 1, 86_400);
        int maxExpires = reg.integer("max_expires", rd.maxExpires(), 1, 604_800);
        int defExpires = reg.integer("default_expires", rd.defaultExpires(), 1, 604_800);
        if (minExpires > maxExpires) {
            reg.problem("min_expires", "must not exceed max_expires");
        }
        RegistrarConfig registrar = new RegistrarConfig(minExpires, maxExpires,
                Math.max(minExpires, Math.min(defExpires, maxExpires)),
                reg.integer("max_contacts", rd.maxContacts(), 1, 100),
                reg.integer("max_contacts_per_source", rd.maxContactsPerSource(), 1, 10_000_000),
                reg.integer("max_bindings", rd.maxBindings(), 1, 100_000_000));

        AuthConfig ad = AuthConfig.defaults();
        YamlSection auth = top.section("auth");
        auth.rejectUnknown(Set.of("algorithms", "nonce_lifetime", "failures_per_minute", "max_tracked_failures",
                "max_nonces"));
        List<String> algorithms = auth.list("algorithms", PbxConfigLoader::algorithm, "SHA-256 or MD5");
        if (!auth.has("algorithms")) {
            algorithms = ad.algorithms();
        } else if (algorithms.isEmpty() && problems.isEmpty()) {
            auth.problem("algorithms", "needs SHA-256, MD5 or both");
        } else {
            rejectRepeated(auth, algorithms);
        }
        // auth.algorithms, where written, keeps its old meaning for tenants without digest.algorithms:
        // one challenge per algorithm; unwritten, tenants get the default (one challenge, MD5)
        DigestConfig nodeDigest = !auth.has("algorithms") || algorithms.isEmpty() ? DigestConfig.DEFAULT
                : new DigestConfig(algorithms, algorithms.size() == 1 ? DigestConfig.Challenge.SINGLE
                        : DigestConfig.Challenge.PER_ALGORITHM);
        AuthConfig authConfig = new AuthConfig(algorithms, auth.duration("nonce_lifetime", ad.nonceLifetime()),
                auth.integer("failures_per_minute", ad.failuresPerMinute(), 1, 1_000_000),
                auth.integer("max_tracked_failures", ad.maxTrackedFailures(), 100, 100_000_000),
                auth.integer("max_nonces", ad.maxNonces(), 100, 100_000_000));

        KeepaliveConfig kd = KeepaliveConfig.defaults();
        YamlSection ka = top.section("keepalive");
        ka.rejectUnknown(Set.of("interval", "timeout"));
        KeepaliveConfig keepalive = new KeepaliveConfig(ka.duration("interval", kd.interval()),
                ka.duration("timeout", kd.timeout()));

        MediaConfig md = MediaConfig.defaults();
        YamlSection media = top.section("media");
        media.rejectUnknown(Set.of("enabled", "listen", "advertise", "ports", "max_sessions"));
        String ports = media.string("ports", md.portMin() + "-" + md.portMax());
        int portMin = md.portMin();
        int portMax = md.portMax();
        String[] range = ports.split("-", 2);
        try {
            portMin = Integer.parseInt(range[0].trim());
            portMax = Integer.parseInt(range[1].trim());
            if (portMin < 1024 || portMax > 65_535 || portMax - portMin < 3) {
                media.problem("ports", "must be MIN-MAX within 1024-65535 with at least 4 ports");
            }
        } catch (RuntimeException e) {
            media.problem("ports", "must be MIN-MAX, e.g. 30000-31000");
        }
        MediaConfig mediaConfig = new MediaConfig(media.bool("enabled", md.enabled()),
                media.string("listen", md.listen()), media.string("advertise", null), portMin, portMax,
                media.integer("max_sessions", md.maxSessions(), 1, 100_000));

        YamlSection store = top.section("store");
        store.rejectUnknown(Set.of("path"));
        Path storePath = base.resolve(store.string("path", "data/pbx")).normalize();

        YamlSection metrics = top.section("metrics");
        metrics.rejectUnknown(Set.of("listen"));
        String metricsListen = metrics.string("listen", "off");
        InetSocketAddress metricsAddress = null;
        if (!metricsListen.isBlank() && !metricsListen.equals("off")) {
            try {
                metricsAddress = ListenAddress.parse(metricsListen);
            } catch (IllegalArgumentException e) {
                metrics.problem("listen", e.getMessage());
            }
        }

        List<PeerConfig> peers = new ArrayList<>();
        for (YamlSection peer : top.sections("peers")) {
            peer.rejectUnknown(Set.of("site", "address", "transport", "tls_server_name"));
            peer.require("site");
            peer.require("address");
            String transport = peer.string("transport", "udp").trim().toLowerCase(Locale.ROOT);
            if (!transport.equals("udp") && !transport.equals("tls")) {
                peer.problem("transport", "'" + transport + "' is not udp or tls");
            }
            boolean peerTls = transport.equals("tls");
            if (peerTls && tls == null) {
                peer.problem("transport", "tls needs sip.tls: its cert_pem and key_pem are our client certificate");
            } else if (peerTls && tls.peerCas().isEmpty()) {
                peer.problem("transport", "tls needs sip.tls.peer_ca_pem to verify the peer's certificate");
            }
            if (!peerTls && peer.has("tls_server_name")) {
                peer.problem("tls_server_name", "only meaningful with transport: tls");
            }
            try {
                InetSocketAddress address = ListenAddress.parse(peer.string("address", ""));
                String serverName = peer.string("tls_server_name", address.getHostString()).trim();
                if (serverName.isEmpty()) {
                    peer.problem("tls_server_name", "must not be empty");
                }
                peers.add(new PeerConfig(peer.string("site", ""), address, peerTls, serverName));
            } catch (IllegalArgumentException e) {
                peer.problem("address", e.getMessage());
            }
        }

        String peerSecret = top.string("peer_secret", null);
        if (!peers.isEmpty() && (peerSecret == null || peerSecret.length() < 16)) {
            top.problem("peer_secret", "peers need a shared peer_secret of at least 16 characters");
        }

        ProxyConfig proxy = proxy(top.section("proxy"));
        List<TenantConfig> tenants = tenants(top, base, problems, nodeDigest);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PbxConfig(absolute, listen, advertise, threads, maxSize, registrar, authConfig, keepalive,
                mediaConfig, storePath, tenants, metricsAddress, List.copyOf(peers),
                peers.isEmpty() ? null : peerSecret, List.copyOf(sipAliases), proxy, transactions, tcp, tls);
    }

    /** sip.tls: listeners, the PEM chain and key (read and checked now), optional client CAs. */
    private static TlsConfig tls(YamlSection t, Path base, List<ConfigProblem> problems) {
        int before = problems.size();
        t.rejectUnknown(Set.of("listen", "advertise_port", "cert_pem", "key_pem", "client_ca_pem", "protocols",
                "handshake_timeout", "peer_ca_pem", "peer_connect_timeout", "peer_keepalive"));
        List<InetSocketAddress> listen = t.list("listen", ListenAddress::parse, "HOST:PORT");
        if (!t.has("listen")) {
            listen = List.of(ListenAddress.parse(TlsConfig.DEFAULT_LISTEN));
        } else if (listen.isEmpty() && problems.size() == before) {
            t.problem("listen", "needs at least one HOST:PORT");
        }
        int advertisePort = t.integer("advertise_port", listen.isEmpty() ? 0 : listen.get(0).getPort(), 0, 65_535);
        t.require("cert_pem");
        t.require("key_pem");
        Path certFile = t.has("cert_pem") ? base.resolve(t.string("cert_pem", "")).normalize() : null;
        List<java.security.cert.X509Certificate> chain = List.of();
        java.security.PrivateKey key = null;
        if (certFile != null) {
            try {
                chain = PemFiles.certificates(certFile);
            } catch (IllegalArgumentException e) {
                t.problem("cert_pem", e.getMessage());
            }
        }
        if (t.has("key_pem")) {
            try {
                key = PemFiles.privateKey(base.resolve(t.string("key_pem", "")).normalize());
            } catch (IllegalArgumentException e) {
                t.problem("key_pem", e.getMessage());
            }
        }
        if (key != null && !chain.isEmpty() && !PemFiles.matches(key, chain.get(0))) {
            t.problem("key_pem", "the key does not belong to the first certificate of " + certFile);
        }
        List<java.security.cert.X509Certificate> clientCas = List.of();
        if (t.has("client_ca_pem")) {
            try {
                clientCas = PemFiles.certificates(base.resolve(t.string("client_ca_pem", "")).normalize());
            } catch (IllegalArgumentException e) {
                t.problem("client_ca_pem", e.getMessage());
            }
        }
        int beforeProtocols = problems.size();
        List<String> protocols = t.list("protocols", PbxConfigLoader::tlsProtocol, "TLSv1.3 or TLSv1.2");
        if (!t.has("protocols")) {
            protocols = TlsConfig.DEFAULT_PROTOCOLS;
        } else if (protocols.isEmpty() && problems.size() == beforeProtocols) {
            t.problem("protocols", "needs TLSv1.3, TLSv1.2 or both");
        }
        Duration handshake = durationWithin(t, "handshake_timeout", TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT,
                Duration.ofMillis(100), Duration.ofMinutes(1));
        List<java.security.cert.X509Certificate> peerCas = List.of();
        if (t.has("peer_ca_pem")) {
            try {
                peerCas = PemFiles.certificates(base.resolve(t.string("peer_ca_pem", "")).normalize());
            } catch (IllegalArgumentException e) {
                t.problem("peer_ca_pem", e.getMessage());
            }
        }
        Duration peerConnect = durationWithin(t, "peer_connect_timeout", TlsConfig.DEFAULT_PEER_CONNECT_TIMEOUT,
                Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration peerKeepalive = durationWithin(t, "peer_keepalive", TlsConfig.DEFAULT_PEER_KEEPALIVE,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
        return new TlsConfig(List.copyOf(listen), advertisePort, certFile, List.copyOf(chain), key,
                List.copyOf(clientCas), List.copyOf(protocols), handshake, List.copyOf(peerCas), peerConnect,
                peerKeepalive);
    }

    /** Only the versions without known breaks (RFC 8996 retired 1.0 and 1.1). */
    private static String tlsProtocol(String text) {
        String p = text.trim();
        if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
            throw new IllegalArgumentException("'" + text + "' is not offered: TLSv1.3 or TLSv1.2 (RFC 8996 retired "
                    + "older versions)");
        }
        return p;
    }

    private static String alias(String text) {
        String a = text.trim().toLowerCase(Locale.ROOT);
        if (!a.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\]")) {
            throw new IllegalArgumentException("'" + text + "' is not a host name, IP address or *.domain");
        }
        return a;
    }

    private static ProxyConfig proxy(YamlSection p) {
        ProxyConfig d = ProxyConfig.defaults();
        p.rejectUnknown(Set.of("allow_unknown_callers", "route_secrets", "max_dialogs", "max_dialog_age",
                "max_calls_per_source", "max_pending_invites_per_source"));
        List<ProxyConfig.RouteSecret> secrets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlSection s : p.sections("route_secrets")) {
            s.rejectUnknown(Set.of("id", "secret"));
            s.require("id");
            s.require("secret");
            String id = s.string("id", "");
            String secret = s.string("secret", "");
            if (!id.matches("[A-Za-z0-9]{1,8}")) {
                s.problem("id", "1 to 8 letters or digits");
            } else if (!ids.add(id)) {
                s.problem("id", "route secret id '" + id + "' is listed twice");
            }
            if (secret.length() < 16) {
                s.problem("secret", "at least 16 characters");
            }
            secrets.add(new ProxyConfig.RouteSecret(id, secret));
        }
        java.time.Duration age = p.duration("max_dialog_age", d.maxDialogAge());
        if (age.toSeconds() < 60 || age.toDays() > 7) {
            p.problem("max_dialog_age", "must be between 1m and 7d");
        }
        return new ProxyConfig(p.bool("allow_unknown_callers", d.allowUnknownCallers()), List.copyOf(secrets),
                p.integer("max_dialogs", d.maxDialogs(), 1, 10_000_000), age,
                p.integer("max_calls_per_source", d.maxCallsPerSource(), 1, 1_000_000),
                p.integer("max_pending_invites_per_source", d.maxPendingInvitesPerSource(), 1, 1_000_000));
    }

    private static TransactionConfig transactions(YamlSection sip) {
        TransactionConfig d = TransactionConfig.defaults();
        YamlSection timers = sip.section("timers");
        timers.rejectUnknown(Set.of("t1", "t2", "t4"));
        Duration t1 = durationWithin(timers, "t1", d.t1(), Duration.ofMillis(10), Duration.ofSeconds(10));
        Duration t2 = durationWithin(timers, "t2", d.t2(), Duration.ofMillis(10), Duration.ofSeconds(60));
        Duration t4 = durationWithin(timers, "t4", d.t4(), Duration.ofMillis(10), Duration.ofSeconds(60));
        if (t2.compareTo(t1) < 0) {
            timers.problem("t2", "must not be shorter than t1");
            t2 = t1;
        }
        return new TransactionConfig(t1, t2, t4,
                sip.integer("max_server_transactions", d.maxServerTransactions(), 100, 10_000_000));
    }

    private static TcpConfig tcp(YamlSection sip) {
        TcpConfig d = TcpConfig.defaults();
        YamlSection tcp = sip.section("tcp");
        tcp.rejectUnknown(Set.of("max_connections", "max_connections_per_source", "message_timeout", "idle_timeout",
                "max_write_backlog"));
        int max = tcp.integer("max_connections", d.maxConnections(), 1, 1_000_000);
        int perSource = tcp.integer("max_connections_per_source", d.maxConnectionsPerSource(), 1, 1_000_000);
        if (perSource > max) {
            tcp.problem("max_connections_per_source", "must not exceed max_connections");
        }
        return new TcpConfig(max, perSource,
                durationWithin(tcp, "message_timeout", d.messageTimeout(), Duration.ofMillis(100), Duration.ofMinutes(5)),
                durationWithin(tcp, "idle_timeout", d.idleTimeout(), Duration.ofSeconds(1), Duration.ofHours(24)),
                tcp.integer("max_write_backlog", d.maxWriteBacklog(), 16 * 1024, 64 * 1024 * 1024));
    }

    private static Duration durationWithin(YamlSection s, String name, Duration fallback, Duration min, Duration max) {
        Duration d = s.duration(name, fallback);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            s.problem(name, "must be between " + text(min) + " and " + text(max) + ", not " + text(d));
            return fallback;
        }
        return d;
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String algorithm(String text) {
        String a = text.trim().toUpperCase(Locale.ROOT);
        if (!a.equals("SHA-256") && !a.equals("MD5")) {
            throw new IllegalArgumentException("unknown digest algorithm '" + text + "' (SHA-256 or MD5)");
        }
        return a;
    }

    /**
     * A tenant's {@code digest:} offer; unwritten parts come from {@code node} (auth.algorithms or
     * the default). Listing several algorithms without {@code challenge: per_algorithm} is an error
     * rather than a guess, because offering several is what breaks phones that know only MD5.
     */
    private static DigestConfig digest(YamlSection d, DigestConfig node, List<ConfigProblem> problems) {
        int known = problems.size();
        d.rejectUnknown(Set.of("algorithms", "challenge"));
        String written = d.string("challenge", null);
        if (written != null && !written.equals("single") && !written.equals("per_algorithm")) {
            d.problem("challenge", "must be single or per_algorithm, not '" + written + "'");
        }
        List<String> algorithms = node.algorithms();
        if (d.has("algorithms")) {
            algorithms = d.list("algorithms", PbxConfigLoader::algorithm, "SHA-256 or MD5");
            if (algorithms.isEmpty() && problems.size() == known) {
                d.problem("algorithms", "needs SHA-256, MD5 or both");
            }
            rejectRepeated(d, algorithms);
        }
        if (problems.size() > known) {
            return node;
        }
        DigestConfig.Challenge challenge;
        if (written == null) {
            challenge = d.has("algorithms") || algorithms.size() == 1 ? DigestConfig.Challenge.SINGLE
                    : node.challenge();
        } else {
            challenge = written.equals("single") ? DigestConfig.Challenge.SINGLE
                    : DigestConfig.Challenge.PER_ALGORITHM;
        }
        if (challenge == DigestConfig.Challenge.SINGLE && algorithms.size() > 1) {
            d.problem(d.has("challenge") || !d.has("algorithms") ? "challenge" : "algorithms",
                    "a single challenge offers one algorithm, not " + algorithms + (d.has("algorithms") ? ""
                            : " (from auth.algorithms)") + ": list one, or write challenge: per_algorithm to offer"
                            + " each (phones that know only MD5, such as baresip 1.0, then fail to register)");
            return node;
        }
        return new DigestConfig(algorithms, challenge);
    }

    private static void rejectRepeated(YamlSection s, List<String> algorithms) {
        if (new HashSet<>(algorithms).size() < algorithms.size()) {
            s.problem("algorithms", "lists an algorithm twice: " + algorithms);
        }
    }

    private static List<TenantConfig> tenants(YamlSection top, Path base, List<ConfigProblem> problems,
            DigestConfig nodeDigest) {
        List<TenantConfig> out = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        for (YamlSection t : top.sections("tenants")) {
            t.rejectUnknown(Set.of("domain", "aliases", "auth", "users", "users_file", "digest"));
            t.require("domain");
            String domain = t.string("domain", "").trim().toLowerCase(Locale.ROOT);
            List<String> aliases = t.list("aliases", s -> s.trim().toLowerCase(Locale.ROOT), "a host name");
            for (String d : concat(domain, aliases)) {
                if (!d.isEmpty() && !domains.add(d)) {
                    t.problem("domain", "domain or alias '" + d + "' is served twice");
                }
            }
            String mode = t.string("auth", "digest");
            if (!mode.equals("digest") && !mode.equals("none")) {
                t.problem("auth", "must be digest or none");
            }
            List<UserConfig> users = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (YamlSection u : t.sections("users")) {
                u.rejectUnknown(Set.of("user", "password"));
                u.require("user");
                u.require("password");
                String user = u.string("user", "");
                String password = u.string("password", "");
                if (user.isEmpty() || !user.matches("[A-Za-z0-9._!~*'()&=+$,;?/%-]+")) {
                    u.problem("user", "not a valid SIP user name");
                } else if (!names.add(user)) {
                    u.problem("user", "user '" + user + "' is listed twice");
                }
                if (password.length() < 4) {
                    u.problem("password", "at least 4 characters");
                }
                users.add(new UserConfig(user, password));
            }
            Path usersFile = null;
            if (t.has("users_file")) {
                usersFile = base.resolve(t.string("users_file", "")).normalize();
                if (!Files.isReadable(usersFile)) {
                    t.problem("users_file", "file " + usersFile + " is missing or not readable");
                }
            }
            DigestConfig digest = digest(t.section("digest"), nodeDigest, problems);
            out.add(new TenantConfig(domain, aliases, mode.equals("digest"), users, usersFile, t.line(), digest));
        }
        if (out.isEmpty() && problems.isEmpty()) {
            top.problem("tenants", "needs at least one tenant (domain)");
        }
        return out;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Node parse(Path file, List<ConfigProblem> problems) {
        return YamlSection.compose(file, MAX_CONFIG_BYTES, problems);
    }
}
