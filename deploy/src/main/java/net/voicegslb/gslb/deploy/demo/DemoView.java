package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Network;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Node;
import net.voicegslb.gslb.deploy.demo.DemoPlan.Site;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What the demo shows: per client network, what our DNS server answers it (asked over the wire,
 * with the network's /24 in EDNS Client Subnet, as a resolver in that network would ask) and the
 * predicted MOS of each site from the measurements behind the decision; per node, its state as
 * the DNS server sees it; the phones' counters.
 */
public final class DemoView {

    /** One client network's answer and the evidence per site. */
    public record NetworkRow(String network, String prefix, List<String> addresses, String site, int scope,
                             Map<String, Double> mos, Map<String, Integer> phonesBySite) {}

    /** One node: running in the demo or killed, and its state in the DNS server. */
    public record NodeRow(String node, String site, boolean running, String state, String reason) {}

    public record Snapshot(Instant at, List<NetworkRow> networks, List<NodeRow> nodes, String phones) {}

    private final DemoLab lab;
    private final Instant started;

    public DemoView(DemoLab lab, Instant started) {
        this.lab = lab;
        this.started = started;
    }

    public Snapshot snapshot() {
        List<NetworkRow> rows = new ArrayList<>();
        for (Network n : DemoPlan.NETWORKS) {
            List<String> addresses = List.of();
            int scope = -1;
            try {
                Message reply = query(lab.listeners().dns(), n);
                addresses = reply.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                        .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
                OPTRecord opt = reply.getOPT();
                if (opt != null) {
                    scope = opt.getOptions().stream().filter(o -> o instanceof ClientSubnetOption)
                            .mapToInt(o -> ((ClientSubnetOption) o).getScopePrefixLength()).findFirst().orElse(-1);
                }
            } catch (IOException e) {
                addresses = List.of("(no answer: " + e.getMessage() + ")");
            }
            rows.add(new NetworkRow(n.name(), n.prefix(), addresses, siteOf(addresses), scope, mos(n), phonesBySite(n)));
        }
        return new Snapshot(Instant.now(), rows, nodes(), lab.phones() == null ? "" : lab.phones().describe());
    }

    static Message query(InetSocketAddress dns, Network n) throws IOException {
        SimpleResolver r = new SimpleResolver(dns);
        r.setTimeout(Duration.ofSeconds(2));
        Record question = Record.newRecord(Name.fromConstantString(DemoPlan.SERVICE + "."), Type.A, DClass.IN);
        Message m = Message.newQuery(question);
        m.getHeader().unsetFlag(Flags.RD);
        ClientSubnetOption ecs = new ClientSubnetOption(24, InetAddress.getByName(n.address(0)));
        m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(ecs)), Section.ADDITIONAL);
        return r.send(m);
    }

    /** The site of the answered addresses, "mixed" when they span sites, "-" when none. */
    static String siteOf(List<String> addresses) {
        String site = null;
        for (String a : addresses) {
            String s = DemoPlan.siteOfAddress(a);
            if (s == null) {
                return "-";
            }
            if (site != null && !site.equals(s)) {
                return "mixed";
            }
            site = s;
        }
        return site == null ? "-" : site;
    }

    /** How many of the network's phones are registered at each site now ("-": not registered). */
    private Map<String, Integer> phonesBySite(Network n) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        if (lab.phones() == null) {
            return out;
        }
        lab.phones().registrations(n.name()).values().forEach(address -> {
            String site = address.equals("-") ? "-" : DemoPlan.siteOfAddress(address);
            out.merge(site == null ? "?" : site, 1, Integer::sum);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> mos(Network n) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            Map<String, Object> json = lab.dns().gslb().explainer()
                    .explain(InetAddress.getByName(n.address(0)), 24, DemoPlan.SERVICE, Type.A).json();
            Map<String, Object> explanation = (Map<String, Object>) json.get("explanation");
            for (Object o : (List<Object>) explanation.get("sites")) {
                Map<String, Object> s = (Map<String, Object>) o;
                Object mos = s.get("predictedMos");
                out.put(String.valueOf(s.get("siteId")), mos instanceof Number num ? num.doubleValue() : null);
            }
        } catch (RuntimeException | IOException e) {
            // no decision yet (GSLB still starting): the row shows no figures
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<NodeRow> nodes() {
        Map<String, String[]> states = new LinkedHashMap<>();
        try {
            for (Object o : (List<Object>) lab.dns().gslb().status().get("sites")) {
                for (Object no : (List<Object>) ((Map<String, Object>) o).get("nodes")) {
                    Map<String, Object> m = (Map<String, Object>) no;
                    states.put(String.valueOf(m.get("node")),
                            new String[] {String.valueOf(m.get("state")), String.valueOf(m.get("reason"))});
                }
            }
        } catch (RuntimeException e) {
            // status not available yet
        }
        List<NodeRow> out = new ArrayList<>();
        for (Node n : DemoPlan.NODES) {
            String[] s = states.getOrDefault(n.id(), new String[] {"UNKNOWN", ""});
            out.add(new NodeRow(n.id(), n.site(), lab.running(n.id()), s[0], s[1]));
        }
        return out;
    }

    /** True when every network is answered by its near site with scope 24. */
    public static boolean steered(Snapshot s) {
        return s.networks().stream().allMatch(r -> r.scope() == 24
                && r.site().equals(DemoPlan.network(r.network()).nearSite()));
    }

    /** The snapshot as a table for people. */
    public String render(Snapshot s) {
        StringBuilder sb = new StringBuilder();
        Instant at = s.at().truncatedTo(ChronoUnit.SECONDS);
        sb.append("gslb demo, ").append(at).append(" (running ")
                .append(Duration.between(started, s.at()).toSeconds()).append(" s)\n");
        sb.append(String.format(Locale.ROOT, "%-8s %-15s %-8s %-24s", "network", "prefix", "answer", "addresses"));
        for (Site site : DemoPlan.SITES) {
            sb.append(String.format(Locale.ROOT, " %8s", "MOS " + site.id()));
        }
        sb.append("  phones registered at\n");
        for (NetworkRow r : s.networks()) {
            sb.append(String.format(Locale.ROOT, "%-8s %-15s %-8s %-24s", r.network(), r.prefix(), r.site(),
                    String.join(",", r.addresses())));
            for (Site site : DemoPlan.SITES) {
                Double m = r.mos().get(site.id());
                String cell = m == null ? "-" : String.format(Locale.ROOT, "%.2f", m);
                if (lab.paths().impaired(r.network(), site.id())) {
                    cell = "*" + cell;
                }
                sb.append(String.format(Locale.ROOT, " %8s", cell));
            }
            sb.append("  ").append(r.phonesBySite().isEmpty() ? "-" : r.phonesBySite().toString()).append('\n');
        }
        sb.append("nodes:");
        for (NodeRow n : s.nodes()) {
            sb.append("  ").append(n.node()).append(' ').append(n.running() ? n.state() : "KILLED(" + n.state() + ")");
        }
        sb.append('\n');
        if (!s.phones().isEmpty()) {
            sb.append("phones: ").append(s.phones()).append('\n');
        }
        sb.append("(* path impaired by ctl; MOS: predicted from the measurements the answer was ranked on)\n");
        return sb.toString();
    }

    /** One line per network, for logs. */
    public String line(Snapshot s) {
        StringBuilder sb = new StringBuilder();
        for (NetworkRow r : s.networks()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.network()).append(" -> ").append(r.site()).append(" (scope /").append(r.scope()).append(')');
            if (!r.phonesBySite().isEmpty()) {
                sb.append(" phones ").append(r.phonesBySite());
            }
        }
        List<String> notUp = s.nodes().stream().filter(n -> !n.running() || !n.state().equals("UP"))
                .map(n -> n.node() + "=" + (n.running() ? n.state() : "KILLED")).toList();
        sb.append(notUp.isEmpty() ? "; every node UP" : "; not up: " + String.join(" ", notUp));
        return sb.toString();
    }
}
