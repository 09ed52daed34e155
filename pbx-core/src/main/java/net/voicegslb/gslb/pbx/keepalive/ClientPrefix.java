package net.voicegslb.gslb.pbx.keepalive;

import java.net.InetAddress;

/**
 * The client prefix a measurement is filed under: /24 for IPv4, /48 for IPv6, the granularity
 * at which resolvers send EDNS Client Subnet and at which the DNS side ranks sites.
 */
public final class ClientPrefix {

    private ClientPrefix() {}

    public static String of(InetAddress address) {
        byte[] a = address.getAddress();
        int bits = a.length == 4 ? 24 : 48;
        byte[] masked = new byte[a.length];
        System.arraycopy(a, 0, masked, 0, bits / 8);
        try {
            return InetAddress.getByAddress(masked).getHostAddress() + "/" + bits;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
