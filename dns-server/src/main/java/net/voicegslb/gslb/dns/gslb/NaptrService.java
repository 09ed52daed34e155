package net.voicegslb.gslb.dns.gslb;

import net.voicegslb.gslb.policy.model.SipTransport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/**
 * The NAPTR choices of RFC 3263 section 4.1, most preferred first, each with the SRV owner it points
 * at. The order is fixed per transport (10, 20, 30), so a choice that leaves the set and comes back
 * does not renumber the others.
 */
enum NaptrService {
    SIPS_D2T(SipTransport.TLS, "SIPS+D2T", 10, "_sips._tcp"),
    SIP_D2T(SipTransport.TCP, "SIP+D2T", 20, "_sip._tcp"),
    SIP_D2U(SipTransport.UDP, "SIP+D2U", 30, "_sip._udp");

    private static final int PREFERENCE = 50;

    private final SipTransport transport;
    private final String service;
    private final int order;
    private final Name srvPrefix;

    NaptrService(SipTransport transport, String service, int order, String srvPrefix) {
        this.transport = transport;
        this.service = service;
        this.order = order;
        try {
            this.srvPrefix = Name.fromString(srvPrefix);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    SipTransport transport() {
        return transport;
    }

    /** The NAPTR service field, e.g. {@code SIPS+D2T}. */
    String service() {
        return service;
    }

    /** {@code _sips._tcp.domain} and so on. */
    Name srvName(Name domain) {
        try {
            return Name.concatenate(srvPrefix, domain);
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException("domain name too long for SRV: " + domain, e);
        }
    }

    NAPTRRecord record(Name domain, long ttl) {
        return new NAPTRRecord(domain, DClass.IN, ttl, order, PREFERENCE, "s", service, "", srvName(domain));
    }
}
