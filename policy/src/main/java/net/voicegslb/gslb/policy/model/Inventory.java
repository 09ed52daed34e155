package net.voicegslb.gslb.policy.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The configured world: sites, nodes, services and tenants, immutable and cross-checked so that the
 * ranking never meets a dangling reference. A reload builds a new one.
 */
public final class Inventory {
    private final Map<String, Site> sites;
    private final Map<String, Node> nodes;
    private final Map<String, Service> services;
    private final Map<String, Tenant> tenants;
    private final Map<String, List<Node>> nodesBySite;

    public Inventory(Collection<Site> sites, Collection<Node> nodes, Collection<Service> services,
                     Collection<Tenant> tenants) {
        this.sites = index(sites, Site::id, "site");
        this.nodes = index(nodes, Node::id, "node");
        this.services = index(services, s -> s.name().toLowerCase(Locale.ROOT), "service");
        this.tenants = index(tenants, Tenant::label, "tenant");
        List<String> errors = new ArrayList<>();
        Map<String, List<Node>> bySite = new LinkedHashMap<>();
        for (Site site : sites) {
            bySite.put(site.id(), new ArrayList<>());
        }
        for (Node node : nodes) {
            List<Node> list = bySite.get(node.siteId());
            if (list == null) {
                errors.add("node " + node.id() + " refers to unknown site " + node.siteId());
            } else {
                list.add(node);
            }
        }
        for (Service service : services) {
            for (String siteId : service.pool()) {
                if (!this.sites.containsKey(siteId)) {
                    errors.add("service " + service.name() + " pool refers to unknown site " + siteId);
                }
            }
        }
        for (Tenant tenant : tenants) {
            for (String siteId : tenant.homeSites()) {
                if (!this.sites.containsKey(siteId)) {
                    errors.add("tenant " + tenant.label() + " home refers to unknown site " + siteId);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("inconsistent inventory: " + String.join("; ", errors));
        }
        Map<String, List<Node>> frozen = new LinkedHashMap<>();
        bySite.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.nodesBySite = Map.copyOf(frozen);
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> key,
                                            String what) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            Objects.requireNonNull(item, what);
            if (map.put(key.apply(item), item) != null) {
                throw new IllegalArgumentException("duplicate " + what + " " + key.apply(item));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** This inventory with every site passed through {@code f} (administrative states set at run time). */
    public Inventory mapSites(UnaryOperator<Site> f) {
        List<Site> mapped = new ArrayList<>(sites.size());
        for (Site s : sites.values()) {
            mapped.add(f.apply(s));
        }
        return new Inventory(mapped, nodes.values(), services.values(), tenants.values());
    }

    public Optional<Site> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    public Site siteOrNull(String id) {
        return sites.get(id);
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<Tenant> tenant(String label) {
        return Optional.ofNullable(tenants.get(label));
    }

    public List<Node> nodesOf(String siteId) {
        return nodesBySite.getOrDefault(siteId, List.of());
    }

    public Collection<Site> sites() {
        return sites.values();
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Collection<Service> services() {
        return services.values();
    }

    public Collection<Tenant> tenants() {
        return tenants.values();
    }
}
