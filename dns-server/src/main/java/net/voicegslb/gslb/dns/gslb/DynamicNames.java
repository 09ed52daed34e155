package net.voicegslb.gslb.dns.gslb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.voicegslb.gslb.dns.answer.DynamicName;
import net.voicegslb.gslb.dns.config.GslbConfig;
import net.voicegslb.gslb.dns.zone.RrSet;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import net.voicegslb.gslb.policy.model.Service;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.model.AdminState;
import net.voicegslb.gslb.policy.model.Tenant;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The names the GSLB layer answers, derived from the services and tenants of the config, and the
 * zone records that go with them:
 * <ul>
 *   <li>per service domain D with host H: {@code H} A/AAAA, {@code _sip._udp.D}, {@code _sip._tcp.D}
 *       and {@code _sips._tcp.D} SRV (for the transports its pool offers), and NAPTR at {@code D};</li>
 *   <li>per tenant T: the same under {@code T.D}, with A/AAAA at {@code T.D} itself;</li>
 *   <li>A/AAAA for every node hostname inside a served zone, so SRV targets resolve.</li>
 * </ul>
 * A/AAAA/SRV/NAPTR are marked dynamic: NAPTR lists a transport only while the client's SRV for it
 * has a target ({@link TransportChoice}). Each gets placeholder records (every node of the pool,
 * every transport the pool advertises) for ANY queries, CNAME chains and a server without a GSLB
 * layer.
 */
public final class DynamicNames {

    private final Map<Name, DynamicName> byName;
    private final List<Record> extraRecords;
    private final List<String> notes;
    private final int slotCount;

    private DynamicNames(Map<Name, DynamicName> byName, List<Record> extraRecords, List<String> notes, int slotCount) {
        this.byName = Collections.unmodifiableMap(byName);
        this.extraRecords = List.copyOf(extraRecords);
        this.notes = List.copyOf(notes);
        this.slotCount = slotCount;
    }

    public static DynamicNames from(GslbConfig config) {
        Builder b = new Builder(config);
        for (Service s : config.inventory().services()) {
            b.service(s, config.hosts().get(s.name()));
        }
        b.nodeHosts();
        return new DynamicNames(b.byName, b.records, b.notes, b.slot);
    }

    public Map<Name, DynamicName> byName() {
        return byName;
    }

    public DynamicName get(Name name) {
        return byName.get(name);
    }

    /** Number of (name, type) slots: the size of every per-client answer array. */
    public int slotCount() {
        return slotCount;
    }

    /** Warnings for the log: static records that dynamic answers shadow. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The zones with the records this layer needs: placeholders for dynamic names (only where the
     * zone file has none of that type), NAPTR sets (replacing the file's at a service domain), and
     * node addresses. Names created this way exist, with their empty non-terminals, as if they had
     * been in the file.
     */
    public ZoneSet augment(ZoneSet zones) {
        Map<ZoneData, List<Record>> perZone = new LinkedHashMap<>();
        for (Record r : extraRecords) {
            ZoneData z = zones.find(r.getName());
            if (z != null) {
                perZone.computeIfAbsent(z, k -> new ArrayList<>()).add(r);
            }
        }
        List<ZoneData> out = new ArrayList<>();
        for (ZoneData z : zones.zones()) {
            List<Record> add = perZone.get(z);
            out.add(add == null ? z : augment(z, add));
        }
        return new ZoneSet(out);
    }

    private static ZoneData augment(ZoneData zone, List<Record> records) {
        Map<Name, Map<Integer, RrSet>> nodes = new HashMap<>();
        zone.nodes().forEach((name, sets) -> nodes.put(name, new HashMap<>(sets)));
        Map<Name, Map<Integer, List<Record>>> grouped = new LinkedHashMap<>();
        for (Record r : records) {
            grouped.computeIfAbsent(r.getName(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getType(), k -> new ArrayList<>()).add(r);
        }
        Set<Name> existing = new LinkedHashSet<>(zone.existingNames());
        int count = zone.recordCount();
        for (var byOwner : grouped.entrySet()) {
            Map<Integer, RrSet> sets = nodes.computeIfAbsent(byOwner.getKey(), k -> new HashMap<>());
            for (var byType : byOwner.getValue().entrySet()) {
                boolean replace = byType.getKey() == Type.NAPTR;
                if (sets.containsKey(byType.getKey()) && !replace) {
                    continue; // the zone file's own records stay as the placeholder
                }
                RrSet old = sets.put(byType.getKey(), new RrSet(byOwner.getKey(), byType.getKey(),
                        byType.getValue().get(0).getTTL(), byType.getValue()));
                count += byType.getValue().size() - (old == null ? 0 : old.records().size());
            }
            for (Name n = byOwner.getKey(); n.labels() >= zone.origin().labels() && n.subdomain(zone.origin());
                    n = new Name(n, 1)) {
                existing.add(n);
                if (n.equals(zone.origin())) {
                    break;
                }
            }
        }
        return new ZoneData(zone.origin(), zone.source(), zone.soa(), nodes, existing, count);
    }

    /** Collects names and records; holds the slot counter. */
    private static final class Builder {
        private final Inventory inventory;
        private final long ttl;
        private final Map<Name, DynamicName> byName = new LinkedHashMap<>();
        private final List<Record> records = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int slot;

        Builder(GslbConfig config) {
            this.inventory = config.inventory();
            this.ttl = config.answers().ttl().toSeconds();
        }

        void service(Service s, String host) {
            List<Node> pool = new ArrayList<>();
            for (String siteId : s.pool()) {
                if (inventory.siteOrNull(siteId).adminState() != AdminState.DISABLED) {
                    pool.addAll(inventory.nodesOf(siteId));
                }
            }
            Name domain = name(s.name());
            names(s.name(), null, name(host), domain, pool);
            for (Tenant t : inventory.tenants()) {
                Name tenantDomain = name(t.label() + "." + s.name());
                names(s.name(), t.label(), tenantDomain, tenantDomain, pool);
            }
        }

        /** A/AAAA at {@code host}, SRV under {@code domain}, NAPTR at {@code domain}; all dynamic. */
        private void names(String service, String tenant, Name host, Name domain, List<Node> pool) {
            List<Record> a = new ArrayList<>();
            List<Record> aaaa = new ArrayList<>();
            for (Node n : pool) {
                n.ipv4().forEach(ip -> a.add(new ARecord(host, DClass.IN, ttl, ip)));
                n.ipv6().forEach(ip -> aaaa.add(new AAAARecord(host, DClass.IN, ttl, ip)));
            }
            records.addAll(a);
            records.addAll(aaaa);
            add(host, service, tenant, new int[] {Type.A, Type.AAAA},
                    new DynamicName.Kind[] {DynamicName.Kind.HOST, DynamicName.Kind.HOST}, new String[2]);
            boolean anyTransport = false;
            for (NaptrService choice : NaptrService.values()) {
                SipTransport transport = choice.transport();
                List<Node> offering = pool.stream().filter(n -> port(n, transport) > 0).toList();
                if (offering.isEmpty()) {
                    continue;
                }
                Name srvName = choice.srvName(domain);
                for (Node n : offering) {
                    records.add(new SRVRecord(srvName, DClass.IN, ttl, 10, 10, port(n, transport), name(n.hostname())));
                }
                add(srvName, service, tenant, new int[] {Type.SRV}, new DynamicName.Kind[] {DynamicName.Kind.SRV},
                        new String[] {transport.name().toLowerCase(Locale.ROOT)});
                records.add(choice.record(domain, ttl));
                anyTransport = true;
            }
            if (anyTransport) {
                add(domain, service, tenant, new int[] {Type.NAPTR}, new DynamicName.Kind[] {DynamicName.Kind.NAPTR},
                        new String[1]);
            }
        }

        private void add(Name owner, String service, String tenant, int[] types, DynamicName.Kind[] kinds,
                         String[] transports) {
            DynamicName existing = byName.get(owner);
            if (existing != null) {
                // host == domain for tenants: A/AAAA and NAPTR share the owner; merge types.
                int[] oldTypes = existing.types();
                int[] allTypes = java.util.Arrays.copyOf(oldTypes, oldTypes.length + types.length);
                DynamicName.Kind[] allKinds = new DynamicName.Kind[allTypes.length];
                String[] allTransports = new String[allTypes.length];
                int[] allSlots = new int[allTypes.length];
                for (int i = 0; i < oldTypes.length; i++) {
                    allKinds[i] = existing.kind(oldTypes[i]);
                    allTransports[i] = existing.transport(oldTypes[i]);
                    allSlots[i] = existing.slot(oldTypes[i]);
                }
                for (int i = 0; i < types.length; i++) {
                    allTypes[oldTypes.length + i] = types[i];
                    allKinds[oldTypes.length + i] = kinds[i];
                    allTransports[oldTypes.length + i] = transports[i];
                    allSlots[oldTypes.length + i] = slot++;
                }
                byName.put(owner, new DynamicName(owner, service, tenant, allTypes, allKinds, allTransports, allSlots));
                return;
            }
            int[] slots = new int[types.length];
            for (int i = 0; i < types.length; i++) {
                slots[i] = slot++;
            }
            byName.put(owner, new DynamicName(owner, service, tenant, types, kinds, transports, slots));
        }

        void nodeHosts() {
            for (Node n : inventory.nodes()) {
                Name host = name(n.hostname());
                n.ipv4().forEach(ip -> records.add(new ARecord(host, DClass.IN, ttl, ip)));
                n.ipv6().forEach(ip -> records.add(new AAAARecord(host, DClass.IN, ttl, ip)));
            }
        }
    }

    static int port(Node n, SipTransport t) {
        for (SipEndpoint e : n.sip()) {
            if (e.transport() == t) {
                return e.port();
            }
        }
        return -1;
    }

    static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + text, e);
        }
    }
}
