package net.voicegslb.gslb.pbx.lab;

import java.net.InetSocketAddress;

/**
 * Where a phone registers (and sends its calls): asked before every REGISTER, first, refresh and
 * retry alike, so phones follow DNS the way real phones that re-resolve do. The demo resolves
 * {@code _sip._udp.<domain>} SRV and A through the GSLB DNS with the phone's own address as source.
 */
@FunctionalInterface
public interface RegistrarLocator {

    /**
     * The node for {@code account} now, or null when none can be found (the phone then backs off
     * and asks again). May block (a DNS query): it runs on the phones' lookup thread, one at a time.
     */
    InetSocketAddress registrarFor(PhoneAccount account);
}
