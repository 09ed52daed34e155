package net.voicegslb.gslb.policy.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the status line and the few headers a check needs (topmost Via branch, Call-ID, CSeq,
 * Retry-After) from one SIP message. Tolerant where RFC 3261 allows variation (header case, compact
 * forms, folded lines, whitespace around the colon, bare LF line ends, leading keep-alive CRLFs);
 * strict about what matching depends on. Stateless; bounds-checked; never re-serializes the input.
 */
public final class OptionsResponseParser {
    /** Larger than any UDP datagram; a stream framer enforces its own limit before this. */
    public static final int MAX_MESSAGE_BYTES = 65_535;
    private static final int MAX_REASON_CHARS = 80;

    private OptionsResponseParser() {
    }

    public static OptionsResponse parse(byte[] message) throws MalformedSipResponseException {
        return parse(message, 0, message.length);
    }

    public static OptionsResponse parse(byte[] buf, int offset, int length) throws MalformedSipResponseException {
        if (length > MAX_MESSAGE_BYTES) {
            throw new MalformedSipResponseException("message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        // ISO-8859-1 maps bytes 1:1 to chars, so indices stay byte offsets and no input can fail decoding.
        String text = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
            start++;
        }
        if (start == text.length()) {
            throw new MalformedSipResponseException("empty message");
        }
        String[] lines = headerLines(text, start);
        int code = statusCode(lines[0]);
        String reason = reasonPhrase(lines[0]);
        Headers h = headers(lines);
        if (h.via == null) {
            throw new MalformedSipResponseException("no Via header");
        }
        String branch = branchOf(h.via);
        if (h.callId == null || h.callId.isEmpty()) {
            throw new MalformedSipResponseException("no Call-ID header");
        }
        if (h.cseq == null) {
            throw new MalformedSipResponseException("no CSeq header");
        }
        String[] cseq = h.cseq.trim().split("[ \t]+");
        if (cseq.length != 2 || !digits(cseq[0]) || cseq[0].length() > 10) {
            throw new MalformedSipResponseException("CSeq is not 'number method': " + printable(h.cseq));
        }
        return new OptionsResponse(code, reason, branch, h.callId, Long.parseLong(cseq[0]),
                cseq[1].toUpperCase(Locale.ROOT), retryAfter(h.retryAfter));
    }

    /** The header section split into lines, folded continuation lines joined (RFC 3261 §7.3.1). */
    private static String[] headerLines(String text, int start) {
        int end = text.indexOf("\r\n\r\n", start);
        int endLf = text.indexOf("\n\n", start);
        if (end < 0 || (endLf >= 0 && endLf < end)) {
            end = endLf;
        }
        // A datagram is complete, so a missing blank line only means the sender dropped it.
        String head = end < 0 ? text.substring(start) : text.substring(start, end);
        String[] raw = head.split("\r?\n", -1);
        java.util.List<String> lines = new java.util.ArrayList<>(raw.length);
        for (String line : raw) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        return lines.toArray(String[]::new);
    }

    private static int statusCode(String statusLine) throws MalformedSipResponseException {
        if (!statusLine.regionMatches(true, 0, "SIP/2.0 ", 0, 8)) {
            if (statusLine.matches("[A-Za-z]+ \\S+ SIP/2\\.0")) {
                throw new MalformedSipResponseException("a SIP request, not a response: " + printable(statusLine));
            }
            throw new MalformedSipResponseException("not a SIP/2.0 status line: " + printable(statusLine));
        }
        if (statusLine.length() < 11 || !digits(statusLine.substring(8, 11))
                || (statusLine.length() > 11 && statusLine.charAt(11) != ' ')) {
            throw new MalformedSipResponseException("status code is not three digits: " + printable(statusLine));
        }
        int code = Integer.parseInt(statusLine.substring(8, 11));
        if (code < 100 || code > 699) {
            throw new MalformedSipResponseException("status code " + code + " outside 100-699");
        }
        return code;
    }

    private static String reasonPhrase(String statusLine) {
        return statusLine.length() <= 12 ? "" : printable(statusLine.substring(12).strip());
    }

    private static final class Headers {
        String via;
        String callId;
        String cseq;
        String retryAfter;
    }

    private static Headers headers(String[] lines) throws MalformedSipResponseException {
        Headers h = new Headers();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedSipResponseException("header line without a name and colon: " + printable(line));
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "via", "v" -> h.via = h.via == null ? value : h.via;
                case "call-id", "i" -> h.callId = h.callId == null ? value : h.callId;
                case "cseq" -> h.cseq = h.cseq == null ? value : h.cseq;
                case "retry-after" -> h.retryAfter = h.retryAfter == null ? value : h.retryAfter;
                default -> {
                    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                        throw new MalformedSipResponseException("invalid header name: " + printable(name));
                    }
                }
            }
        }
        return h;
    }

    /** Branch of the topmost Via value: the first of a comma-separated list. */
    private static String branchOf(String via) throws MalformedSipResponseException {
        int comma = via.indexOf(',');
        String top = comma < 0 ? via : via.substring(0, comma);
        String[] parts = top.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("branch")) {
                String b = p.substring(eq + 1).strip();
                if (!b.isEmpty()) {
                    return b;
                }
            }
        }
        throw new MalformedSipResponseException("topmost Via has no branch: " + printable(top));
    }

    /**
     * {@code Retry-After: 120 (comment) ;duration=3600} → 120 (RFC 3261 §20.33); absent or not a
     * number → -1, because Retry-After only ever adds a drain to a response that already failed.
     */
    private static long retryAfter(String value) {
        if (value == null) {
            return -1;
        }
        int i = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
            i++;
        }
        if (i == 0) {
            return -1;
        }
        String rest = value.substring(i).strip();
        if (!rest.isEmpty() && rest.charAt(0) != '(' && rest.charAt(0) != ';') {
            return -1;
        }
        // More than ten digits is absurd; the configured maximum drain caps it anyway.
        return i > 10 ? Integer.MAX_VALUE : Long.parseLong(value.substring(0, i));
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Peer text made safe for a log line or an event: controls replaced, length capped. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_REASON_CHARS));
        for (int i = 0; i < s.length() && sb.length() < MAX_REASON_CHARS; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c >= 127 ? '?' : c);
        }
        return s.length() > MAX_REASON_CHARS ? sb + "..." : sb.toString();
    }
}
