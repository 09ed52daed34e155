package net.voicegslb.gslb.dns.zone;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What an authoritative server answers for one question, before encoding. {@code
 * additionalRequired}: the additional section holds glue that a referral cannot do without (RFC
 * 9471), so an answer too big for it is truncated rather than sent without it.
 */
public record LookupResult(
        Outcome outcome,
        int rcode,
        boolean authoritative,
        List<Record> answer,
        List<Record> authority,
        List<Record> additional,
        boolean additionalRequired) {

    /** How the answer came about; kept for metrics and for tests that read like RFC 1034 4.3.2. */
    public enum Outcome {
        ANSWER,
        CNAME,
        WILDCARD,
        NODATA,
        NXDOMAIN,
        REFERRAL,
        REFUSED
    }

    public LookupResult {
        answer = List.copyOf(answer);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

}
