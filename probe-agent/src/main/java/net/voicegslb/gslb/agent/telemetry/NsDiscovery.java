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
 * start; a node added later needs a restart (or an explicit entry). The answer is not
 * authenticated: callers keep only {@link #acceptable} names and trust them only through a
 * private CA.
 */
public final class NsDiscovery {

    private static final java.util.regex.Pattern LABEL =
            java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private NsDiscovery() {
    }

    /**
     * Whether a name from an NS answer may become a DNS node: a plain host name (letters, digits,
     * hyphens; nothing that could bend the URL built from it) equal to {@code suffix} or under it.
     * The answer is unauthenticated; this keeps a forged one from sending the agent elsewhere, and
     * the certificate check against the private CA does the rest.
     *
     * @param suffix lower case, no leading or trailing dot
     */
    public static boolean acceptable(String name, String suffix) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return isHostName(n) && (n.equals(suffix) || n.endsWith("." + suffix));
    }

    /** LDH labels of 1–63 characters, at most 253 in all (RFC 1123 §2.1), lower case. */
    public static boolean isHostName(String n) {
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
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
