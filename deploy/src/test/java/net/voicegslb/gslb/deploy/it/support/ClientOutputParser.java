package net.voicegslb.gslb.deploy.it.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text output of dig (BIND 9.18) and kdig (Knot 3.x) into {@link DnsReply}s. The two print
 * nearly the same layout; the differences (separators, the EDNS line, where the transport is named)
 * are handled line by line.
 */
final class ClientOutputParser {

    private static final String HEADER_MARK = ";; ->>HEADER<<-";
    private static final Pattern HEADER = Pattern.compile("opcode: (\\S+?)[,;] status: (\\S+?)[,;] id: (\\d+)");
    private static final Pattern FLAGS = Pattern.compile(
            "(?i);; flags:([^;]*); QUERY: (\\d+)[,;] ANSWER: (\\d+)[,;] AUTHORITY: (\\d+)[,;] ADDITIONAL: (\\d+)");
    private static final Pattern DIG_EDNS = Pattern.compile(
            "; EDNS: version: (\\d+), flags:([^;]*);(?: MBZ: (0x[0-9a-fA-F]+),)? udp: (\\d+)");
    private static final Pattern KDIG_EDNS = Pattern.compile(
            ";; Version: (\\d+); flags:([^;]*)(); UDP size: (\\d+) B");
    private static final Pattern TRANSPORT = Pattern.compile("^;; (?:SERVER: |From ).*\\((UDP|TCP)\\)");
    private static final Pattern DIG_SIZE = Pattern.compile(";; MSG SIZE\\s+rcvd: (\\d+)");
    private static final Pattern KDIG_SIZE = Pattern.compile(";; Received (\\d+) B");

    private ClientOutputParser() {}

    /** Every response in the output, in order (kdig prints one per query; dig one per query too). */
    static List<DnsReply> parseAll(String output) {
        List<DnsReply> replies = new ArrayList<>();
        int start = output.indexOf(HEADER_MARK);
        while (start >= 0) {
            int next = output.indexOf(HEADER_MARK, start + HEADER_MARK.length());
            // dig prints "Got answer:" and warnings just before the header; they belong to the next block
            String block = output.substring(start, next < 0 ? output.length() : next);
            String before = output.substring(0, start);
            boolean retried = before.contains("Truncated, retrying in TCP mode")
                    || before.contains("retrying over TCP") || output.contains("retrying over TCP");
            replies.add(parseOne(block, retried && replies.isEmpty()));
            start = next;
        }
        return replies;
    }

    private static DnsReply parseOne(String block, boolean retriedOverTcp) {
        String opcode = null;
        String status = null;
        int id = -1;
        Set<String> flags = new LinkedHashSet<>();
        int[] counts = new int[4];
        DnsReply.Edns edns = null;
        List<String> ednsOptions = new ArrayList<>();
        List<String> question = new ArrayList<>();
        List<ResourceRecord> answer = new ArrayList<>();
        List<ResourceRecord> authority = new ArrayList<>();
        List<ResourceRecord> additional = new ArrayList<>();
        String transport = null;
        int size = -1;
        String section = "";
        for (String raw : block.split("\n")) {
            String line = raw.stripTrailing();
            Matcher m;
            if (line.startsWith(HEADER_MARK) && (m = HEADER.matcher(line)).find()) {
                opcode = m.group(1);
                status = m.group(2);
                id = Integer.parseInt(m.group(3));
                continue;
            }
            if ((m = FLAGS.matcher(line)).find()) {
                Arrays.stream(m.group(1).trim().split("\\s+")).filter(f -> !f.isEmpty())
                        .map(f -> f.toLowerCase(Locale.ROOT)).forEach(flags::add);
                for (int i = 0; i < 4; i++) {
                    counts[i] = Integer.parseInt(m.group(i + 2));
                }
                continue;
            }
            if (line.endsWith("PSEUDOSECTION:")) {
                section = "OPT";
                continue;
            }
            if (line.startsWith(";; ") && line.endsWith(" SECTION:")) {
                section = line.substring(3, line.length() - " SECTION:".length()).trim();
                continue;
            }
            if ((m = TRANSPORT.matcher(line)).find()) {
                transport = m.group(1);
                continue;
            }
            if ((m = DIG_SIZE.matcher(line)).find() || (m = KDIG_SIZE.matcher(line)).find()) {
                size = Integer.parseInt(m.group(1));
                continue;
            }
            if (line.isBlank()) {
                section = "";
                continue;
            }
            switch (section) {
                case "OPT" -> {
                    Matcher e = DIG_EDNS.matcher(line);
                    if (!e.find()) {
                        e = KDIG_EDNS.matcher(line);
                        if (!e.find()) {
                            e = null;
                        }
                    }
                    if (e != null) {
                        Set<String> ednsFlags = new LinkedHashSet<>();
                        Arrays.stream(e.group(2).trim().split("\\s+")).filter(f -> !f.isEmpty())
                                .map(f -> f.toLowerCase(Locale.ROOT)).forEach(ednsFlags::add);
                        if (e.group(3) != null && !e.group(3).isEmpty()) {
                            // dig shows flag bits it has no name for as "MBZ" (must be zero)
                            ednsOptions.add("MBZ: " + e.group(3));
                        }
                        edns = new DnsReply.Edns(Integer.parseInt(e.group(1)), ednsFlags,
                                Integer.parseInt(e.group(4)), ednsOptions);
                    } else if (line.startsWith(";")) {
                        ednsOptions.add(line.replaceFirst("^;+\\s*", ""));
                    }
                }
                case "QUESTION" -> question.add(line.replaceFirst("^;+\\s*", "").replaceAll("\\s+", " ").trim());
                case "ANSWER" -> addRecord(answer, line);
                case "AUTHORITY" -> addRecord(authority, line);
                case "ADDITIONAL" -> addRecord(additional, line);
                default -> {
                    // headers, comments, statistics
                }
            }
        }
        if (status == null) {
            throw new IllegalArgumentException("no DNS header in:\n" + block);
        }
        return new DnsReply(opcode, status, id, Set.copyOf(flags), counts[0], counts[1], counts[2], counts[3],
                edns == null ? null : new DnsReply.Edns(edns.version(), Set.copyOf(edns.flags()), edns.udpSize(),
                        List.copyOf(ednsOptions)),
                List.copyOf(question), List.copyOf(answer), List.copyOf(authority), List.copyOf(additional),
                transport, size, retriedOverTcp, block);
    }

    private static void addRecord(List<ResourceRecord> section, String line) {
        if (!line.startsWith(";")) {
            section.add(ResourceRecord.parse(line));
        }
    }
}
