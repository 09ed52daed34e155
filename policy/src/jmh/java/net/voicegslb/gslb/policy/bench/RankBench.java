package net.voicegslb.gslb.policy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.PolicySettings;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.RecordType;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.rank.Ranking;
import net.voicegslb.gslb.policy.store.TopologyMap;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full {@code rank()} for a service of 4 healthy sites with 2 nodes each, clients spread over the
 * measured prefixes (so hysteresis state exists per client /24 after warm-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RankBench {
    private static final int CLIENTS = 1 << 16;
    private static final String SERVICE = "sip.voip.example.com";

    @Param({"100000"})
    public int prefixes;

    private PolicyEngine engine;
    private ClientPrefix[] clients;
    private int next;

    @Setup
    public void setUp() throws Exception {
        List<Site> sites = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        int ip = 1;
        for (String s : BenchWorld.SITES) {
            sites.add(new Site(s, "region-" + s, AdminState.ACTIVE, 10_000));
            for (int n = 1; n <= 2; n++) {
                nodes.add(new Node(s + "-" + n, s, s + n + ".example.com",
                        List.of((java.net.Inet4Address) java.net.InetAddress.getByName("192.0.2." + ip++)), List.of(),
                        List.of(new SipEndpoint(SipTransport.UDP, 5060))));
            }
        }
        Service service = new Service(SERVICE, Set.of(RecordType.A, RecordType.SRV), BenchWorld.SITES, 30,
                RankingParameters.defaults());
        engine = new PolicyEngine(new Inventory(sites, nodes, List.of(service), List.of()), TopologyMap.empty(),
                PolicySettings.defaults(), 0);
        for (int i = 0; i < 3; i++) {
            for (Node n : nodes) {
                engine.onHeartbeat(NodeHeartbeat.healthy(n.id(), i, 100, 1000, 0.2), i * 1000L);
            }
        }
        ClientPrefix[] p = BenchWorld.randomSlash24s(prefixes, 1);
        BenchWorld.fill(engine.store(), p, 2000);
        clients = BenchWorld.clientsIn(p, CLIENTS, 3);
    }

    @Benchmark
    public Ranking rank() {
        // 'now' stays inside the heartbeat timeout so every site remains up for the whole run
        return engine.rank(SERVICE, clients[next++ & (CLIENTS - 1)], null, 5000);
    }
}
