package net.voicegslb.gslb.pbx.codec;

/**
 * A From/To/Contact/Route value: the URI and the parameters the node acts on. {@code expires} is
 * -1 when absent; {@code wildcard} is the {@code Contact: *} of an unregister-all.
 */
public record NameAddr(SipUri uri, String tag, int expires, boolean wildcard, int valueStart, int valueEnd) {

    public static final NameAddr WILDCARD = new NameAddr(null, null, -1, true, 0, 0);
}
