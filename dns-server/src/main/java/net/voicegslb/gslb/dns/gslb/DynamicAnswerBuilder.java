package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.DynamicName;
import net.voicegslb.gslb.dns.answer.PreparedAnswer;
import net.voicegslb.gslb.dns.config.AnswerSettings;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.policy.health.HealthRegistry;
import net.voicegslb.gslb.policy.health.NodeStatus;
import net.voicegslb.gslb.policy.health.SiteHealth;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.rank.HysteresisOutcome;
import net.voicegslb.gslb.policy.rank.RankedSite;
import net.voicegslb.gslb.policy.rank.Ranking;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Turns a {@link Ranking} into DNS records:
 * <ul>
 *   <li>A/AAAA: the serving nodes of the best site that has addresses of that family (a node
 *       serves while at least one of its checked transports passes), at most
 *       {@code answers.nodes} of them, in several rotations so equal nodes share the load;</li>
 *   <li>SRV: every answered site's nodes that offer the transport and pass its SIP check (health
 *       is kept per node and transport: a node with a dead TLS listener leaves {@code _sips._tcp}
 *       and stays in {@code _sip._udp}; when the answer failed open and no transport passes
 *       anywhere, every node advertising the transport), priority 10, 20, ... in rank
 *       order (phones fail over by themselves), weight by the node's spare capacity, targets the
 *       node hostnames with their addresses in the additional section;</li>
 *   <li>NAPTR (RFC 3263): a {@code SIPS+D2T}, {@code SIP+D2T}, {@code SIP+D2U} choice only while that
 *       transport's SRV for the same client has a target, so a phone that follows NAPTR is never
 *       sent to a transport nobody serves; the SRV records and their addresses go in the additional
 *       section (RFC 3403 section 4.2), as the zone's static NAPTR answers do. Both come from one
 *       {@link TransportChoice}, which also fails open on the transports when the answer failed open
 *       and no transport passes;</li>
 *   <li>nothing to offer: NODATA with the zone's SOA (RFC 2308).</li>
 * </ul>
 * The TTL drops to {@code transition_ttl} while the pool is in transition, so resolvers come back
 * soon after a failover or a pending switch.
 */
public final class DynamicAnswerBuilder {

    private static final int MAX_ROTATIONS = 8;

    private final ZoneSet zones;
    private final AnswerSettings settings;
    private final HealthRegistry health;

    public DynamicAnswerBuilder(ZoneSet zones, AnswerSettings settings, HealthRegistry health) {
        this.zones = zones;
        this.settings = settings;
        this.health = health;
    }

    /** The records of the answer, for explain: answer section first, then additional. */
    public record Records(List<Record> answer, List<Record> authority, List<Record> additional, long ttl) {}

    public ClientAnswer build(DynamicName name, int qtype, Ranking ranking, long nowMillis) {
        return build(name, qtype, ranking, nowMillis, ttl(ranking, nowMillis));
    }

    /**
     * The site-wide answer given while a client's own ranking is deferred: the transition TTL, so
     * that its resolver asks again soon, and a scope the query path turns into the client's own length
     * ({@link ClientAnswer#CLIENT_SCOPE}), so that no resolver spreads it to other clients.
     */
    public ClientAnswer buildStopgap(DynamicName name, int qtype, Ranking ranking, long nowMillis) {
        ClientAnswer a = build(name, qtype, ranking, nowMillis, settings.transitionTtl().toSeconds());
        return new ClientAnswer(a.rotations(), ClientAnswer.CLIENT_SCOPE, a.validUntilMillis(), a.ttl(), ranking);
    }

    private ClientAnswer build(DynamicName name, int qtype, Ranking ranking, long nowMillis, long ttl) {
        ZoneData zone = zones.find(name.owner());
        Name owner = name.owner();
        List<PreparedAnswer> rotations = new ArrayList<>();
        if (name.kind(qtype) == DynamicName.Kind.HOST) {
            List<Node> nodes = hostNodes(ranking, qtype);
            int n = nodes.size();
            int count = Math.min(n, settings.answerNodes());
            int variants = n <= 1 ? 1 : Math.min(n, MAX_ROTATIONS);
            for (int r = 0; r < variants; r++) {
                List<Record> answer = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    addAddresses(answer, owner, nodes.get((r + i) % n), qtype, ttl);
                }
                rotations.add(answer.isEmpty() ? noData(owner, qtype, zone)
                        : AnswerCompiler.prepare(owner, qtype, Rcode.NOERROR, answer, List.of(), List.of()));
            }
        } else {
            Records records = name.kind(qtype) == DynamicName.Kind.NAPTR ? naptr(name, ranking, ttl)
                    : srv(name, qtype, ranking, ttl);
            rotations.add(records.answer().isEmpty() ? noData(owner, qtype, zone)
                    : AnswerCompiler.prepare(owner, qtype, Rcode.NOERROR, records.answer(), List.of(),
                            records.additional()));
        }
        return new ClientAnswer(rotations.toArray(PreparedAnswer[]::new), ranking.scopePrefixLength(),
                ranking.validUntilMillis(), ttl, ranking);
    }

    /** The records {@link #build} encodes (the first rotation), in presentation form for explain. */
    public Records records(DynamicName name, int qtype, Ranking ranking, long nowMillis) {
        long ttl = ttl(ranking, nowMillis);
        if (name.kind(qtype) == DynamicName.Kind.HOST) {
            List<Record> answer = new ArrayList<>();
            List<Node> nodes = hostNodes(ranking, qtype);
            for (int i = 0; i < Math.min(nodes.size(), settings.answerNodes()); i++) {
                addAddresses(answer, name.owner(), nodes.get(i), qtype, ttl);
            }
            return new Records(answer, List.of(), List.of(), ttl);
        }
        if (name.kind(qtype) == DynamicName.Kind.NAPTR) {
            return naptr(name, ranking, ttl);
        }
        return srv(name, qtype, ranking, ttl);
    }

    private Records srv(DynamicName name, int qtype, Ranking ranking, long ttl) {
        SipTransport transport = SipTransport.valueOf(name.transport(qtype).toUpperCase(java.util.Locale.ROOT));
        List<Record> answer = new ArrayList<>();
        Map<Name, Node> targets = new LinkedHashMap<>();
        srvRecords(name.owner(), TransportChoice.of(ranking).targets(transport), ttl, answer, targets);
        return new Records(answer, List.of(), addresses(targets, ttl), ttl);
    }

    /**
     * The NAPTR choices whose SRV has a target for this ranking, in RFC 3263 order, with those SRV
     * records and their targets' addresses as additional data.
     */
    private Records naptr(DynamicName name, Ranking ranking, long ttl) {
        TransportChoice choice = TransportChoice.of(ranking);
        List<Record> answer = new ArrayList<>();
        List<Record> srv = new ArrayList<>();
        Map<Name, Node> targets = new LinkedHashMap<>();
        for (NaptrService s : NaptrService.values()) {
            if (choice.offers(s.transport())) {
                answer.add(s.record(name.owner(), ttl));
                srvRecords(s.srvName(name.owner()), choice.targets(s.transport()), ttl, srv, targets);
            }
        }
        List<Record> additional = new ArrayList<>(srv);
        additional.addAll(addresses(targets, ttl));
        return new Records(answer, List.of(), additional, ttl);
    }

    private void srvRecords(Name owner, List<TransportChoice.Target> chosen, long ttl, List<Record> out,
                            Map<Name, Node> targets) {
        for (TransportChoice.Target t : chosen) {
            Name target = DynamicNames.name(t.node().hostname());
            out.add(new SRVRecord(owner, DClass.IN, ttl, t.priority(), weight(t.site(), t.node()), t.port(), target));
            targets.putIfAbsent(target, t.node());
        }
    }

    private static List<Record> addresses(Map<Name, Node> targets, long ttl) {
        List<Record> out = new ArrayList<>();
        targets.forEach((target, node) -> {
            node.ipv4().forEach(ip -> out.add(new ARecord(target, DClass.IN, ttl, ip)));
            node.ipv6().forEach(ip -> out.add(new AAAARecord(target, DClass.IN, ttl, ip)));
        });
        return out;
    }

    /** Serving nodes of the best answered site that has addresses of the family asked for. */
    private static List<Node> hostNodes(Ranking ranking, int qtype) {
        for (RankedSite site : ranking.answer()) {
            List<Node> withFamily = site.nodes().stream()
                    .filter(n -> qtype == Type.A ? !n.ipv4().isEmpty() : !n.ipv6().isEmpty()).toList();
            if (!withFamily.isEmpty()) {
                return withFamily;
            }
        }
        return List.of();
    }

    private static void addAddresses(List<Record> out, Name owner, Node node, int qtype, long ttl) {
        if (qtype == Type.A) {
            node.ipv4().forEach(ip -> out.add(new ARecord(owner, DClass.IN, ttl, ip)));
        } else {
            node.ipv6().forEach(ip -> out.add(new AAAARecord(owner, DClass.IN, ttl, ip)));
        }
    }

    /**
     * RFC 2782 weight from the node's spare capacity: a node at 90 % load gets a tenth of an idle
     * one's share. Never 0, which RFC 2782 reserves for "use only if nothing else".
     */
    private int weight(RankedSite site, Node node) {
        SiteHealth h = site.health();
        if (h != null) {
            for (NodeStatus s : h.nodes()) {
                if (s.node().id().equals(node.id())) {
                    double spare = 1.0 - Math.max(0, Math.min(1, s.load()));
                    return (int) Math.max(1, Math.round(100 * spare));
                }
            }
        }
        return 100;
    }

    /**
     * Short TTL while anything in the pool is moving: a node (or one of its checked SIP transports)
     * changed state recently, a challenger is on hold, the answer fails open or uses drained sites.
     */
    long ttl(Ranking ranking, long nowMillis) {
        long steady = settings.ttl().toSeconds();
        long transition = settings.transitionTtl().toSeconds();
        if (ranking.failedOpen() || ranking.drainedOnly()) {
            return transition;
        }
        HysteresisOutcome h = ranking.hysteresis();
        if (h != null && h.kind() == HysteresisOutcome.Kind.CHALLENGER_PENDING) {
            return transition;
        }
        long window = settings.transitionWindow().toMillis();
        for (List<RankedSite> list : List.of(ranking.answer(), ranking.notAnswered())) {
            for (RankedSite site : list) {
                SiteHealth sh = site.health() != null ? site.health() : health.site(site.siteId());
                if (sh == null) {
                    continue;
                }
                for (NodeStatus s : sh.nodes()) {
                    if (nowMillis - s.sinceMillis() < window || s.transports().values().stream()
                            .anyMatch(t -> nowMillis - t.sinceMillis() < window)) {
                        return transition; // a transport flip changes that transport's SRV answers
                    }
                }
            }
        }
        return steady;
    }

    private static PreparedAnswer noData(Name owner, int qtype, ZoneData zone) {
        SOARecord soa = zone.soa();
        Record negative = new SOARecord(soa.getName(), soa.getDClass(), zone.negativeTtl(), soa.getHost(),
                soa.getAdmin(), soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
        return AnswerCompiler.prepare(owner, qtype, Rcode.NOERROR, List.of(), List.of(negative), List.of());
    }
}
