package net.voicegslb.gslb.deploy.it.support;

import java.util.List;
import java.util.Set;

/**
 * One DNS response as printed by dig or kdig, reduced to what the tests assert on.
 *
 * @param status the rcode mnemonic, extended rcode included (BADVERS)
 * @param flags header flags in lower case (qr, aa, tc, rd, ra, cd, ad)
 * @param edns the OPT pseudo-record, or null when the response had none
 * @param question question lines, e.g. {@code sip.voip.example.test. IN A}
 * @param transport UDP or TCP, as the tool reports the server it got the answer from
 * @param size the response size in bytes
 * @param retriedOverTcp the tool reported a truncated UDP answer and asked again over TCP
 * @param text the full output, for failure messages
 */
public record DnsReply(String opcode, String status, int id, Set<String> flags, int qdCount, int anCount,
        int nsCount, int arCount, Edns edns, List<String> question, List<ResourceRecord> answer,
        List<ResourceRecord> authority, List<ResourceRecord> additional, String transport, int size,
        boolean retriedOverTcp, String text) {

    /** The OPT record: version, flags (do), advertised UDP size and the options, one text line each. */
    public record Edns(int version, Set<String> flags, int udpSize, List<String> options) {
        public boolean hasOption(String prefix) {
            return options.stream().anyMatch(o -> o.startsWith(prefix));
        }
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public List<String> answerTypes() {
        return answer.stream().map(ResourceRecord::type).toList();
    }

    public List<String> answerRdata() {
        return answer.stream().map(ResourceRecord::rdata).toList();
    }

    public List<String> rdataOf(List<ResourceRecord> section, String type) {
        return section.stream().filter(r -> r.type().equals(type)).map(ResourceRecord::rdata).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
