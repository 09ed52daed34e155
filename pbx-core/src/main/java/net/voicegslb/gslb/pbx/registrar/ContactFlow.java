package net.voicegslb.gslb.pbx.registrar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Where requests for a binding go. Over TCP or TLS: the connection it registered on (the phone
 * keeps it open; behind NAT nothing else reaches it, and we open no connections ourselves). Over UDP: the Contact's address, unless the phone is behind NAT, recognised by a private
 * Contact address (RFC 1918, RFC 6598 shared space, IPv6 ULA) that differs from the packet's source
 * or a Contact host that is not an IP literal; then the REGISTER's source address and port, which
 * the NAT maps back to the phone (what RFC 3581 rport makes possible).
 */
final class ContactFlow {

    private ContactFlow() {}

    static SipConnection of(SipUri contact, SipConnection registeredOn) {
        if (registeredOn.transport() != Transport.UDP || !contact.isSip()) {
            return registeredOn; // a tel:/other-scheme contact has no address of its own
        }
        InetAddress ip = literal(contact.host());
        if (ip == null) {
            return registeredOn;
        }
        if (isPrivate(ip) && !ip.equals(registeredOn.remote().getAddress())) {
            return registeredOn;
        }
        return new SipConnection(Transport.UDP, registeredOn.channel(),
                new InetSocketAddress(ip, contact.portOrDefault()));
    }

    static boolean isPrivate(InetAddress ip) {
        byte[] a = ip.getAddress();
        if (a.length == 4) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            return b0 == 10 || (b0 == 172 && b1 >= 16 && b1 < 32) || (b0 == 192 && b1 == 168)
                    || (b0 == 100 && b1 >= 64 && b1 < 128) || (b0 == 169 && b1 == 254);
        }
        return (a[0] & 0xFE) == 0xFC || ip.isLinkLocalAddress();
    }

    /** IPv4 dotted digits, or IPv6 hex digits with at least one colon; per REGISTER, so no regex. */
    static boolean isIpLiteral(String h) {
        if (h.isEmpty()) {
            return false;
        }
        boolean colon = false;
        boolean hexLetter = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == ':') {
                colon = true;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return colon || !hexLetter;
    }

    private static InetAddress literal(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(h)) {
            return null; // a name: never resolved here (no DNS lookups on the event loop)
        }
        try {
            return InetAddress.getByName(h);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
