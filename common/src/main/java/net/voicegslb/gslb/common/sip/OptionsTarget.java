package net.voicegslb.gslb.common.sip;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * Where an OPTIONS goes.
 *
 * @param serverName for TLS, the name sent as SNI and required in the peer's certificate (RFC 6125);
 *                   null means the address literal, which a certificate can carry as an IP SAN
 */
public record OptionsTarget(SipTransport transport, InetSocketAddress address, String serverName) {

    public OptionsTarget {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (transport != SipTransport.UDP && transport != SipTransport.TCP && transport != SipTransport.TLS) {
            throw new IllegalArgumentException("OPTIONS go over UDP, TCP or TLS, not " + transport);
        }
    }

    public static OptionsTarget udp(InetSocketAddress address) {
        return new OptionsTarget(SipTransport.UDP, address, null);
    }

    /** SNI and the name the certificate must carry: the host name, else the address. */
    public String peerName() {
        return serverName != null ? serverName : NetUtil.toAddressString(address.getAddress());
    }

    /** {@code "udp 127.0.0.1:5060"}. */
    @Override
    public String toString() {
        return transport.name().toLowerCase(Locale.ROOT) + " " + NetUtil.toSocketAddressString(address);
    }
}
