package net.voicegslb.gslb.rtp.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 literal to {@link InetAddress} without ever resolving a name: the text comes
 * from the network (ng commands) or from flags, and a name would make us do DNS on its behalf.
 */
public final class IpLiteral {

    private IpLiteral() {}

    /** The address {@code text} spells, or empty if it is not an IP literal. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // A literal never reaches the resolver; getByName only parses it.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
