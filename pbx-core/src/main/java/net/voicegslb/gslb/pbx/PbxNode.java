package net.voicegslb.gslb.pbx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.pbx.auth.AuthFailureLimiter;
import net.voicegslb.gslb.pbx.auth.DigestAuthenticator;
import net.voicegslb.gslb.pbx.auth.NonceService;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.config.UserConfig;
import net.voicegslb.gslb.pbx.keepalive.KeepalivePinger;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.proxy.LocalAddresses;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.Proxy;
import net.voicegslb.gslb.pbx.proxy.CallerAdmission;
import net.voicegslb.gslb.pbx.proxy.Dialogs;
import net.voicegslb.gslb.pbx.proxy.PeerToken;
import net.voicegslb.gslb.pbx.proxy.PeerIdentity;
import net.voicegslb.gslb.pbx.proxy.PeerSources;
import net.voicegslb.gslb.pbx.config.PeerConfig;
import net.voicegslb.gslb.pbx.transport.PeerLinks;
import net.voicegslb.gslb.pbx.proxy.ProxyGuards;
import net.voicegslb.gslb.pbx.proxy.ProxyRefusals;
import net.voicegslb.gslb.pbx.proxy.RouteStamp;
import net.voicegslb.gslb.pbx.config.ProxyConfig;
import net.voicegslb.gslb.pbx.registrar.Registrar;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.pbx.store.Tenant;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.store.UserCredentials;
import net.voicegslb.gslb.pbx.store.UsersCsv;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transaction.TransactionTimers;
import net.voicegslb.gslb.pbx.transport.ConnectionAliases;
import net.voicegslb.gslb.pbx.transport.SipTransport;
import net.voicegslb.gslb.pbx.transport.TransportCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PBX node: the explicit wiring of store, tenants, registrar, proxy, transactions,
 * keepalive and transport, plus the housekeeping timers. {@link #start} returns once the SIP
 * sockets are bound; {@link #close} stops everything it started.
 */
public final class PbxNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PbxNode.class);

    private final SipTransport transport;
    private final LocationStore location;
    private final ExecutorService workers;
    private final List<ScheduledFuture<?>> timers;
    private final ServerTransactions serverTransactions;
    private final AtomicReference<PbxConfig> config;
    private final PbxStore store;
    private final TenantDirectory tenants;
    private final Counter reloadsOk;
    private final Counter reloadsFailed;
    private PeerLinks peerLinks = PeerLinks.none();

    private PbxNode(SipTransport transport, LocationStore location, ExecutorService workers,
            List<ScheduledFuture<?>> timers, ServerTransactions serverTransactions, AtomicReference<PbxConfig> config,
            PbxStore store, TenantDirectory tenants, MeterRegistry registry) {
        this.transport = transport;
        this.location = location;
        this.workers = workers;
        this.timers = timers;
        this.serverTransactions = serverTransactions;
        this.config = config;
        this.store = store;
        this.tenants = tenants;
        this.reloadsOk = Counter.builder("gslb.sip.reloads").tag("result", "ok").register(registry);
        this.reloadsFailed = Counter.builder("gslb.sip.reloads").tag("result", "failed").register(registry);
    }

    /** What a {@link #reload} did, for the log and for whoever asked. */
    public record ReloadResult(boolean ok, String message) {}

    /**
     * @param store where tenants and users live; the config's users are written into it first
     * @param media the media anchor (the embedded relay, or {@link MediaAnchor#NONE})
     */
    public static PbxNode start(PbxConfig config, PbxStore store, MediaAnchor media, PassiveObserver observer,
            MeterRegistry registry) throws IOException, InterruptedException {
        LongSupplier clock = System::currentTimeMillis;
        provision(config, store);
        AtomicReference<PbxConfig> current = new AtomicReference<>(config);
        TenantDirectory tenants = new TenantDirectory();
        tenants.reload(config.tenants(), store);
        LOG.info("{} tenant(s), {} user(s)", config.tenants().size(), tenants.userCount());
        config.tenants().stream().filter(TenantConfig::authRequired)
                .forEach(t -> LOG.info("digest for {}: {}", t.domain(), t.digest().describe()));

        SipMetrics metrics = new SipMetrics(registry);
        LocationStore location = new LocationStore();
        registry.gauge("gslb.sip.location.bindings", location, LocationStore::bindingCount);
        registry.gauge("gslb.sip.location.aors", location, LocationStore::aorCount);
        NonceService nonces = new NonceService(config.auth().nonceLifetime(), config.auth().maxNonces(), clock);
        AuthFailureLimiter limiter = new AuthFailureLimiter(config.auth().failuresPerMinute(),
                config.auth().maxTrackedFailures(), clock);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.sip.auth.evicted", nonces, NonceService::evictions)
                .tag("table", "nonces").description("nonce counts forgotten early: auth.max_nonces reached")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.sip.auth.evicted", limiter,
                        AuthFailureLimiter::evictions)
                .tag("table", "failures").description("failure windows forgotten early: auth.max_tracked_failures reached")
                .register(registry);
        DigestAuthenticator authenticator = new DigestAuthenticator(nonces, limiter);
        Responder responder = new Responder(new ResponseWriter("gslb-pbx"), metrics);
        TransactionTimers sipTimers = TransactionTimers.of(config.transactions().t1(), config.transactions().t2(),
                config.transactions().t4());
        ServerTransactions serverTransactions = new ServerTransactions(clock, sipTimers,
                config.transactions().maxServerTransactions());
        registry.gauge("gslb.sip.transactions", io.micrometer.core.instrument.Tags.of("kind", "server"), serverTransactions,
                ServerTransactions::size);
        io.micrometer.core.instrument.FunctionCounter.builder("gslb.sip.transactions.refused", serverTransactions,
                ServerTransactions::refused).tag("kind", "server").register(registry);
        ClientTransactions clientTransactions = new ClientTransactions(sipTimers);
        Registrar registrar = new Registrar(tenants, authenticator, location, config.registrar(), responder, observer,
                metrics, clock);
        InetSocketAddress first = config.listen().get(0);
        String[] adv = config.advertise().split(":(?=[0-9]+$)");
        AtomicReference<SipTransport> transportRef = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sip-media");
            t.setDaemon(true);
            return t;
        });
        List<InetSocketAddress> bound = new ArrayList<>();
        List<InetSocketAddress> boundTls = new ArrayList<>();
        LocalAddresses local = new LocalAddresses(adv[0].replace("[", "").replace("]", ""),
                adv.length > 1 ? Integer.parseInt(adv[1]) : first.getPort(), bound, selfNames(config),
                host -> tenants.forHost(host) != null, boundTls,
                config.tls() == null ? 0 : config.tls().advertisePort());
        // two entries per connection at most (its address, one alias), so the connection cap bounds the table
        ConnectionAliases aliases = new ConnectionAliases(2 * config.tcp().maxConnections());
        List<InetSocketAddress> peers = config.peers().stream()
                .map(net.voicegslb.gslb.pbx.config.PeerConfig::address).toList();
        PeerToken peerToken = config.peerSecret() == null ? null : new PeerToken(config.peerSecret(), clock);
        PeerLinks peerLinks = peerLinks(config, registry);
        PeerSources peerSources = peerSources(config);
        ProxyConfig pc = config.proxy();
        Dialogs dialogs = new Dialogs(pc.maxDialogs(), pc.maxDialogAge().toMillis(), pc.maxCallsPerSource(),
                pc.maxPendingInvitesPerSource(), clock);
        registry.gauge("gslb.sip.proxy.dialogs", dialogs, Dialogs::size);
        ProxyGuards guards = new ProxyGuards(
                new CallerAdmission(tenants, authenticator, peerSources, peerToken, pc.allowUnknownCallers(), metrics),
                new RouteStamp(pc.routeSecrets(), pc.maxDialogAge(), clock), dialogs, new ProxyRefusals(registry));
        Proxy proxy = new Proxy(tenants, location, clientTransactions, responder, media, workers, local, metrics, clock,
                () -> transportRef.get().anyUdpChannel(), peers, peerToken, guards, aliases, peerLinks);
        SipCore core = new SipCore(serverTransactions, clientTransactions, registrar, proxy, responder, metrics,
                Math.max(1, sipTimers.timerHMillis() / 1000 / 4));
        TransportCounters transportCounters = new TransportCounters(registry);
        SipTransport transport;
        try {
            transport = SipTransport.start(config.listen(), config.threads(), config.maxMessageSize(), config.tcp(),
                    config.tls(), aliases, core, transportCounters);
        } catch (InterruptedException | RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        transportRef.set(transport);
        bound.addAll(transport.boundAddresses());
        boundTls.addAll(transport.boundTlsAddresses());
        peerLinks.start(transport.group(), transport.epoll(), tlsSource(config), core, transportCounters);
        if (first.getPort() == 0 && adv.length > 1 && adv[1].equals("0")) {
            LOG.warn("advertise names port 0; Via and Record-Route will carry it");
        }

        List<ScheduledFuture<?>> timers = new ArrayList<>();
        var loop = transport.group().next();
        timers.add(loop.scheduleAtFixedRate(serverTransactions::expire, 1, 1, TimeUnit.SECONDS));
        timers.add(loop.scheduleAtFixedRate(() -> {
            location.expire(clock.getAsLong(), b -> LOG.debug("binding expired: {} {}", b.aor(), b.contactText()));
            nonces.purge();
            limiter.purge();
            proxy.expireDialogs();
        }, 5, 5, TimeUnit.SECONDS));
        timers.add(loop.scheduleAtFixedRate(() -> workers.execute(() -> {
            try {
                // under the reload's lock: a snapshot read with the previous config must not land after it
                synchronized (current) {
                    tenants.reload(current.get().tenants(), store);
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot reload users from the store: {}", e.toString());
            }
        }), 10, 10, TimeUnit.SECONDS));
        long keepalive = config.keepalive().interval().toMillis();
        if (keepalive > 0) {
            KeepalivePinger pinger = new KeepalivePinger(location, clientTransactions, observer, local::hostPort,
                    config.keepalive().timeout(), clock, registry);
            timers.add(loop.scheduleAtFixedRate(pinger::pingAll, keepalive, keepalive, TimeUnit.MILLISECONDS));
        }
        PbxNode node = new PbxNode(transport, location, workers, timers, serverTransactions, current, store, tenants,
                registry);
        node.peerLinks = peerLinks;
        return node;
    }

    /** Our TLS connections to the peers with transport: tls (opened once the transport runs). */
    private static PeerLinks peerLinks(PbxConfig config, MeterRegistry registry) {
        List<PeerLinks.Peer> tlsPeers = config.peers().stream().filter(PeerConfig::tls)
                .map(p -> new PeerLinks.Peer(p.site(), p.address(), p.serverName())).toList();
        return tlsPeers.isEmpty() ? PeerLinks.none()
                : new PeerLinks(tlsPeers, config.tls(), config.tcp(), config.maxMessageSize(), registry);
    }

    /** UDP peers by address; TLS peers by a certificate from peer_ca_pem naming their tls_server_name. */
    private static PeerSources peerSources(PbxConfig config) {
        List<InetSocketAddress> udpPeers = config.peers().stream().filter(p -> !p.tls()).map(PeerConfig::address)
                .toList();
        Map<String, String> names = new LinkedHashMap<>();
        config.peers().stream().filter(PeerConfig::tls).forEach(p -> names.put(p.serverName(), p.site()));
        return new PeerSources(udpPeers, new PeerIdentity(config.tls() == null ? List.of() : config.tls().peerCas(),
                names));
    }

    /** Our connections to peers leave from our (first) TLS listen address, unless that is a wildcard. */
    private static InetAddress tlsSource(PbxConfig config) {
        if (config.tls() == null || config.tls().listen().isEmpty()) {
            return null;
        }
        InetAddress a = config.tls().listen().get(0).getAddress();
        return a == null || a.isAnyLocalAddress() ? null : a;
    }

    /**
     * The names a Request-URI or Route may use for this node besides its addresses: the host name,
     * every tenant domain and alias, and sip.aliases (the service domains the GSLB answers with).
     */
    static List<String> selfNames(PbxConfig config) {
        List<String> names = new ArrayList<>(config.sipAliases());
        for (TenantConfig t : config.tenants()) {
            names.add(t.domain());
            names.addAll(t.aliases());
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            LOG.warn("cannot read this host's name; Routes naming it will not be taken as ours: {}", e.toString());
        }
        return names;
    }

    /**
     * Writes the config's tenants and users (inline and users_file) into the store; users the
     * config provisioned before and no longer lists are deleted. Every users_file is read before
     * anything is written, so a broken one changes nothing.
     */
    static void provision(PbxConfig config, PbxStore store) throws IOException {
        Map<TenantConfig, List<UserCredentials>> byTenant = new LinkedHashMap<>();
        for (TenantConfig t : config.tenants()) {
            List<UserCredentials> users = new ArrayList<>();
            for (UserConfig u : t.users()) {
                users.add(Ha1.of(t.domain(), u.user(), u.password()));
            }
            if (t.usersFile() != null) {
                users.addAll(UsersCsv.read(t.usersFile(), t.domain()));
            }
            byTenant.put(t, users);
        }
        for (Map.Entry<TenantConfig, List<UserCredentials>> e : byTenant.entrySet()) {
            store.upsertTenant(e.getKey().domain(), e.getKey().authRequired());
            store.replaceConfigUsers(e.getKey().domain(), e.getValue());
        }
    }

    /**
     * Re-reads the config file (SIGHUP) and applies its tenants and users: a user removed from it
     * can no longer register or call, and its bindings are dropped at once. A config that does not
     * load is refused with its file, line and field, and the node keeps serving the previous one.
     * Other sections (sockets, limits, media, peers) are read only at start.
     */
    public synchronized ReloadResult reload() {
        PbxConfig running = config.get();
        try {
            PbxConfig next = new PbxConfigLoader().load(running.file());
            synchronized (config) {
                provision(next, store);
                tenants.reload(next.tenants(), store);
                config.set(next);
            }
            int dropped = location.removeIf((aor, b) -> !stillAllowed(aor));
            reloadsOk.increment();
            String msg = "reloaded " + running.file() + ": " + next.tenants().size() + " tenant(s), "
                    + tenants.userCount() + " user(s), " + dropped + " binding(s) of removed users dropped"
                    + "; settings other than tenants apply at restart";
            LOG.info(msg);
            return new ReloadResult(true, msg);
        } catch (ConfigException e) {
            reloadsFailed.increment();
            LOG.error("reload refused, still serving the previous configuration:\n{}", e.getMessage());
            return new ReloadResult(false, "reload refused, still serving the previous configuration:\n"
                    + e.getMessage());
        } catch (IOException | RuntimeException e) {
            reloadsFailed.increment();
            LOG.error("reload failed, still serving the previous configuration: {}", e.getMessage());
            return new ReloadResult(false, "reload failed, still serving the previous configuration: "
                    + e.getMessage());
        }
    }

    /** An AOR may stay registered while its tenant is served and, with digest, its user exists. */
    private boolean stillAllowed(String aor) {
        int at = aor.lastIndexOf('@');
        Tenant tenant = at < 0 ? null : tenants.forHost(aor.substring(at + 1));
        return tenant != null && (!tenant.authRequired() || tenant.user(aor.substring(0, at)) != null);
    }

    public List<InetSocketAddress> sipAddresses() {
        return transport.boundAddresses();
    }

    /** The SIP over TLS addresses bound; empty without sip.tls. */
    public List<InetSocketAddress> tlsAddresses() {
        return transport.boundTlsAddresses();
    }

    public LocationStore location() {
        return location;
    }

    public int serverTransactions() {
        return serverTransactions.size();
    }

    public boolean nativeTransport() {
        return transport.epoll();
    }

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** Exposed for tests that send requests from the node's own socket. */
    Channel udpChannel() {
        return transport.anyUdpChannel();
    }

    @Override
    public void close() {
        timers.forEach(t -> t.cancel(false));
        peerLinks.close();
        transport.close();
        workers.shutdownNow();
    }
}
