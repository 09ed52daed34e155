package net.voicegslb.gslb.dns.answer;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.dns.zone.LookupResult;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneLookup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns lookups into {@link PreparedAnswer}s. Encoding uses dnsjava, which is safe here because
 * the records are our own zone data, never bytes a client sent.
 */
public final class AnswerCompiler {

    private final ZoneLookup lookup = new ZoneLookup();

    public PreparedAnswer compile(ZoneData zone, Name qname, int qtype) {
        LookupResult r = lookup.lookup(zone, qname, qtype);
        byte[] body = encodeSections(qname, qtype, r.answer(), r.authority(), r.additional());
        byte[] withoutAdditional;
        if (r.additional().isEmpty()) {
            withoutAdditional = body;
        } else if (r.additionalRequired()) {
            withoutAdditional = null;
        } else {
            withoutAdditional = encodeSections(qname, qtype, r.answer(), r.authority(), List.of());
        }
        return new PreparedAnswer(r.rcode(), r.authoritative(), r.answer().size(), r.authority().size(),
                r.additional().size(), body, withoutAdditional);
    }

    /**
     * Every answer that a name can produce. Types that change the outcome are compiled one by
     * one: those present at the name (or at the end of its CNAME chain), ANY, and DS (answered by
     * the parent side at a zone cut); all other types share the answer for a type the zone lacks.
     */
    NameAnswers compileName(ZoneData zone, Name name, Set<Integer> zoneTypes, int absentType) {
        PreparedAnswer otherwise = compile(zone, name, absentType);
        Set<Integer> types = new LinkedHashSet<>(zone.node(name).keySet());
        types.add(Type.ANY);
        types.add(Type.DS);
        types.add(Type.CNAME);
        if (zone.rrSet(name, Type.CNAME) != null) {
            // The chain may end at a wildcard or cross into other names: any type of the zone can
            // change its outcome, so compile them all (a handful, and only for CNAME owners).
            types.addAll(zoneTypes);
        }
        int[] kept = new int[types.size()];
        PreparedAnswer[] answers = new PreparedAnswer[types.size()];
        int n = 0;
        for (int type : types) {
            PreparedAnswer a = compile(zone, name, type);
            if (!a.sameAs(otherwise)) {
                kept[n] = type;
                answers[n] = a;
                n++;
            }
        }
        return new NameAnswers(Arrays.copyOf(kept, n), Arrays.copyOf(answers, n), otherwise);
    }

    /** Every record type the zone holds. */
    static Set<Integer> typesIn(ZoneData zone) {
        Set<Integer> used = new java.util.TreeSet<>();
        zone.nodes().values().forEach(node -> used.addAll(node.keySet()));
        return used;
    }

    /** A private-use type (RFC 6895) that no record in the zone has, to compile "any other type". */
    static int absentType(Set<Integer> used) {
        for (int t = 65280; t <= 65534; t++) {
            if (!used.contains(t)) {
                return t;
            }
        }
        throw new IllegalStateException("the zone uses every private-use type");
    }

    /**
     * Encodes records built by the GSLB layer. The additional section holds only addresses of SRV
     * targets, which a client can look up itself, so it may be dropped to fit.
     */
    public static PreparedAnswer prepare(Name qname, int qtype, int rcode, List<Record> answer, List<Record> authority,
            List<Record> additional) {
        byte[] body = encodeSections(qname, qtype, answer, authority, additional);
        byte[] without = additional.isEmpty() ? body : encodeSections(qname, qtype, answer, authority, List.of());
        return new PreparedAnswer(rcode, true, answer.size(), authority.size(), additional.size(), body, without);
    }

    private static byte[] encodeSections(Name qname, int qtype, List<Record> answer, List<Record> authority,
            List<Record> additional) {
        Message m = new Message();
        m.addRecord(Record.newRecord(qname, qtype, DClass.IN), Section.QUESTION);
        answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
        additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
        byte[] wire = m.toWire();
        int skip = 12 + qname.length() + 4;
        return Arrays.copyOfRange(wire, skip, wire.length);
    }
}
