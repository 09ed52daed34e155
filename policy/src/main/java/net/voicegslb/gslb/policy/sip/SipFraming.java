package net.voicegslb.gslb.policy.sip;

import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * The arithmetic of cutting a SIP byte stream into whole messages (RFC 3261 §18.3): headers up to
 * the blank line, then Content-Length bytes of body; keep-alive CRLFs between messages (RFC 5626
 * §3.5.1) are skipped. The bytes are read through an index function so that a transport can frame
 * its own buffer type without copying it; index 0 is the first unread byte.
 */
public final class SipFraming {
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private SipFraming() {
    }

    /** How many CR and LF bytes lead the {@code readable} bytes: keep-alives to discard. */
    public static int keepAliveBytes(IntUnaryOperator byteAt, int readable) {
        int i = 0;
        while (i < readable && (byteAt.applyAsInt(i) == '\r' || byteAt.applyAsInt(i) == '\n')) {
            i++;
        }
        return i;
    }

    /**
     * Length of the complete message that starts at index 0 (keep-alives already skipped), or -1 if
     * more bytes are needed.
     *
     * @throws SipFramingException when the header section or the body exceeds its limit, or
     *         Content-Length is not a small number
     */
    public static int frameLength(IntUnaryOperator byteAt, int readable) throws SipFramingException {
        int limit = Math.min(readable, MAX_HEADER_BYTES);
        int headerEnd = -1;
        for (int i = 0; i + 3 < limit; i++) {
            if (byteAt.applyAsInt(i) == '\r' && byteAt.applyAsInt(i + 1) == '\n' && byteAt.applyAsInt(i + 2) == '\r'
                    && byteAt.applyAsInt(i + 3) == '\n') {
                headerEnd = i + 4;
                break;
            }
        }
        if (headerEnd < 0) {
            if (readable >= MAX_HEADER_BYTES) {
                throw new SipFramingException("SIP header section longer than " + MAX_HEADER_BYTES + " bytes", true);
            }
            return -1;
        }
        char[] head = new char[headerEnd];
        for (int i = 0; i < headerEnd; i++) {
            // ISO-8859-1: one byte, one char, no input can fail decoding.
            head[i] = (char) (byteAt.applyAsInt(i) & 0xff);
        }
        int total = headerEnd + contentLength(new String(head));
        return readable >= total ? total : -1;
    }

    /** {@link #frameLength} over a byte array slice. */
    public static int frameLength(byte[] buf, int offset, int length) throws SipFramingException {
        return frameLength(i -> buf[offset + i], length);
    }

    private static int contentLength(String head) throws SipFramingException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                String v = line.substring(colon + 1).strip();
                if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new SipFramingException("Content-Length is not a small number: "
                            + OptionsResponseParser.printable(v), false);
                }
                int n = Integer.parseInt(v);
                if (n > MAX_BODY_BYTES) {
                    throw new SipFramingException("Content-Length " + n + " exceeds " + MAX_BODY_BYTES, true);
                }
                return n;
            }
        }
        // Mandatory on streams; a message without one most plausibly has no body.
        return 0;
    }
}
