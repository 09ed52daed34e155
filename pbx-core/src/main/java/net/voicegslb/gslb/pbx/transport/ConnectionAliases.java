package net.voicegslb.gslb.pbx.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.Via;

/**
 * Which open TCP/TLS connection a request to an address may go over, since the node opens no
 * connections itself:
 * <ul>
 *   <li>the connection whose remote end is that very address (RFC 3261 18.1.1: use an existing
 *       connection to the destination). Phones on TCP/TLS often put their connection's own
 *       address in the Contact of a dialog, so this is how in-dialog requests reach them;
 *   <li>connection reuse (RFC 5923): a party that sends a request over TLS with {@code ;alias} in
 *       its Via asks us to send requests for its Via sent-by address (say its listening port)
 *       over that connection. RFC 5923 grants this only over TLS, and only for an address the
 *       party is entitled to: here the sent-by host must be the connection's own source address,
 *       so nobody can capture requests meant for someone else.
 * </ul>
 * Entries live as long as their connection.
 */
public final class ConnectionAliases {

    private final Map<InetSocketAddress, SipConnection> byAddress = new ConcurrentHashMap<>();
    private final int max;

    /** @param max entries held at once (two per connection at most; a bound, not a tuning knob) */
    public ConnectionAliases(int max) {
        this.max = max;
    }

    /** A TCP or TLS connection opened: requests to its remote address may use it. */
    void connected(SipConnection c) {
        if (c.transport() == Transport.UDP || byAddress.size() >= max) {
            return;
        }
        InetSocketAddress remote = c.remote();
        byAddress.put(remote, c);
        c.channel().closeFuture().addListener(f -> byAddress.remove(remote, c));
    }

    /** Records the alias a request asks for, if it may have it. */
    void offer(SipMessage request, SipConnection on) {
        if (on.transport() != Transport.TLS || !request.isRequest() || request.vias().isEmpty()) {
            return;
        }
        Via via = request.topVia();
        if (!"TLS".equalsIgnoreCase(via.transport()) || via.port() <= 0 || !hasAlias(request, via)) {
            return;
        }
        InetAddress source = on.remote().getAddress();
        String host = via.host().startsWith("[") ? via.host().substring(1, via.host().length() - 1) : via.host();
        if (!host.equalsIgnoreCase(source.getHostAddress()) && !sameAddress(host, source)) {
            return;
        }
        InetSocketAddress alias = new InetSocketAddress(source, via.port());
        SipConnection previous = byAddress.get(alias);
        if (previous != null && previous.channel() == on.channel()) {
            return;
        }
        if (previous == null && byAddress.size() >= max) {
            return;
        }
        byAddress.put(alias, on);
        on.channel().closeFuture().addListener(f -> byAddress.remove(alias, on));
    }

    /** The open connection aliased to {@code address}, or null. */
    public SipConnection lookup(InetSocketAddress address) {
        SipConnection c = byAddress.get(address);
        return c != null && c.usable() ? c : null;
    }

    public int size() {
        return byAddress.size();
    }

    private static boolean sameAddress(String literal, InetAddress source) {
        if (literal.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).equals(source); // an IPv6 literal, no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Whether the Via value has a parameter named alias (RFC 5923 4). */
    static boolean hasAlias(SipMessage m, Via via) {
        String value = new String(m.buffer(), via.valueStart(), via.valueEnd() - via.valueStart(),
                StandardCharsets.US_ASCII);
        String[] parts = value.split(";");
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("alias")) {
                return true;
            }
        }
        return false;
    }
}
