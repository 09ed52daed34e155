package net.voicegslb.gslb.deploy.it.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports that are free for both UDP and TCP at the time of asking (GslbProcess retries on a race). */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {}

    public static int udpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return udp.getLocalPort();
                } catch (IOException inUseForUdp) {
                    // try another one
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind a loopback TCP socket", e);
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP after " + ATTEMPTS + " attempts");
    }

    public static int tcp() {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback TCP socket", e);
        }
    }
}
