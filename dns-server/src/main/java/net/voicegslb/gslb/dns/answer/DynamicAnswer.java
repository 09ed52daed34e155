package net.voicegslb.gslb.dns.answer;

/**
 * Marks a (name, type) answered per client. Its bytes are the zone's placeholder answer (every node
 * of the pool), which is what a query gets when no GSLB layer is attached; with one, the query path
 * swaps it for the client's precomputed variant.
 */
public final class DynamicAnswer extends PreparedAnswer {

    private final DynamicName name;
    private final int slot;
    private final int qtype;

    DynamicAnswer(PreparedAnswer placeholder, DynamicName name, int slot, int qtype) {
        super(placeholder.rcode(), placeholder.authoritative(), placeholder.answerCount(),
                placeholder.authorityCount(), placeholder.additionalCount(), placeholder.body(),
                placeholder.bodyWithoutAdditional());
        this.name = name;
        this.slot = slot;
        this.qtype = qtype;
    }

    public DynamicName name() {
        return name;
    }

    public int slot() {
        return slot;
    }

    public int qtype() {
        return qtype;
    }
}
