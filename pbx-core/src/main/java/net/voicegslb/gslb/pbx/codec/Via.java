package net.voicegslb.gslb.pbx.codec;

/**
 * One Via value. Offsets point into the message buffer: {@code valueEnd} is where received/rport
 * are appended in a response, {@code rportEnd} (or -1) is just after a value-less {@code rport}
 * that the response must fill in (RFC 3581).
 */
public record Via(String transport, String host, int port, String branch, boolean rport, int rportEnd,
        int rportValue, String received, int valueStart, int valueEnd) {

    /** RFC 3261 branches start with the magic cookie; older ones need the 2543 matching rules. */
    public boolean rfc3261Branch() {
        return branch != null && branch.startsWith("z9hG4bK");
    }

    /** Where a response to this hop goes (RFC 3261 18.2.2 with RFC 3581): received and rport win. */
    public java.net.InetSocketAddress responseTarget() {
        String h = received != null ? received : host;
        int p = rportValue > 0 ? rportValue : port > 0 ? port : 5060;
        return new java.net.InetSocketAddress(h.startsWith("[") ? h.substring(1, h.length() - 1) : h, p);
    }

    public String sentBy() {
        return port > 0 ? host + ":" + port : host;
    }
}
