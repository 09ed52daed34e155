package net.voicegslb.gslb.deploy.demo;

import java.util.List;
import java.util.Map;

/**
 * The demo's fixed world, on loopback: the three sites and four nodes of
 * {@code deploy/examples/gslb-sites.yaml}, three client networks, and the path from each network to
 * each site. One-way delays follow real inter-region round trips (Frankfurt–New York about 80 ms,
 * Frankfurt–Singapore about 160 ms, New York–Singapore about 230 ms; a few ms within a region),
 * with jitter and loss growing with distance, so that each network's near site wins on measured
 * quality, not by configuration.
 */
public final class DemoPlan {

    public static final String DOMAIN = "voip.example.test";
    public static final String TENANT = "example.test";
    public static final String SERVICE = "sip." + DOMAIN;
    public static final String SRV_UDP = "_sip._udp." + DOMAIN;

    /** A site and its region, in the pool's fallback order. */
    public record Site(String id, String region, int capacityCalls) {}

    /** A PBX node: registrar/proxy, RTP relay and agent on one loopback address. */
    public record Node(String id, String site, String address) {
        public String hostname() {
            return id + ".nodes." + DOMAIN;
        }
    }

    /** A client network: 127.20.{octet}.0/24. */
    public record Network(String name, int octet, String nearSite) {
        public String prefix() {
            return "127.20." + octet + ".0/24";
        }

        public String address(int host) {
            return "127.20." + octet + "." + host;
        }

        /**
         * Where site number {@code siteIndex} probes this network: the front of the impairment
         * relay that carries the site's active probes over the network's path.
         */
        public String probeAddress(int siteIndex) {
            return address(11 + siteIndex);
        }
    }

    /** One-way conditions of a path, the same in both directions. */
    public record PathQuality(double delayMillis, double jitterMillis, double lossPercent) {
        public PathQuality {
            if (delayMillis < 0 || jitterMillis < 0 || lossPercent < 0 || lossPercent > 100) {
                throw new IllegalArgumentException("delay and jitter must be >= 0, loss within 0-100 %");
            }
        }
    }

    public static final List<Site> SITES = List.of(
            new Site("fra", "eu", 2000), new Site("nyc", "na", 2000), new Site("sin", "ap", 1000));

    public static final List<Node> NODES = List.of(
            new Node("fra-1", "fra", "127.0.1.1"), new Node("fra-2", "fra", "127.0.1.2"),
            new Node("nyc-1", "nyc", "127.0.2.1"), new Node("sin-1", "sin", "127.0.3.1"));

    public static final List<Network> NETWORKS = List.of(
            new Network("eu", 1, "fra"), new Network("na", 2, "nyc"), new Network("ap", 3, "sin"));

    /**
     * Baseline conditions per network and site. Long-haul paths lose packets (1.5 % each way one
     * region away, 3 % two away): the E-model is nearly flat below 150 ms one way, so delay alone
     * would put every site within a few hundredths of a MOS of the near one, and measurement noise,
     * not the path, would decide. With the loss, the near site leads by 0.1 MOS or more
     * as measured (the agents blend probes with the phones' own traffic).
     */
    public static final Map<String, Map<String, PathQuality>> BASELINE = Map.of(
            "eu", Map.of("fra", new PathQuality(3, 1, 0), "nyc", new PathQuality(38, 3, 1.5),
                    "sin", new PathQuality(80, 5, 3.0)),
            "na", Map.of("fra", new PathQuality(38, 3, 1.5), "nyc", new PathQuality(3, 1, 0),
                    "sin", new PathQuality(115, 5, 3.0)),
            "ap", Map.of("fra", new PathQuality(80, 5, 3.0), "nyc", new PathQuality(115, 5, 3.0),
                    "sin", new PathQuality(3, 1, 0)));

    public static final int SIP_PORT = 5060;
    public static final int REFLECTOR_PORT = 8862;
    public static final int METRICS_PORT = 9464;
    public static final int MEDIA_FIRST = 30000;
    public static final int MEDIA_PORTS = 1000;

    private DemoPlan() {
    }

    public static Network network(String name) {
        return NETWORKS.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client network '" + name + "' (networks: "
                        + NETWORKS.stream().map(Network::name).toList() + ")"));
    }

    public static Site site(String id) {
        return SITES.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site '" + id + "' (sites: "
                        + SITES.stream().map(Site::id).toList() + ")"));
    }

    public static int siteIndex(String id) {
        return SITES.indexOf(site(id));
    }

    public static List<Node> nodesOf(String site) {
        return NODES.stream().filter(n -> n.site().equals(site)).toList();
    }

    /** The site a node address belongs to, or null: how a phone's path is chosen per datagram. */
    public static String siteOfAddress(String address) {
        return NODES.stream().filter(n -> n.address().equals(address)).map(Node::site).findFirst().orElse(null);
    }
}
