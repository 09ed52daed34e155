package net.voicegslb.gslb.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.config.UserConfig;
import net.voicegslb.gslb.pbx.keepalive.KeepalivePinger;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.proxy.LocalAddresses;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.Proxy;
import net.voicegslb.gslb.pbx.registrar.Registrar;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.pbx.store.TenantDirectory;
import net.voicegslb.gslb.pbx.store.UserCredentials;
import net.voicegslb.gslb.pbx.store.UsersCsv;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transaction.TransactionTimers;
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

    private PbxNode(SipTransport transport, LocationStore location, ExecutorService workers,
            List<ScheduledFuture<?>> timers, ServerTransactions serverTransactions) {
        this.transport = transport;
        this.location = location;
        this.workers = workers;
        this.timers = timers;
        this.serverTransactions = serverTransactions;
    }

    /**
     * @param store where tenants and users live; the config's users are written into it first
     * @param media the media anchor (the embedded relay, or {@link MediaAnchor#NONE})
     */
    public static PbxNode start(PbxConfig config, PbxStore store, MediaAnchor media, PassiveObserver observer,
            MeterRegistry registry) throws IOException, InterruptedException {
        LongSupplier clock = System::currentTimeMillis;
        provision(config, store);
        TenantDirectory tenants = new TenantDirectory();
        tenants.reload(config.tenants(), store);
        LOG.info("{} tenant(s), {} user(s)", config.tenants().size(), tenants.userCount());

        SipMetrics metrics = new SipMetrics(registry);
        LocationStore location = new LocationStore();
        registry.gauge("gslb.sip.location.bindings", location, LocationStore::bindingCount);
        registry.gauge("gslb.sip.location.aors", location, LocationStore::aorCount);
        NonceService nonces = new NonceService(config.auth().nonceLifetime(), clock);
        AuthFailureLimiter limiter = new AuthFailureLimiter(config.auth().failuresPerMinute(), clock);
        DigestAuthenticator authenticator = new DigestAuthenticator(config.auth().algorithms(), nonces, limiter);
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
        LocalAddresses local = new LocalAddresses(adv[0].replace("[", "").replace("]", ""),
                adv.length > 1 ? Integer.parseInt(adv[1]) : first.getPort(), bound);
        Proxy proxy = new Proxy(tenants, location, clientTransactions, responder, media, workers, local, metrics, clock,
                () -> transportRef.get().anyUdpChannel(),
                config.peers().stream().map(net.voicegslb.gslb.pbx.config.PeerConfig::address).toList(), authenticator,
                config.peerSecret() == null ? null : new net.voicegslb.gslb.pbx.proxy.PeerToken(config.peerSecret(), clock));
        SipCore core = new SipCore(serverTransactions, clientTransactions, registrar, proxy, responder, metrics,
                Math.max(1, sipTimers.timerHMillis() / 1000 / 4));
        SipTransport transport;
        try {
            transport = SipTransport.start(config.listen(), config.threads(), config.maxMessageSize(), config.tcp(), core,
                    new TransportCounters(registry));
        } catch (InterruptedException | RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        transportRef.set(transport);
        bound.addAll(transport.boundAddresses());
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
        }, 5, 5, TimeUnit.SECONDS));
        timers.add(loop.scheduleAtFixedRate(() -> workers.execute(() -> {
            try {
                tenants.reload(config.tenants(), store);
            } catch (RuntimeException e) {
                LOG.warn("cannot reload users from the store: {}", e.toString());
            }
        }), 10, 10, TimeUnit.SECONDS));
        long keepalive = config.keepalive().interval().toMillis();
        if (keepalive > 0) {
            KeepalivePinger pinger = new KeepalivePinger(location, clientTransactions, observer, local.hostPort(),
                    config.keepalive().timeout(), clock, registry);
            timers.add(loop.scheduleAtFixedRate(pinger::pingAll, keepalive, keepalive, TimeUnit.MILLISECONDS));
        }
        return new PbxNode(transport, location, workers, timers, serverTransactions);
    }

    /** Writes the config's tenants and users (inline and users_file) into the store. */
    static void provision(PbxConfig config, PbxStore store) throws IOException {
        for (TenantConfig t : config.tenants()) {
            store.upsertTenant(t.domain(), t.authRequired());
            List<UserCredentials> users = new ArrayList<>();
            for (UserConfig u : t.users()) {
                users.add(Ha1.of(t.domain(), u.user(), u.password()));
            }
            if (t.usersFile() != null) {
                users.addAll(UsersCsv.read(t.usersFile(), t.domain()));
            }
            store.putUsers(users);
        }
    }

    public List<InetSocketAddress> sipAddresses() {
        return transport.boundAddresses();
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
        transport.close();
        workers.shutdownNow();
    }
}
