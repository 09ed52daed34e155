package net.voicegslb.gslb.pbx.codec;

/** The methods the node acts on; anything else is {@link #OTHER} and keeps its bytes. */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, OTHER;

    private static final SipMethod[] KNOWN = {INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS};

    /** Methods are case-sensitive (RFC 3261 7.1), so the comparison is exact. */
    static SipMethod of(byte[] b, int start, int end) {
        int n = end - start;
        for (SipMethod m : KNOWN) {
            String name = m.name();
            if (name.length() == n && name.charAt(0) == b[start]) {
                boolean same = true;
                for (int i = 1; i < n; i++) {
                    if (name.charAt(i) != b[start + i]) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    return m;
                }
            }
        }
        return OTHER;
    }
}
