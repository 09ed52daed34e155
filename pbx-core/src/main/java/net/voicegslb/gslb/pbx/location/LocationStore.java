package net.voicegslb.gslb.pbx.location;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Address of record to its current bindings, in memory. Each AOR's bindings are an immutable
 * list replaced atomically (ConcurrentHashMap.compute), so readers never lock and a REGISTER
 * touches one map entry only.
 */
public final class LocationStore {

    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();
    /** Contact URI to binding: in-dialog requests are addressed to a contact, not to an AOR. */
    private final Map<String, Binding> byContact = new ConcurrentHashMap<>();
    /** Bindings per REGISTER source address and in all, for the registrar's limits without a scan. */
    private final Map<InetAddress, Integer> perSource = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** Applies {@code change} to the AOR's list atomically; an empty result removes the AOR. */
    public List<Binding> update(String aor, UnaryOperator<List<Binding>> change) {
        @SuppressWarnings("unchecked")
        List<Binding>[] before = new List[1];
        List<Binding> result = bindings.compute(aor, (k, old) -> {
            before[0] = old == null ? List.of() : old;
            List<Binding> next = change.apply(before[0]);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        List<Binding> now = result == null ? List.of() : result;
        for (Binding b : before[0]) {
            if (!now.contains(b)) {
                byContact.remove(b.contactText(), b);
                counted(b, -1);
            }
        }
        for (Binding b : now) {
            byContact.put(b.contactText(), b);
            if (!before[0].contains(b)) {
                counted(b, 1);
            }
        }
        return now;
    }

    /** The live binding registered with exactly this contact URI, or null. */
    public Binding byContact(String contactUri, long nowMillis) {
        Binding b = byContact.get(contactUri);
        return b != null && b.expiresAtMillis() > nowMillis ? b : null;
    }

    /** Live bindings of an AOR (expired ones filtered out even before the sweep runs). */
    public List<Binding> lookup(String aor, long nowMillis) {
        List<Binding> list = bindings.get(aor);
        if (list == null) {
            return List.of();
        }
        List<Binding> live = new ArrayList<>(list.size());
        for (Binding b : list) {
            if (b.expiresAtMillis() > nowMillis) {
                live.add(b);
            }
        }
        return live;
    }

    /** Removes expired bindings; returns how many went. */
    public int expire(long nowMillis, Consumer<Binding> onExpired) {
        int[] removed = {0};
        for (String aor : bindings.keySet()) {
            bindings.computeIfPresent(aor, (k, list) -> {
                List<Binding> keep = new ArrayList<>(list.size());
                for (Binding b : list) {
                    if (b.expiresAtMillis() > nowMillis) {
                        keep.add(b);
                    } else {
                        removed[0]++;
                        byContact.remove(b.contactText(), b);
                        counted(b, -1);
                        onExpired.accept(b);
                    }
                }
                return keep.isEmpty() ? null : keep.size() == list.size() ? list : List.copyOf(keep);
            });
        }
        return removed[0];
    }

    /**
     * Removes every binding {@code drop} selects (given the AOR and the binding), e.g. those of
     * users no longer configured; returns how many went.
     */
    public int removeIf(BiPredicate<String, Binding> drop) {
        int[] removed = {0};
        for (String aor : bindings.keySet()) {
            update(aor, old -> {
                List<Binding> keep = old.stream().filter(b -> !drop.test(aor, b)).toList();
                removed[0] += old.size() - keep.size();
                return keep;
            });
        }
        return removed[0];
    }

    /** Bindings registered from {@code source}, all AORs together. */
    public int bindingsFrom(InetAddress source) {
        return perSource.getOrDefault(source, 0);
    }

    public int aorCount() {
        return bindings.size();
    }

    public int bindingCount() {
        return total.get();
    }

    private void counted(Binding b, int delta) {
        total.addAndGet(delta);
        perSource.compute(b.source(), (k, n) -> {
            int next = (n == null ? 0 : n) + delta;
            return next <= 0 ? null : next;
        });
    }

    public Collection<List<Binding>> all() {
        return bindings.values();
    }
}
