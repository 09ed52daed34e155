package net.voicegslb.gslb.deploy.it.gslb;

import java.util.List;
import java.util.Map;

/**
 * The fixed world of the GSLB lab: three sites with one answering node each (plus a node in sin
 * whose SIP port is silent), three client networks, and the round-trip time from each site to
 * each network. Everything lives on 127/8.
 */
final class LabPlan {

    static final String DOMAIN = "voip.example.test";
    static final String SERVICE = "sip." + DOMAIN;
    static final String SRV_UDP = "_sip._udp." + DOMAIN;
    static final String SRV_TCP = "_sip._tcp." + DOMAIN;

    static final List<String> SITES = List.of("fra", "nyc", "sin");

    static final LabNode FRA_1 = new LabNode("fra-1", "fra", "127.0.1.1", false);
    static final LabNode NYC_1 = new LabNode("nyc-1", "nyc", "127.0.2.1", false);
    static final LabNode SIN_1 = new LabNode("sin-1", "sin", "127.0.3.1", false);
    /** Its agent reports it healthy; only the DNS server's own SIP check can tell that it is silent. */
    static final LabNode SIN_2 = new LabNode("sin-2", "sin", "127.0.3.2", true);
    static final List<LabNode> NODES = List.of(FRA_1, NYC_1, SIN_1, SIN_2);

    static final ClientNetwork CLIENT_A = new ClientNetwork("A", 1);
    static final ClientNetwork CLIENT_B = new ClientNetwork("B", 2);
    static final ClientNetwork CLIENT_C = new ClientNetwork("C", 3);
    static final List<ClientNetwork> NETWORKS = List.of(CLIENT_A, CLIENT_B, CLIENT_C);

    /** Round-trip ms from each site: A is near fra, B near nyc, C near sin. */
    static final Map<ClientNetwork, Map<String, Integer>> INITIAL_RTT_MS = Map.of(
            CLIENT_A, Map.of("fra", 5, "nyc", 60, "sin", 150),
            CLIENT_B, Map.of("fra", 60, "nyc", 5, "sin", 150),
            CLIENT_C, Map.of("fra", 150, "nyc", 160, "sin", 5));

    private LabPlan() {}

    static LabNode node(String id) {
        return NODES.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lab node " + id));
    }

    /** The node whose agent measures for {@code site} (the answering one). */
    static LabNode prober(String site) {
        return NODES.stream().filter(n -> n.site().equals(site) && !n.silent()).findFirst().orElseThrow();
    }
}
