package net.voicegslb.gslb.dns.zone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads an RFC 1035 master file with dnsjava's parser and checks what a parent zone's checks and
 * resolvers rely on: one SOA and an NS set at the apex, nothing outside the origin, CNAMEs alone
 * at their names, and addresses for every name server that lies inside the zone. {@code $INCLUDE}
 * stays inside the zone file's directory and {@value IncludeGuard#MAX_DEPTH} levels deep ({@link IncludeGuard}).
 */
public final class ZoneLoader {

    private static final int MAX_RECORDS = 2_000_000;

    public ZoneData load(Path file, Name origin) throws ZoneLoadException {
        if (!Files.isReadable(file)) {
            throw new ZoneLoadException(file, 0, "zone file is missing or not readable");
        }
        Map<Name, Map<Integer, List<Record>>> byName = new LinkedHashMap<>();
        Problems problems = new Problems(file);
        int count = 0;
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ZoneLoadException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        // $INCLUDE needs dnsjava to know the file's directory; then records carry no line.
        boolean includes = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT)
                .contains("$INCLUDE");
        if (includes) {
            new IncludeGuard(file).check(file);
        }
        LineCountingInput input = includes ? null : new LineCountingInput(text);
        try (Master master = includes ? new Master(file.toString(), origin, 3600) : new Master(input, origin, 3600)) {
            master.expandGenerate(true);
            Record r;
            while ((r = master.nextRecord()) != null) {
                if (++count > MAX_RECORDS) {
                    throw new ZoneLoadException(file, 0, "more than " + MAX_RECORDS + " records");
                }
                int line = input == null ? 0 : input.line();
                if (checkRecord(problems, line, origin, r)) {
                    problems.remember(r, line);
                    byName.computeIfAbsent(r.getName(), n -> new TreeMap<>())
                            .computeIfAbsent(r.getType(), t -> new ArrayList<>())
                            .add(r);
                }
            }
        } catch (TextParseException e) {
            // dnsjava's tokenizer messages read "file:line: problem".
            problems.add(lineOf(e.getMessage()), stripLocation(e.getMessage()));
            throw problems.exception();
        } catch (IOException e) {
            throw new ZoneLoadException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        ZoneData zone = build(problems, origin, byName, count);
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return zone;
    }

    private static boolean checkRecord(Problems problems, int line, Name origin, Record r) {
        if (!r.getName().subdomain(origin)) {
            problems.add(line, "record " + r.getName() + " " + Type.string(r.getType()) + " is outside the zone " + origin);
            return false;
        }
        if (r.getDClass() != DClass.IN) {
            problems.add(line, "record " + r.getName() + " has class " + DClass.string(r.getDClass())
                    + "; only IN is served");
            return false;
        }
        if (r.getType() == Type.SOA && !r.getName().equals(origin)) {
            problems.add(line, "SOA at " + r.getName() + " is not at the apex " + origin);
            return false;
        }
        return true;
    }

    /** The zone, or null when the problems found so far leave nothing to build. */
    private static ZoneData build(Problems problems, Name origin, Map<Name, Map<Integer, List<Record>>> byName,
            int count) {
        Map<Integer, List<Record>> apex = byName.get(origin);
        if (apex == null || !apex.containsKey(Type.SOA)) {
            problems.add(0, "no SOA record at the apex " + origin);
            return null;
        }
        if (apex.get(Type.SOA).size() != 1) {
            problems.add(problems.lineOf(apex.get(Type.SOA).get(1)), "more than one SOA record at the apex " + origin);
        }
        if (!apex.containsKey(Type.NS)) {
            problems.add(0, "no NS record at the apex " + origin);
        }
        Map<Name, Map<Integer, RrSet>> nodes = new HashMap<>();
        for (var e : byName.entrySet()) {
            Map<Integer, RrSet> sets = new TreeMap<>();
            for (var t : e.getValue().entrySet()) {
                List<Record> rs = dedupe(t.getValue());
                long ttl = rs.stream().mapToLong(Record::getTTL).min().orElse(0);
                sets.put(t.getKey(), new RrSet(e.getKey(), t.getKey(), ttl, withTtl(rs, ttl)));
            }
            checkCname(problems, origin, e.getKey(), sets);
            nodes.put(e.getKey(), Map.copyOf(sets));
        }
        Set<Name> existing = new HashSet<>();
        for (Name n : nodes.keySet()) {
            // Every ancestor up to the apex exists too: empty non-terminals.
            for (Name a = n; a.subdomain(origin); a = parent(a)) {
                if (!existing.add(a) || a.equals(origin)) {
                    break;
                }
            }
        }
        existing.add(origin);
        ZoneData zone = new ZoneData(origin, problems.file(), (SOARecord) apex.get(Type.SOA).get(0), nodes, existing,
                count);
        checkNameServerAddresses(problems, zone);
        return zone;
    }

    private static void checkCname(Problems problems, Name origin, Name name, Map<Integer, RrSet> sets) {
        RrSet cname = sets.get(Type.CNAME);
        if (cname == null) {
            return;
        }
        int line = problems.lineOf(cname.first());
        if (name.equals(origin)) {
            problems.add(line, "CNAME at the apex " + origin + " is not allowed");
            return;
        }
        if (cname.records().size() > 1) {
            problems.add(problems.lineOf(cname.records().get(1)), "more than one CNAME record at " + name);
        }
        for (int type : sets.keySet()) {
            if (type != Type.CNAME && type != Type.RRSIG && type != Type.NSEC) {
                problems.add(line, "CNAME and other data (" + Type.string(type) + ") at " + name);
            }
        }
    }

    /** In-zone name servers, at the apex and at delegations, must have addresses (glue). */
    private static void checkNameServerAddresses(Problems problems, ZoneData zone) {
        for (var e : zone.nodes().entrySet()) {
            RrSet ns = e.getValue().get(Type.NS);
            if (ns == null) {
                continue;
            }
            for (Record r : ns.records()) {
                Name target = ((NSRecord) r).getTarget();
                boolean inZone = target.subdomain(zone.origin());
                boolean needsGlue = !e.getKey().equals(zone.origin()) && target.subdomain(e.getKey());
                if ((inZone || needsGlue)
                        && zone.rrSet(target, Type.A) == null && zone.rrSet(target, Type.AAAA) == null) {
                    problems.add(problems.lineOf(r), "name server " + target + " of " + e.getKey()
                            + " is inside the zone but has no A or AAAA record");
                }
            }
        }
    }

    private static List<Record> dedupe(List<Record> records) {
        // RFC 2181 section 5: a set holds each record once; keep the first of any duplicates.
        Map<String, Record> unique = new LinkedHashMap<>();
        for (Record r : records) {
            unique.putIfAbsent(r.rdataToString(), r);
        }
        return new ArrayList<>(unique.values());
    }

    /** RFC 2181 section 5.2: the records of one set share one TTL; use the smallest given. */
    private static List<Record> withTtl(List<Record> records, long ttl) {
        List<Record> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(r.getTTL() == ttl ? r : Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical()));
        }
        return out;
    }

    static Name parent(Name n) {
        return new Name(n, 1);
    }

    static int lineOf(String message) {
        if (message == null) {
            return 0;
        }
        String[] parts = message.split(":", 3);
        if (parts.length >= 3) {
            try {
                return Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException ignored) {
                return 0;
            }
        }
        return 0;
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "syntax error";
        }
        String[] parts = message.split(":", 3);
        return parts.length >= 3 && lineOf(message) > 0 ? parts[2].trim() : message;
    }
}
