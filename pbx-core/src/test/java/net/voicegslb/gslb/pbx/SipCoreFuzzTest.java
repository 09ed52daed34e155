package net.voicegslb.gslb.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import net.voicegslb.gslb.pbx.auth.AuthFailureLimiter;
import net.voicegslb.gslb.pbx.auth.DigestAuthenticator;
import net.voicegslb.gslb.pbx.auth.NonceService;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;
import net.voicegslb.gslb.pbx.config.RegistrarConfig;
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.config.UserConfig;
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
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transaction.ServerTransactions;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Whatever parses, the whole request/response logic (transactions, registrar, digest, proxy,
 * CANCEL, ACK, stray responses) handles without throwing, on a socketless channel. The input is
 * sent twice so that the retransmission paths run too. Seeds in SipCoreFuzzTestInputs/.
 */
class SipCoreFuzzTest {

    private static final SipParser PARSER = new SipParser();

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SipConnection from = new SipConnection(Transport.UDP, channel, new InetSocketAddress("127.0.0.1", 5070));
    private final SipCore core;

    SipCoreFuzzTest() {
        PbxStore store = PbxStore.inMemory("corefuzz" + System.nanoTime());
        TenantConfig digest = new TenantConfig("example.test", List.of("127.0.0.1"), true,
                List.of(new UserConfig("1001", "pw-1001")), null, 1, new net.voicegslb.gslb.pbx.config.DigestConfig(
                        List.of("SHA-256", "MD5"), net.voicegslb.gslb.pbx.config.DigestConfig.Challenge.PER_ALGORITHM));
        TenantConfig open = new TenantConfig("open.test", List.of(), false, List.of(), null, 2);
        store.upsertTenant("example.test", true);
        store.upsertTenant("open.test", false);
        store.putUsers(List.of(Ha1.of("example.test", "1001", "pw-1001")));
        TenantDirectory tenants = new TenantDirectory();
        tenants.reload(List.of(digest, open), store);
        SipMetrics metrics = new SipMetrics(new SimpleMeterRegistry());
        LocationStore location = new LocationStore();
        DigestAuthenticator auth = new DigestAuthenticator(
                new NonceService(Duration.ofMinutes(5), System::currentTimeMillis),
                new AuthFailureLimiter(1_000_000, System::currentTimeMillis));
        Responder responder = new Responder(new ResponseWriter("fuzz"), metrics);
        ClientTransactions clients = new ClientTransactions();
        Executor direct = Runnable::run;
        Registrar registrar = new Registrar(tenants, auth, location, RegistrarConfig.defaults(), responder,
                PassiveObserver.NONE, metrics, System::currentTimeMillis);
        List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", 5072));
        var peerToken = new net.voicegslb.gslb.pbx.proxy.PeerToken("fuzz-peer-secret-0123", System::currentTimeMillis);
        var proxyConfig = net.voicegslb.gslb.pbx.config.ProxyConfig.defaults();
        var guards = new net.voicegslb.gslb.pbx.proxy.ProxyGuards(
                new net.voicegslb.gslb.pbx.proxy.CallerAdmission(tenants, auth, peers, peerToken, false, metrics),
                new net.voicegslb.gslb.pbx.proxy.RouteStamp(proxyConfig.routeSecrets(), proxyConfig.maxDialogAge(),
                        System::currentTimeMillis),
                new net.voicegslb.gslb.pbx.proxy.Dialogs(100, 60_000, 10, 10, System::currentTimeMillis),
                new net.voicegslb.gslb.pbx.proxy.ProxyRefusals(new SimpleMeterRegistry()));
        Proxy proxy = new Proxy(tenants, location, clients, responder, MediaAnchor.NONE, direct,
                new LocalAddresses("127.0.0.1", 5060, List.of(), List.of("example.test")), metrics,
                System::currentTimeMillis, () -> channel, peers, peerToken, guards);
        core = new SipCore(new ServerTransactions(System::currentTimeMillis, 32_000), clients, registrar, proxy,
                responder, metrics, 8);
    }

    @FuzzTest(maxDuration = "60s")
    void anyParsedMessageIsHandledWithoutThrowing(byte[] data) {
        for (int i = 0; i < 2; i++) {
            SipMessage m;
            try {
                m = PARSER.parse(data.clone(), data.length, true);
            } catch (SipParseException e) {
                core.onMalformed(data, data.length, e, from);
                drain();
                return;
            }
            if (m == null) {
                return;
            }
            core.onMessage(m, from);
            drain();
        }
        channel.runPendingTasks();
        drain();
        assertThat(channel.isOpen()).isTrue();
    }

    private void drain() {
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
