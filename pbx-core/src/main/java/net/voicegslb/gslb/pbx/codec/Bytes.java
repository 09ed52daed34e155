package net.voicegslb.gslb.pbx.codec;

import java.nio.charset.StandardCharsets;

/**
 * Character classes and small scanners over a byte range, shared by the field parsers. Inside a
 * header value a line fold (CRLF followed by SP/HT) counts as white space, so the scanners treat
 * CR and LF like SP: the header splitter has already made sure that no bare line break remains.
 */
final class Bytes {

    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] WORD = new boolean[256];
    private static final boolean[] URI = new boolean[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = TOKEN[c - 32] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
        System.arraycopy(TOKEN, 0, WORD, 0, 256);
        for (char c : "()<>:\\\"/[]?{}".toCharArray()) {
            WORD[c] = true;
        }
        // RFC 3261 25.1 unreserved / reserved / escaped characters allowed in a SIP URI.
        System.arraycopy(TOKEN, 0, URI, 0, 256);
        for (char c : ";/?:@&=+$,()[]#".toCharArray()) {
            URI[c] = true;
        }
        URI['`'] = false;
    }

    private Bytes() {}

    static boolean isToken(int b) {
        return TOKEN[b & 0xFF];
    }

    static boolean isWord(int b) {
        return WORD[b & 0xFF];
    }

    static boolean isUriChar(int b) {
        return URI[b & 0xFF];
    }

    static boolean isWs(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isHex(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    static boolean isAlpha(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    static int skipWs(byte[] b, int pos, int end) {
        while (pos < end && isWs(b[pos])) {
            pos++;
        }
        return pos;
    }

    static int trimEnd(byte[] b, int start, int end) {
        while (end > start && isWs(b[end - 1])) {
            end--;
        }
        return end;
    }

    static int tokenEnd(byte[] b, int pos, int end) {
        while (pos < end && isToken(b[pos])) {
            pos++;
        }
        return pos;
    }

    static int indexOf(byte[] b, int from, int end, int c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean equalsIgnoreCase(byte[] b, int start, int end, String ascii) {
        int n = ascii.length();
        if (end - start != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int x = b[start + i];
            int y = ascii.charAt(i);
            if (x != y && (x | 0x20) != (y | 0x20)) {
                return false;
            }
            if (x != y && !isAlpha(x)) {
                return false;
            }
        }
        return true;
    }

    static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * End of a quoted string starting at {@code pos} (which holds the opening quote): the index
     * after the closing quote, or -1 when it is not terminated. Quoted pairs may escape any octet
     * but CR and LF (RFC 3261 25.1 quoted-pair).
     */
    static int quotedEnd(byte[] b, int pos, int end) {
        for (int i = pos + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end || b[i + 1] == '\r' || b[i + 1] == '\n') {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    /** A non-negative decimal up to {@code max}, or -1 when not digits, -2 when larger than max. */
    static long decimal(byte[] b, int start, int end, long max) {
        if (start >= end) {
            return -1;
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int c = b[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                // keep scanning so that "12x" is still reported as not-a-number
                for (int j = i + 1; j < end; j++) {
                    if (!isDigit(b[j])) {
                        return -1;
                    }
                }
                return -2;
            }
        }
        return v;
    }
}
