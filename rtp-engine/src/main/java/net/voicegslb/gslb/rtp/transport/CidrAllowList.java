package net.voicegslb.gslb.rtp.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source addresses may talk to a control socket: a list of CIDR prefixes
 * ({@code 127.0.0.0/8}, {@code 10.1.2.3/32}, {@code ::1/128}; a bare address means the host).
 * Immutable; {@link #parse} reports every bad entry at once.
 */
public final class CidrAllowList {

    /** Loopback only: the ng port controls call set-up and must not face the network by default. */
    public static final String LOOPBACK = "127.0.0.0/8,::1/128";

    private final List<Prefix> prefixes;

    private CidrAllowList(List<Prefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Parses a comma-separated list.
     *
     * @throws IllegalArgumentException naming every entry that is not {@code IP[/BITS]}
     */
    public static CidrAllowList parse(String list) {
        List<Prefix> prefixes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String ip = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = IpLiteral.parse(ip).orElse(null);
            if (address == null) {
                errors.add("'" + entry + "' is not an IP address or CIDR prefix");
                continue;
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String b = entry.substring(slash + 1);
                bits = b.matches("\\d{1,3}") ? Integer.parseInt(b) : -1;
                if (bits < 0 || bits > max) {
                    errors.add("'" + entry + "' has a prefix length outside 0-" + max);
                    continue;
                }
            }
            prefixes.add(new Prefix(address.getAddress(), bits));
        }
        if (prefixes.isEmpty() && errors.isEmpty()) {
            errors.add("the list is empty: give at least one CIDR prefix (default " + LOOPBACK + ")");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new CidrAllowList(prefixes);
    }

    public boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Prefix p : prefixes) {
            if (p.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }

    private record Prefix(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
            } catch (java.net.UnknownHostException e) {
                return "?/" + bits;
            }
        }
    }
}
