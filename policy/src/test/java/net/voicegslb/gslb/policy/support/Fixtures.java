package net.voicegslb.gslb.policy.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.RankingParameters;
import net.voicegslb.gslb.policy.model.RecordType;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.Site;
import net.voicegslb.gslb.policy.model.Tenant;

/** Small worlds for tests: N sites with two nodes each and one service over all of them. */
public final class Fixtures {
    public static final String SERVICE = "sip.voip.example.com";

    private Fixtures() {
    }

    public static Inventory world(RankingParameters params, String... siteIds) {
        return world(params, List.of(), siteIds);
    }

    public static Inventory world(RankingParameters params, List<Tenant> tenants, String... siteIds) {
        List<Site> sites = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        for (String id : siteIds) {
            sites.add(new Site(id, "region-" + id, AdminState.ACTIVE, 1000));
            for (int n = 1; n <= 2; n++) {
                nodes.add(node(id + "-" + n, id, "192.0.2." + (++i)));
            }
        }
        Service service = new Service(SERVICE, Set.of(RecordType.A, RecordType.SRV), List.of(siteIds), 30, params);
        return new Inventory(sites, nodes, List.of(service), tenants);
    }

    public static Node node(String id, String site, String ipv4) {
        try {
            return new Node(id, site, id + ".nodes.example.com", List.of((Inet4Address) InetAddress.getByName(ipv4)),
                    List.of(), List.of(new SipEndpoint(SipTransport.UDP, 5060)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Site site(Inventory inv, String id) {
        return inv.site(id).orElseThrow();
    }

    public static Inventory withAdminState(Inventory inv, String siteId, AdminState state) {
        List<Site> sites = new ArrayList<>();
        for (Site s : inv.sites()) {
            sites.add(s.id().equals(siteId) ? s.withAdminState(state) : s);
        }
        return new Inventory(sites, inv.nodes(), inv.services(), List.of());
    }
}
