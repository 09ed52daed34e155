package net.voicegslb.gslb.dns.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.voicegslb.gslb.policy.PolicySettings;
import net.voicegslb.gslb.policy.config.ListenAddress;
import net.voicegslb.gslb.policy.config.SecretFile;
import net.voicegslb.gslb.policy.config.YamlSection;
import net.voicegslb.gslb.policy.health.HealthSettings;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.FailOpenRule;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.RecordType;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.model.Tenant;
import net.voicegslb.gslb.policy.quality.Codec;
import net.voicegslb.gslb.policy.store.TopologyMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Reads the {@code gslb:} section: sites, nodes, services, tenants and the knobs of answers, health,
 * SIP checks, telemetry and events. Problems go to the shared list with file, line and field, so
 * that one run reports everything; the caller throws when the list is not empty.
 */
final class GslbConfigLoader {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path base;
    private final List<Name> zoneOrigins;
    /** The A/AAAA host of each service, by domain. */
    private final Map<String, String> hostNames = new LinkedHashMap<>();

    GslbConfigLoader(Path base, List<Name> zoneOrigins) {
        this.base = base;
        this.zoneOrigins = List.copyOf(zoneOrigins);
    }

    GslbConfig load(YamlSection g) {
        g.rejectUnknown(Set.of("answers", "health", "sip_check", "ranking", "telemetry", "events", "sites", "nodes",
                "services", "tenants", "topology"));
        AnswerSettings answers = answers(g.section("answers"));
        YamlSection h = g.section("health");
        h.rejectUnknown(Set.of("heartbeat_interval", "missed_heartbeats", "rise"));
        Duration heartbeat = positive(h, "heartbeat_interval", Duration.ofSeconds(1));
        int missed = h.integer("missed_heartbeats", 3, 1, 100);
        int rise = h.integer("rise", 3, 1, 100);
        SipCheckConfig sip = sipCheck(g.section("sip_check"));
        HealthSettings health = new HealthSettings(rise, sip.fall(), sip.rise(), sip.fall(),
                heartbeat.toMillis() * missed, 32);
        PolicySettings defaults = PolicySettings.defaults();
        PolicySettings policy = new PolicySettings(defaults.store(), health, defaults.eModel(), defaults.scoring(),
                defaults.maxHysteresisKeys());
        RankingParameters ranking = ranking(g.section("ranking"));

        Map<String, Site> sites = sites(g);
        List<Node> nodes = new ArrayList<>();
        Map<String, NodeCredential> credentials = new LinkedHashMap<>();
        List<SipCheckTarget> checks = new ArrayList<>();
        nodes(g, sites, nodes, credentials, checks);
        List<Service> services = services(g, sites, nodes, answers, ranking);
        List<Tenant> tenants = tenants(g, sites);
        TopologyMap topology = topology(g);
        TelemetryConfig telemetry = telemetry(g.section("telemetry"), credentials);
        EventsConfig events = events(g.section("events"));

        Inventory inventory = null;
        try {
            inventory = new Inventory(sites.values(), nodes, services, tenants);
        } catch (IllegalArgumentException e) {
            g.problem("sites", e.getMessage());
        }
        return inventory == null ? null
                : new GslbConfig(inventory, topology, policy, answers, hostNames, telemetry, sip, checks, events);
    }

    private static AnswerSettings answers(YamlSection a) {
        a.rejectUnknown(Set.of("ttl", "transition_ttl", "transition_window", "nodes", "refresh_interval",
                "max_clients", "loop_rankings_per_second"));
        Duration ttl = a.duration("ttl", AnswerSettings.DEFAULT_TTL);
        Duration transition = a.duration("transition_ttl", AnswerSettings.DEFAULT_TRANSITION_TTL);
        if (ttl.toSeconds() > 86_400) {
            a.problem("ttl", "must be at most 1d");
        }
        if (transition.compareTo(ttl) > 0) {
            a.problem("transition_ttl", "must not exceed ttl (" + ttl.toSeconds() + "s)");
        }
        Duration window = a.duration("transition_window", Duration.ofSeconds(60));
        int nodes = a.integer("nodes", AnswerSettings.DEFAULT_ANSWER_NODES, 1, 16);
        Duration refresh = a.duration("refresh_interval", Duration.ofSeconds(1));
        if (refresh.toMillis() < 50 || refresh.toMinutes() > 10) {
            a.problem("refresh_interval", "must be between 50ms and 10m");
        }
        int maxClients = a.integer("max_clients", 100_000, 100, 10_000_000);
        int loopRankings = a.integer("loop_rankings_per_second", AnswerSettings.DEFAULT_LOOP_RANKINGS_PER_SECOND, 0,
                1_000_000);
        return new AnswerSettings(ttl, transition, window, nodes, refresh, maxClients, loopRankings);
    }

    private SipCheckConfig sipCheck(YamlSection s) {
        s.rejectUnknown(Set.of("enabled", "interval", "timeout", "rise", "fall", "max_drain", "from_user", "tls"));
        boolean enabled = s.bool("enabled", true);
        Duration interval = positive(s, "interval", Duration.ofSeconds(1));
        Duration timeout = positive(s, "timeout", Duration.ofMillis(500));
        if (timeout.compareTo(interval) > 0) {
            s.problem("timeout", "must not exceed interval (" + interval.toMillis() + "ms)");
        }
        int rise = s.integer("rise", 2, 1, 100);
        int fall = s.integer("fall", 2, 1, 100);
        Duration maxDrain = positive(s, "max_drain", Duration.ofMinutes(10));
        String from = s.string("from_user", "gslb-check");
        if (!from.matches("[A-Za-z0-9._~-]{1,64}")) {
            s.problem("from_user", "letters, digits and . _ ~ - only (at most 64)");
            from = "gslb-check";
        }
        YamlSection tls = s.section("tls");
        tls.rejectUnknown(Set.of("trust_pem", "expiry_warning"));
        Path trust = file(tls, "trust_pem");
        Duration warning = tls.duration("expiry_warning", SipCheckConfig.DEFAULT_TLS_EXPIRY_WARNING);
        if (warning.isNegative() || warning.toDays() > 365) {
            tls.problem("expiry_warning", "must be between 0 and 365d");
            warning = SipCheckConfig.DEFAULT_TLS_EXPIRY_WARNING;
        }
        return new SipCheckConfig(enabled, interval, timeout, rise, fall, maxDrain, from, trust, warning);
    }

    private static RankingParameters ranking(YamlSection r) {
        r.rejectUnknown(Set.of("codec", "hysteresis_margin", "hold", "home_margin", "near_full", "full",
                "near_full_penalty", "degraded_penalty", "fail_open"));
        RankingParameters d = RankingParameters.defaults();
        Codec codec = enumValue(r, "codec", Codec.class, d.codec());
        double margin = r.number("hysteresis_margin", d.hysteresisMarginMos(), 0, 4);
        long hold = r.duration("hold", Duration.ofMillis(d.holdMillis())).toMillis();
        double home = r.number("home_margin", d.homeMarginMos(), 0, 4);
        double nearFull = r.number("near_full", d.nearFullUtilization(), 0, 1);
        double full = r.number("full", d.fullUtilization(), 0, 1);
        double nearFullPenalty = r.number("near_full_penalty", d.nearFullPenaltyMos(), 0, 4);
        double degraded = r.number("degraded_penalty", d.degradedPenaltyMos(), 0, 4);
        FailOpenRule failOpen = enumValue(r, "fail_open", FailOpenRule.class, d.failOpen());
        try {
            return new RankingParameters(codec, margin, hold, home, nearFull, full, nearFullPenalty, degraded,
                    failOpen);
        } catch (IllegalArgumentException e) {
            r.problem("near_full", e.getMessage());
            return d;
        }
    }

    private static Map<String, Site> sites(YamlSection g) {
        Map<String, Site> sites = new LinkedHashMap<>();
        if (!g.has("sites")) {
            g.require("sites");
            return sites;
        }
        YamlSection all = g.section("sites");
        for (String id : all.names()) {
            YamlSection s = all.section(id);
            s.rejectUnknown(Set.of("region", "capacity_calls", "state"));
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
                all.problem(id, "site id must be 1-32 of a-z 0-9 _ - (it appears in metrics and telemetry)");
                continue;
            }
            String region = s.string("region", id);
            int capacity = s.integer("capacity_calls", 1000, 1, 100_000_000);
            AdminState state = enumValue(s, "state", AdminState.class, AdminState.ACTIVE);
            sites.put(id, new Site(id, region, state, capacity));
        }
        if (sites.isEmpty()) {
            g.problem("sites", "needs at least one site");
        }
        return sites;
    }

    private void nodes(YamlSection g, Map<String, Site> sites, List<Node> out, Map<String, NodeCredential> credentials,
                       List<SipCheckTarget> checks) {
        if (!g.has("nodes")) {
            g.require("nodes");
            return;
        }
        YamlSection all = g.section("nodes");
        Set<String> hostnames = new LinkedHashSet<>();
        for (String id : all.names()) {
            YamlSection n = all.section(id);
            n.rejectUnknown(Set.of("site", "hostname", "ipv4", "ipv6", "sip", "check", "token_file"));
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                all.problem(id, "node id must be 1-64 of letters, digits . _ -");
                continue;
            }
            n.require("site");
            String site = n.string("site", null);
            if (site != null && !sites.containsKey(site)) {
                n.problem("site", "unknown site '" + site + "' (sites: " + String.join(", ", sites.keySet()) + ")");
            }
            String hostname = hostname(n, "hostname", n.string("hostname", null));
            if (hostname != null && !hostnames.add(hostname)) {
                n.problem("hostname", "used by another node");
            }
            List<InetAddress> v4 = n.list("ipv4", t -> address(t, false), "an IPv4 address");
            List<InetAddress> v6 = n.list("ipv6", t -> address(t, true), "an IPv6 address");
            if (v4.isEmpty() && v6.isEmpty()) {
                n.problem("ipv4", "node needs at least one address (ipv4 or ipv6)");
            }
            List<SipEndpoint> sip = n.has("sip") ? n.list("sip", GslbConfigLoader::endpoint, "TRANSPORT:PORT")
                    : List.of(new SipEndpoint(SipTransport.UDP, 5060), new SipEndpoint(SipTransport.TCP, 5060));
            // Default: every transport the node advertises, so that nothing is offered unchecked.
            List<SipTransport> check = n.has("check")
                    ? n.list("check", t -> enumParse(t, SipTransport.class), "udp, tcp or tls")
                    : sip.stream().map(SipEndpoint::transport).filter(GslbConfigLoader::checkable).distinct().toList();
            for (SipTransport t : check.stream().distinct().toList()) {
                SipEndpoint e = sip.stream().filter(x -> x.transport() == t).findFirst().orElse(null);
                if (!checkable(t)) {
                    n.problem("check", "SIP checks run over udp, tcp or tls, not " + t.name().toLowerCase(Locale.ROOT));
                } else if (e == null) {
                    n.problem("check", t.name().toLowerCase(Locale.ROOT) + " is not among the node's sip listeners");
                } else if (!v4.isEmpty() || !v6.isEmpty()) {
                    InetAddress a = v4.isEmpty() ? v6.get(0) : v4.get(0);
                    checks.add(new SipCheckTarget(id, t, new InetSocketAddress(a, e.port()), hostname));
                }
            }
            String tokenFile = n.string("token_file", null);
            if (tokenFile == null) {
                n.problem("token_file", "is required: the node's telemetry credential");
            } else {
                String token = readOrCreateToken(n, base.resolve(tokenFile).normalize());
                if (token != null) {
                    credentials.put(id, NodeCredential.ofToken(id, token));
                }
            }
            if (site == null || hostname == null || (v4.isEmpty() && v6.isEmpty())) {
                continue;
            }
            out.add(new Node(id, site, hostname,
                    v4.stream().map(java.net.Inet4Address.class::cast).toList(),
                    v6.stream().map(java.net.Inet6Address.class::cast).toList(), sip));
        }
        duplicateTokens(all, credentials);
    }

    private static boolean checkable(SipTransport t) {
        return t == SipTransport.UDP || t == SipTransport.TCP || t == SipTransport.TLS;
    }

    /** Two nodes sharing a token could speak for each other: refuse it. */
    private static void duplicateTokens(YamlSection all, Map<String, NodeCredential> credentials) {
        List<NodeCredential> list = new ArrayList<>(credentials.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (java.util.Arrays.equals(list.get(i).tokenSha256(), list.get(j).tokenSha256())) {
                    all.problem(list.get(j).nodeId(), "token_file holds the same token as node "
                            + list.get(i).nodeId() + "; every node needs its own");
                }
            }
        }
    }

    private List<Service> services(YamlSection g, Map<String, Site> sites, List<Node> nodes, AnswerSettings answers,
                                   RankingParameters ranking) {
        List<Service> out = new ArrayList<>();
        if (!g.has("services")) {
            g.require("services");
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (YamlSection s : g.sections("services")) {
            s.rejectUnknown(Set.of("domain", "host", "pool"));
            s.require("domain");
            String domain = hostname(s, "domain", s.string("domain", null));
            if (domain == null) {
                continue;
            }
            String host = s.string("host", "sip");
            String hostName = host.endsWith(".") || host.endsWith("." + domain) ? hostname(s, "host", host)
                    : hostname(s, "host", host + "." + domain);
            List<String> pool = s.has("pool") ? s.list("pool", t -> t, "a site id") : List.copyOf(sites.keySet());
            for (String site : pool) {
                if (!sites.containsKey(site)) {
                    s.problem("pool", "unknown site '" + site + "'");
                }
            }
            if (pool.isEmpty() || Set.copyOf(pool).size() != pool.size()) {
                s.problem("pool", "needs at least one site, each once");
                continue;
            }
            if (!names.add(domain)) {
                s.problem("domain", "service " + domain + " is listed twice");
            }
            if (hostName != null && !hostName.equals(domain) && !hostName.endsWith("." + domain)) {
                s.problem("host", "must be inside the service domain " + domain);
            }
            if (zoneOf(domain) == null) {
                s.problem("domain", domain + " is not inside any served zone (zones: " + zoneOrigins + ")");
            }
            out.add(new Service(domain, Set.of(RecordType.values()), pool, (int) answers.ttl().toSeconds(), ranking));
            hostNames.put(domain, hostName);
        }
        return out;
    }

    private static List<Tenant> tenants(YamlSection g, Map<String, Site> sites) {
        List<Tenant> out = new ArrayList<>();
        YamlSection all = g.section("tenants");
        for (String label : all.names()) {
            YamlSection t = all.section(label);
            t.rejectUnknown(Set.of("home"));
            if (!label.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                all.problem(label, "tenant label must be a DNS label: a-z 0-9 and -, at most 63");
                continue;
            }
            List<String> home = t.list("home", x -> x, "a site id");
            for (String site : home) {
                if (!sites.containsKey(site)) {
                    t.problem("home", "unknown site '" + site + "'");
                }
            }
            out.add(new Tenant(label, home.stream().filter(sites::containsKey).toList()));
        }
        return out;
    }

    private static TopologyMap topology(YamlSection g) {
        YamlSection all = g.section("topology");
        Map<ClientPrefix, String> map = new LinkedHashMap<>();
        for (String cidr : all.names()) {
            try {
                ClientPrefix p = ClientPrefix.parse(cidr);
                map.put(p, all.string(cidr, ""));
            } catch (IllegalArgumentException e) {
                all.problem(cidr, "not a CIDR prefix: " + e.getMessage());
            }
        }
        return new TopologyMap(map);
    }

    private TelemetryConfig telemetry(YamlSection t, Map<String, NodeCredential> credentials) {
        t.rejectUnknown(Set.of("listen", "allow_plaintext", "tls", "max_frames_per_second", "burst",
                "max_clock_skew", "max_frame_bytes", "probe_targets", "admission"));
        String listenText = t.string("listen", "127.0.0.1:8444");
        InetSocketAddress listen = null;
        if (!listenText.equals("off")) {
            try {
                listen = ListenAddress.parse(listenText);
            } catch (IllegalArgumentException e) {
                t.problem("listen", e.getMessage());
            }
        }
        boolean plaintext = t.bool("allow_plaintext", false);
        YamlSection tls = t.section("tls");
        tls.rejectUnknown(Set.of("cert_pem", "key_pem", "client_ca_pem", "allow_cn_identity"));
        boolean cnIdentity = tls.bool("allow_cn_identity", false);
        Path cert = file(tls, "cert_pem");
        Path key = secret(tls, "key_pem");
        Path clientCa = file(tls, "client_ca_pem");
        if (listen != null) {
            if (plaintext && !listen.getAddress().isLoopbackAddress()) {
                t.problem("allow_plaintext", "plaintext telemetry carries tokens in clear: only on a loopback "
                        + "listen address; configure tls for " + ListenAddress.format(listen));
            }
            if (!plaintext && (cert == null || key == null)) {
                t.problem("tls", "telemetry needs tls.cert_pem and tls.key_pem (or allow_plaintext: true on "
                        + "loopback, for labs)");
            }
        }
        int rate = t.integer("max_frames_per_second", 50, 1, 100_000);
        int burst = t.integer("burst", Math.max(rate * 2, 20), 1, 1_000_000);
        Duration skew = positive(t, "max_clock_skew", Duration.ofSeconds(30));
        int frameBytes = t.integer("max_frame_bytes", 1 << 20, 1024, 64 << 20);
        YamlSection p = t.section("probe_targets");
        p.rejectUnknown(Set.of("interval", "max"));
        Duration interval = positive(p, "interval", Duration.ofSeconds(30));
        int max = p.integer("max", 1000, 0, 100_000);
        return new TelemetryConfig(listen, plaintext, cert, key, clientCa, credentials, rate, burst, skew, frameBytes,
                interval, max, admission(t.section("admission")), cnIdentity);
    }

    private static TelemetryAdmission admission(YamlSection a) {
        a.rejectUnknown(Set.of("max_unauthenticated", "max_unauthenticated_per_source", "connections_per_second",
                "connection_burst", "handshake_timeout"));
        TelemetryAdmission d = TelemetryAdmission.DEFAULTS;
        int total = a.integer("max_unauthenticated", d.maxUnauthenticated(), 1, 100_000);
        int perSource = a.integer("max_unauthenticated_per_source", d.maxUnauthenticatedPerSource(), 1, 100_000);
        int rate = a.integer("connections_per_second", (int) d.connectionsPerSecond(), 1, 100_000);
        int burst = a.integer("connection_burst", d.connectionBurst(), 1, 100_000);
        Duration timeout = positive(a, "handshake_timeout", d.handshakeTimeout());
        if (timeout.toMinutes() > 5) {
            a.problem("handshake_timeout", "must be at most 5m");
        }
        return new TelemetryAdmission(total, perSource, rate, burst, timeout);
    }

    private EventsConfig events(YamlSection e) {
        e.rejectUnknown(Set.of("database", "retention"));
        String db = e.string("database", "data/gslb-events");
        String url = db.startsWith("jdbc:") ? db : "jdbc:h2:file:" + base.resolve(db).normalize();
        Duration retention = positive(e, "retention", Duration.ofDays(30));
        return new EventsConfig(url, retention);
    }

    /** A private key: readable by this process, and by nobody else but its owner. */
    private Path secret(YamlSection s, String field) {
        Path p = file(s, field);
        if (p != null && Files.isReadable(p)) {
            try {
                SecretFile.checkPrivate(p);
            } catch (IOException e) {
                s.problem(field, e.getMessage());
            }
        }
        return p;
    }

    private Path file(YamlSection s, String field) {
        String v = s.string(field, null);
        if (v == null) {
            return null;
        }
        Path p = base.resolve(v).normalize();
        if (!Files.isReadable(p)) {
            s.problem(field, p + " is missing or not readable");
        }
        return p;
    }

    /**
     * Reads a token; a missing file gets a fresh random token, created readable by its owner only.
     * A token file that group or others may read is refused ({@link SecretFile}).
     */
    private static String readOrCreateToken(YamlSection n, Path file) {
        try {
            String token = SecretFile.readOrCreate(file, () -> {
                byte[] raw = new byte[24];
                RANDOM.nextBytes(raw);
                return HexFormat.of().formatHex(raw);
            });
            if (token.length() < 16) {
                n.problem("token_file", file + " holds a token shorter than 16 characters");
                return null;
            }
            return token;
        } catch (SecretFile.NotPrivateException e) {
            n.problem("token_file", e.getMessage());
            return null;
        } catch (IOException e) {
            n.problem("token_file", "cannot read or create " + file + ": " + e.getMessage());
            return null;
        }
    }

    private String hostname(YamlSection s, String field, String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            Name.fromString(t + ".");
        } catch (TextParseException e) {
            s.problem(field, "not a domain name: " + e.getMessage());
            return null;
        }
        return t;
    }

    /** The served zone that encloses {@code name}, or null. */
    Name zoneOf(String name) {
        try {
            Name n = Name.fromString(name + ".");
            Name best = null;
            for (Name origin : zoneOrigins) {
                if (n.subdomain(origin) && (best == null || origin.labels() > best.labels())) {
                    best = origin;
                }
            }
            return best;
        } catch (TextParseException e) {
            return null;
        }
    }

    private static Duration positive(YamlSection s, String field, Duration fallback) {
        Duration d = s.duration(field, fallback);
        if (d.isZero() || d.isNegative()) {
            s.problem(field, "must be positive");
            return fallback;
        }
        return d;
    }

    private static InetAddress address(String text, boolean v6) {
        String t = text.trim();
        boolean looksV6 = t.contains(":");
        if (looksV6 != v6 || !t.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IPv" + (v6 ? "6" : "4") + " address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }

    private static SipEndpoint endpoint(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected TRANSPORT:PORT such as udp:5060, not '" + text + "'");
        }
        SipTransport t = enumParse(parts[0], SipTransport.class);
        try {
            return new SipEndpoint(t, Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + text + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(YamlSection s, String field, Class<E> type, E fallback) {
        String v = s.string(field, null);
        if (v == null) {
            return fallback;
        }
        try {
            return enumParse(v, type);
        } catch (IllegalArgumentException e) {
            s.problem(field, e.getMessage());
            return fallback;
        }
    }

    private static <E extends Enum<E>> E enumParse(String text, Class<E> type) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names));
    }
}
