package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.health.TransportHealth;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.rank.RankedSite;
import net.voicegslb.gslb.policy.rank.Ranking;

/**
 * Which nodes one ranking offers on each SIP transport: the SRV targets of {@code _sip._udp},
 * {@code _sip._tcp} and {@code _sips._tcp}, and so which NAPTR choices exist. SRV and NAPTR are both
 * built from this one choice, so a NAPTR choice is advertised exactly when its SRV has a target.
 *
 * <p>A node is offered on a transport when it advertises it and its SIP check on that transport
 * passes (or was never made), over every answered site in rank order, priority 10, 20, ... per site
 * that offers something. When no transport has a single target the answer has already failed open
 * (a node is down only when every checked transport fails): then the checks are ignored too, and
 * every answered node is offered on every transport it advertises, because the service's fail-open
 * rule chose to hand out possibly dead nodes rather than nothing, and an empty SRV/NAPTR set would
 * strand the phones that follow them.
 */
final class TransportChoice {

    /** One SRV target: the node, its port on the transport, the priority of its site's rank. */
    record Target(RankedSite site, Node node, int port, int priority) {}

    private final Ranking ranking;
    private final Map<SipTransport, List<Target>> targets;
    private final boolean checksIgnored;

    private TransportChoice(Ranking ranking, Map<SipTransport, List<Target>> targets, boolean checksIgnored) {
        this.ranking = ranking;
        this.targets = targets;
        this.checksIgnored = checksIgnored;
    }

    static TransportChoice of(Ranking ranking) {
        Map<SipTransport, List<Target>> passing = collect(ranking, true);
        boolean none = passing.values().stream().allMatch(List::isEmpty);
        boolean advertised = ranking.answer().stream().flatMap(s -> s.nodes().stream())
                .anyMatch(n -> !n.sip().isEmpty());
        boolean ignore = none && advertised;
        return new TransportChoice(ranking, ignore ? collect(ranking, false) : passing, ignore);
    }

    /** The transport's SRV targets, in priority order; empty when the transport is not offered. */
    List<Target> targets(SipTransport transport) {
        return targets.get(transport);
    }

    boolean offers(SipTransport transport) {
        return !targets.get(transport).isEmpty();
    }

    /** True when no transport passed and the checks were ignored (fail-open), see the class comment. */
    boolean checksIgnored() {
        return checksIgnored;
    }

    /** Why the transport is offered or left out, one line for explain (built on demand, off the answer path). */
    String why(SipTransport transport) {
        return reason(ranking, transport, targets.get(transport), checksIgnored);
    }

    private static Map<SipTransport, List<Target>> collect(Ranking ranking, boolean checked) {
        Map<SipTransport, List<Target>> out = new EnumMap<>(SipTransport.class);
        for (SipTransport transport : SipTransport.values()) {
            List<Target> list = new ArrayList<>();
            int priority = 10;
            for (RankedSite site : ranking.answer()) {
                boolean any = false;
                for (Node node : site.nodes()) {
                    int port = DynamicNames.port(node, transport);
                    if (port < 0 || (checked && !serves(site, node, transport))) {
                        continue;
                    }
                    list.add(new Target(site, node, port, priority));
                    any = true;
                }
                if (any) {
                    priority += 10;
                }
            }
            out.put(transport, List.copyOf(list));
        }
        return out;
    }

    private static String reason(Ranking ranking, SipTransport transport, List<Target> chosen, boolean ignored) {
        String name = transport.name().toLowerCase(Locale.ROOT);
        if (!chosen.isEmpty()) {
            List<String> ids = chosen.stream().map(t -> t.node().id()).toList();
            return "offered: " + String.join(", ", ids) + (ignored
                    ? " (no transport passes its check on any answered node: failing open, checks ignored)"
                    : " " + (ids.size() == 1 ? "passes" : "pass") + " the " + name + " check");
        }
        List<String> failing = new ArrayList<>();
        for (RankedSite site : ranking.answer()) {
            for (Node node : site.nodes()) {
                if (DynamicNames.port(node, transport) >= 0) {
                    NodeStatus s = status(site, node);
                    TransportHealth h = s == null ? null : s.transports().get(transport);
                    failing.add(node.id() + ": " + (h == null ? name + " down" : h.summary()));
                }
            }
        }
        if (ranking.answer().isEmpty()) {
            return "left out: no site is answered";
        }
        if (failing.isEmpty()) {
            return "left out: no answered node advertises " + name;
        }
        return "left out: no answered node passes the " + name + " check (" + String.join("; ", failing) + ")";
    }

    /** The node's SIP check on this transport passes (or it is not checked on it). */
    static boolean serves(RankedSite site, Node node, SipTransport transport) {
        NodeStatus s = status(site, node);
        return s == null || s.serves(transport);
    }

    static NodeStatus status(RankedSite site, Node node) {
        SiteHealth h = site.health();
        if (h != null) {
            for (NodeStatus s : h.nodes()) {
                if (s.node().id().equals(node.id())) {
                    return s;
                }
            }
        }
        return null;
    }
}
