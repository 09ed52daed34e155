package net.voicegslb.gslb.pbx.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import net.voicegslb.gslb.pbx.codec.SipUri;

/** Whether a URI names this node (a Route we put there, a Request-URI sent to us directly). */
public final class LocalAddresses {

    private final String advertiseHost;
    private final int advertisePort;
    private final List<InetSocketAddress> listen;

    public LocalAddresses(String advertiseHost, int advertisePort, List<InetSocketAddress> listen) {
        this.advertiseHost = advertiseHost;
        this.advertisePort = advertisePort;
        this.listen = listen;
    }

    public boolean isUs(SipUri uri) {
        if (uri == null || !uri.isSip()) {
            return false;
        }
        int port = uri.portOrDefault();
        if (uri.host().equals(advertiseHost) && port == advertisePort) {
            return true;
        }
        for (InetSocketAddress a : listen) {
            if (a.getPort() == port && uri.host().equals(a.getAddress().getHostAddress())) {
                return true;
            }
        }
        return false;
    }

    public String hostPort() {
        return advertiseHost + ":" + advertisePort;
    }
}
