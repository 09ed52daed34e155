package net.voicegslb.gslb.deploy.it.support;

/** One record as dig or kdig prints it: {@code owner ttl class type rdata}. */
public record ResourceRecord(String owner, long ttl, String rrClass, String type, String rdata) {

    /** Parses a whitespace-separated record line; rdata keeps its inner spacing. */
    static ResourceRecord parse(String line) {
        String[] p = line.trim().split("\\s+", 5);
        if (p.length < 4) {
            throw new IllegalArgumentException("not a record line: " + line);
        }
        return new ResourceRecord(p[0], Long.parseLong(p[1]), p[2], p[3], p.length == 5 ? p[4].trim() : "");
    }

    @Override
    public String toString() {
        return owner + " " + ttl + " " + rrClass + " " + type + " " + rdata;
    }
}
