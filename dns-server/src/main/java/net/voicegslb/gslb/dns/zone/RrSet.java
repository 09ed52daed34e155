package net.voicegslb.gslb.dns.zone;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One resource record set of a zone, immutable. dnsjava's own {@code RRset} rotates its records
 * on every read, which would make pre-computed answers depend on the order they were built in.
 */
public record RrSet(Name name, int type, long ttl, List<Record> records) {

    public RrSet {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("empty RRset " + name + "/" + type);
        }
    }

    public Record first() {
        return records.get(0);
    }
}
