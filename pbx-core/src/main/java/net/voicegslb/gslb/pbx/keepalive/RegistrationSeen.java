package net.voicegslb.gslb.pbx.keepalive;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.transport.Transport;

/** A registration as the agent sees it: who, from which address and client prefix, how. */
public record RegistrationSeen(String aor, InetSocketAddress source, String clientPrefix, Transport transport,
        int expiresSeconds, long atMillis) {}
