package net.voicegslb.gslb.pbx.proxy;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.codec.SipUri;

/**
 * Whether a URI names this node (RFC 3261 16.4): a Route we put there, a Request-URI or a
 * pre-loaded Route sent to us. An IP literal is ours with one of our ports (the listen and
 * advertised addresses; another port on the same address is another node, e.g. a peer on
 * loopback). A name is ours whatever the port: the advertised host, the node's host name, the
 * tenant domains and aliases, and {@code sip.aliases} (service domains the GSLB answers for this
 * site; {@code *.voip.example.test} covers every name below it).
 */
public final class LocalAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[[0-9a-fA-F:.]+\\]");

    private final String advertiseHost;
    private final int advertisePort;
    private final List<InetSocketAddress> listen;
    private final Set<String> names = new HashSet<>();
    private final List<String> suffixes;
    private final Predicate<String> servedDomain;
    /** TLS addresses (filled once bound); the first one's port is what Via and Record-Route carry for TLS. */
    private final List<InetSocketAddress> tls;
    private final int tlsAdvertisePort;

    public LocalAddresses(String advertiseHost, int advertisePort, List<InetSocketAddress> listen) {
        this(advertiseHost, advertisePort, listen, List.of(), host -> false);
    }

    public LocalAddresses(String advertiseHost, int advertisePort, List<InetSocketAddress> listen,
            Collection<String> names) {
        this(advertiseHost, advertisePort, listen, names, host -> false);
    }

    /**
     * @param names        further names of this node (host name, aliases; {@code *.} for a subtree)
     * @param servedDomain whether a host name is a tenant domain or alias served now: asked at each
     *                     request, so that tenants added by a reload are ours at once
     */
    public LocalAddresses(String advertiseHost, int advertisePort, List<InetSocketAddress> listen,
            Collection<String> names, Predicate<String> servedDomain) {
        this(advertiseHost, advertisePort, listen, names, servedDomain, List.of(), 0);
    }

    /**
     * @param tls              the TLS listen addresses, filled in once bound (may be empty)
     * @param tlsAdvertisePort the TLS port to advertise; 0 = the first bound TLS port
     */
    public LocalAddresses(String advertiseHost, int advertisePort, List<InetSocketAddress> listen,
            Collection<String> names, Predicate<String> servedDomain, List<InetSocketAddress> tls,
            int tlsAdvertisePort) {
        this.tls = tls;
        this.tlsAdvertisePort = tlsAdvertisePort;
        this.servedDomain = servedDomain;
        this.advertiseHost = advertiseHost;
        this.advertisePort = advertisePort;
        this.listen = listen;
        List<String> wild = new java.util.ArrayList<>();
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            if (name.startsWith("*.")) {
                wild.add(name.substring(1));
            } else {
                this.names.add(name);
            }
        }
        this.suffixes = List.copyOf(wild);
    }

    public boolean isUs(SipUri uri) {
        if (uri == null || !uri.isSip()) {
            return false;
        }
        int port = uri.portOrDefault();
        String host = uri.host();
        if (host.equals(advertiseHost) && (port == advertisePort || (!tls.isEmpty() && port == tlsPort()))) {
            return true;
        }
        for (List<InetSocketAddress> addresses : List.of(listen, tls)) {
            for (InetSocketAddress a : addresses) {
                if (a.getPort() == port && host.equals(a.getAddress().getHostAddress())) {
                    return true;
                }
            }
        }
        if (IP_LITERAL.matcher(host).matches()) {
            // an address alias (e.g. a tenant alias 127.0.0.1) is us only on one of our ports
            return names.contains(host) && ourPort(port);
        }
        if (host.equals(advertiseHost) || names.contains(host) || servedDomain.test(host)) {
            return true;
        }
        for (String s : suffixes) {
            if (host.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private boolean ourPort(int port) {
        if (port == advertisePort) {
            return true;
        }
        for (InetSocketAddress a : listen) {
            if (a.getPort() == port) {
                return true;
            }
        }
        for (InetSocketAddress a : tls) {
            if (a.getPort() == port) {
                return true;
            }
        }
        return !tls.isEmpty() && port == tlsPort();
    }

    public String hostPort() {
        return advertiseHost + ":" + advertisePort;
    }

    /** The sent-by of our Via, and the host:port of our Record-Route, for requests sent over {@code t}. */
    public String hostPort(net.voicegslb.gslb.pbx.transport.Transport t) {
        if (t == net.voicegslb.gslb.pbx.transport.Transport.TLS && !tls.isEmpty()) {
            return advertiseHost + ":" + tlsPort();
        }
        return hostPort();
    }

    private int tlsPort() {
        return tlsAdvertisePort > 0 ? tlsAdvertisePort : tls.get(0).getPort();
    }
}
