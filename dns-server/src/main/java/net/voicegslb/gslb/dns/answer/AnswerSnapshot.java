package net.voicegslb.gslb.dns.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBuf;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.dns.codec.DnsWire;
import net.voicegslb.gslb.dns.codec.ParsedQuery;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import org.xbill.DNS.Name;

/**
 * All answers for one generation of the served zones. Every name that exists in a zone has its
 * answers compiled up front; names that do not exist (NXDOMAIN, wildcard matches, names below a
 * delegation) are compiled on first use and kept in a bounded cache. Immutable apart from that
 * cache; a reload builds a new snapshot and swaps it in.
 */
public final class AnswerSnapshot {

    private final ZoneSet zones;
    private final NameTable<NameAnswers> names;
    private final NameTable<ZoneData> apexes;
    private final Cache<MissKey, PreparedAnswer> misses;
    private final AnswerCompiler compiler;
    private final int preparedCount;

    public AnswerSnapshot(ZoneSet zones, AnswerCompiler compiler, long missCacheSize) {
        this(zones, compiler, missCacheSize, Map.of());
    }

    /**
     * @param dynamic names whose listed types are answered per client; each must exist in
     *                {@code zones} (the GSLB layer adds placeholder records for them)
     */
    public AnswerSnapshot(ZoneSet zones, AnswerCompiler compiler, long missCacheSize, Map<Name, DynamicName> dynamic) {
        this.zones = zones;
        this.compiler = compiler;
        List<Map.Entry<byte[], NameAnswers>> entries = new ArrayList<>();
        List<Map.Entry<byte[], ZoneData>> apexEntries = new ArrayList<>();
        int prepared = 0;
        for (ZoneData zone : zones.zones()) {
            apexEntries.add(new AbstractMap.SimpleImmutableEntry<>(zone.origin().toWireCanonical(), zone));
            var zoneTypes = AnswerCompiler.typesIn(zone);
            int absent = AnswerCompiler.absentType(zoneTypes);
            for (Name name : zone.existingNames()) {
                if (zones.find(name) != zone) {
                    continue; // a child zone we also serve is authoritative for it
                }
                NameAnswers answers = compiler.compileName(zone, name, zoneTypes, absent);
                DynamicName d = dynamic.get(name);
                if (d != null) {
                    answers = answers.markDynamic(d);
                }
                prepared += answers.size();
                entries.add(new AbstractMap.SimpleImmutableEntry<>(name.toWireCanonical(), answers));
            }
        }
        this.names = new NameTable<>(entries);
        this.apexes = new NameTable<>(apexEntries);
        this.preparedCount = prepared;
        this.misses = Caffeine.newBuilder().maximumSize(missCacheSize).build();
    }

    /** The answer for the query's question, or null when no served zone encloses the name. */
    public PreparedAnswer find(ByteBuf buf, ParsedQuery q) {
        NameAnswers known = names.get(buf, q.qnameOffset, q.qnameLength, q.qnameHash);
        if (known != null) {
            return known.forType(q.qtype);
        }
        ZoneData zone = enclosingZone(buf, q);
        if (zone == null) {
            return null;
        }
        byte[] wire = new byte[q.qnameLength];
        for (int i = 0; i < wire.length; i++) {
            wire[i] = (byte) DnsWire.lower(buf.getUnsignedByte(q.qnameOffset + i));
        }
        return misses.get(new MissKey(wire, q.qtype), k -> compiler.compile(zone, k.name(), k.qtype()));
    }

    /** Walks the question's suffixes, longest first, without building a name object. */
    private ZoneData enclosingZone(ByteBuf buf, ParsedQuery q) {
        int end = q.qnameOffset + q.qnameLength;
        for (int p = q.qnameOffset; p < end; p += buf.getUnsignedByte(p) + 1) {
            int len = end - p;
            ZoneData z = apexes.get(buf, p, len, DnsWire.hashName(buf, p, len));
            if (z != null) {
                return z;
            }
            if (buf.getUnsignedByte(p) == 0) {
                break;
            }
        }
        return null;
    }

    public ZoneSet zones() {
        return zones;
    }

    /** How many distinct answers were compiled up front; reported at load. */
    public int preparedCount() {
        return preparedCount;
    }

    private record MissKey(byte[] wire, int qtype) {
        Name name() {
            try {
                return new Name(wire);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("decoder admitted a bad name", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MissKey k && k.qtype == qtype && Arrays.equals(k.wire, wire);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(wire) + qtype;
        }

        @Override
        public String toString() {
            return name() + "/" + qtype;
        }
    }
}
