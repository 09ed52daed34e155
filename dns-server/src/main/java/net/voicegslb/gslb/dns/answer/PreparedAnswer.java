package net.voicegslb.gslb.dns.answer;

/**
 * An answer encoded once, ahead of the queries that need it: the response sections after the
 * question, whose compression pointers refer to the question at offset 12. A query with the same
 * question (in any letter case) gets the same bytes; only ID, flags and OPT are written per query.
 */
public class PreparedAnswer {

    private final int rcode;
    private final boolean authoritative;
    private final int answerCount;
    private final int authorityCount;
    private final int additionalCount;
    private final byte[] body;
    /** The same answer without the additional section, or null when that section is required. */
    private final byte[] bodyWithoutAdditional;

    public PreparedAnswer(int rcode, boolean authoritative, int answerCount, int authorityCount,
            int additionalCount, byte[] body, byte[] bodyWithoutAdditional) {
        this.rcode = rcode;
        this.authoritative = authoritative;
        this.answerCount = answerCount;
        this.authorityCount = authorityCount;
        this.additionalCount = additionalCount;
        this.body = body;
        this.bodyWithoutAdditional = bodyWithoutAdditional;
    }

    public int rcode() {
        return rcode;
    }

    public boolean authoritative() {
        return authoritative;
    }

    public int answerCount() {
        return answerCount;
    }

    public int authorityCount() {
        return authorityCount;
    }

    public int additionalCount() {
        return additionalCount;
    }

    public byte[] body() {
        return body;
    }

    public byte[] bodyWithoutAdditional() {
        return bodyWithoutAdditional;
    }

    /** Same bytes and flags: lets the compiler keep one copy of answers that many types share. */
    public boolean sameAs(PreparedAnswer o) {
        return rcode == o.rcode && authoritative == o.authoritative && answerCount == o.answerCount
                && authorityCount == o.authorityCount && additionalCount == o.additionalCount
                && java.util.Arrays.equals(body, o.body);
    }
}
