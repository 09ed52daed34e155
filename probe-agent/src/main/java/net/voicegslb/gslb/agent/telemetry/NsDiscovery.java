package net.voicegslb.gslb.agent.telemetry;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds the DNS nodes of a service zone from its NS records, so an agent's config can name the zone
 * instead of every node: each name server of the zone runs our DNS server and its telemetry
 * endpoint. Uses the JDK's own DNS client (JNDI), so no resolver library is pulled in. Names are
 * kept as names (not addresses) so TLS verifies the certificate against them. Resolved once at
 * start; a node added later needs a restart (or an explicit entry).
 */
public final class NsDiscovery {

    private NsDiscovery() {
    }

    /**
     * The zone's name servers, sorted, without the trailing dot.
     *
     * @param resolver the DNS server to ask, or null for the system's
     */
    public static List<String> nameServers(String zone, InetSocketAddress resolver) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        if (resolver != null) {
            String host = resolver.getAddress().getHostAddress();
            env.put(Context.PROVIDER_URL, "dns://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + resolver.getPort());
        }
        env.put("com.sun.jndi.dns.timeout.initial", "500");
        env.put("com.sun.jndi.dns.timeout.retries", "3");
        DirContext ctx = new InitialDirContext(env);
        try {
            Attribute ns = ctx.getAttributes(zone.endsWith(".") ? zone : zone + ".", new String[] {"NS"}).get("NS");
            List<String> out = new ArrayList<>();
            if (ns != null) {
                NamingEnumeration<?> all = ns.getAll();
                while (all.hasMore()) {
                    String name = all.next().toString();
                    out.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
                }
            }
            out.sort(null);
            return out;
        } finally {
            ctx.close();
        }
    }
}
