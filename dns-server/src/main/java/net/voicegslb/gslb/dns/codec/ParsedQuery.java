package net.voicegslb.gslb.dns.codec;

/**
 * The parts of a query that answering needs, as offsets into the received bytes. Mutable and
 * reused: one instance per event-loop handler, so decoding allocates nothing. Never shared
 * between threads.
 */
public final class ParsedQuery {

    public int id;
    public int flags;
    public int opcode;
    /** True once the question parsed cleanly, so that error responses can echo it. */
    public boolean questionValid;
    public int qnameOffset;
    public int qnameLength;
    public int qnameHash;
    public int qtype;
    public int qclass;
    /** Offset just past the question: header and question are copied to the response as sent. */
    public int questionEnd;

    public boolean edns;
    public int udpPayloadSize;
    public int ednsVersion;
    public boolean dnssecOk;

    public boolean hasClientSubnet;
    public int ecsFamily;
    public int ecsSourcePrefix;
    public int ecsScopePrefix;
    public int ecsAddressOffset;
    public int ecsAddressLength;

    /** Queries this scratch has seen; never reset: lets the responder sample per event loop. */
    public int answeredCount;

    /** Why the query was refused outright (see {@link QueryDecoder}), for metrics and logs. */
    public String problem;

    void reset() {
        id = 0;
        flags = 0;
        opcode = 0;
        questionValid = false;
        qnameOffset = 0;
        qnameLength = 0;
        qnameHash = 0;
        qtype = 0;
        qclass = 0;
        questionEnd = 0;
        edns = false;
        udpPayloadSize = 512;
        ednsVersion = 0;
        dnssecOk = false;
        hasClientSubnet = false;
        ecsFamily = 0;
        ecsSourcePrefix = 0;
        ecsScopePrefix = 0;
        ecsAddressOffset = 0;
        ecsAddressLength = 0;
        problem = null;
    }

    public boolean recursionDesired() {
        return (flags & DnsWire.FLAG_RD) != 0;
    }

    public boolean checkingDisabled() {
        return (flags & DnsWire.FLAG_CD) != 0;
    }
}
