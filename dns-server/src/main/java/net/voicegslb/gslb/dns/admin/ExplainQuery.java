package net.voicegslb.gslb.dns.admin;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * The parameters of {@code GET /api/v1/explain}, checked: {@code client=IP} (a resolver's address)
 * or {@code client=IP/LEN} (an ECS prefix; bits beyond LEN are cleared, as a resolver would send
 * them), {@code name}, and {@code type} (A, AAAA, SRV or NAPTR; default A).
 *
 * @param prefixLength the ECS source prefix length, or -1 for a resolver address
 */
record ExplainQuery(InetAddress client, int prefixLength, String name, int qtype) {

    private static final Map<String, Integer> TYPES = Map.of("A", 1, "AAAA", 28, "SRV", 33, "NAPTR", 35);
    /** Dotted quad only, so that nothing else (1.2.3, 1.2.3.4.5) can reach a resolver lookup. */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException with a message for the operator (answered as 400) */
    static ExplainQuery parse(String client, String name, String type) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("client is required: client=IP for a resolver, client=IP/LEN for an"
                    + " ECS prefix");
        }
        String c = client.trim();
        int slash = c.indexOf('/');
        String address = slash < 0 ? c : c.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("client: '" + client + "' is not an IP address or IP/LEN prefix");
        }
        ClientPrefix prefix;
        try {
            prefix = ClientPrefix.parse(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client: '" + client + "': " + e.getMessage());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required, e.g. name=sip.voip.example.test");
        }
        String n = name.trim();
        if (n.length() > 255 || n.chars().anyMatch(ch -> ch <= ' ' || ch >= 127)) {
            throw new IllegalArgumentException("name: '" + n + "' is not a domain name");
        }
        Integer qtype = TYPES.get(type == null || type.isBlank() ? "A" : type.trim().toUpperCase(Locale.ROOT));
        if (qtype == null) {
            throw new IllegalArgumentException("type: '" + type + "' is not answered dynamically; use A, AAAA, SRV or"
                    + " NAPTR");
        }
        return new ExplainQuery(prefix.address(), slash < 0 ? -1 : prefix.length(), n, qtype);
    }
}
