package net.voicegslb.gslb.pbx.codec;

/**
 * Header fields the node reads or must check, with their compact forms (RFC 3261 7.3.3). Every
 * other field is {@link #OTHER}: kept as bytes and forwarded untouched.
 */
public enum HeaderName {
    VIA("Via", 'v'),
    FROM("From", 'f'),
    TO("To", 't'),
    CALL_ID("Call-ID", 'i'),
    CSEQ("CSeq", (char) 0),
    CONTACT("Contact", 'm'),
    EXPIRES("Expires", (char) 0),
    MAX_FORWARDS("Max-Forwards", (char) 0),
    ROUTE("Route", (char) 0),
    RECORD_ROUTE("Record-Route", (char) 0),
    AUTHORIZATION("Authorization", (char) 0),
    WWW_AUTHENTICATE("WWW-Authenticate", (char) 0),
    PROXY_AUTHORIZATION("Proxy-Authorization", (char) 0),
    CONTENT_LENGTH("Content-Length", 'l'),
    CONTENT_TYPE("Content-Type", 'c'),
    DATE("Date", (char) 0),
    REQUIRE("Require", (char) 0),
    PROXY_REQUIRE("Proxy-Require", (char) 0),
    SUBJECT("Subject", 's'),
    SUPPORTED("Supported", 'k'),
    OTHER("", (char) 0);

    private static final HeaderName[] VALUES = values();

    private final String wireName;
    private final char compact;

    HeaderName(String wireName, char compact) {
        this.wireName = wireName;
        this.compact = compact;
    }

    public String wireName() {
        return wireName;
    }

    /** Header names are case-insensitive; no allocation. */
    static HeaderName of(byte[] b, int start, int end) {
        int n = end - start;
        if (n == 1) {
            int c = b[start] | 0x20;
            for (HeaderName h : VALUES) {
                if (h.compact != 0 && h.compact == c) {
                    return h;
                }
            }
            return OTHER;
        }
        for (HeaderName h : VALUES) {
            if (h != OTHER && h.wireName.length() == n && Bytes.equalsIgnoreCase(b, start, end, h.wireName)) {
                return h;
            }
        }
        return OTHER;
    }
}
