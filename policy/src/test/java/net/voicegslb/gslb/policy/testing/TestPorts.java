package net.voicegslb.gslb.policy.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for tests, taken from a range reserved for them below the kernel's ephemeral
 * range (32768-60999 on Linux). A port found free there cannot be taken meanwhile by the kernel
 * for an outgoing connection or a port-0 bind, which is what made "probe a free port, bind it
 * later" flaky; only another test picking the same port at random can, and the process launchers
 * retry on that. Fixed ranges the tests use (RTP relays, the phone lab's media) lie outside it,
 * each owned by one test class, and so does the product's default media range (30000-31000):
 * <pre>
 *   24000-24999  rtp-engine ITs (RtpRelayIT 24000-24199, NgControlIT 24200-24299, RtpBleedIT 24400-24499)
 *   25000-26999  pbx-core ITs (CallIT 25000-25499, PeerSiteIT 25500-25999, OpenRelayIT 26100-26199)
 *   21000-23199  deploy's phone lab media (fra-1 21000-21199, nyc-1 22000-22199, ...)
 * </pre>
 */
public final class TestPorts {

    /** The first port handed out; below it, the fixed ranges listed above. */
    public static final int FIRST = 27000;
    /** One past the last: the product's default RTP ports start here (32768 starts the ephemeral range). */
    public static final int END = 30000;
    private static final int ATTEMPTS = 200;

    private TestPorts() {
    }

    /** A port free on 127.0.0.1 for both UDP and TCP (DNS and SIP listen on both). */
    public static int udpAndTcp() {
        return pick(true, true, InetAddress.getLoopbackAddress());
    }

    /**
     * A port P free on 127.0.0.1 for UDP and TCP whose next port P+1 is free for TCP too: for a
     * SIP phone that listens for TLS on its SIP port + 1 whether asked to or not (baresip 1.0).
     */
    public static int udpAndTcpWithNextTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int span = END - 1 - FIRST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = FIRST + (start + i * 7919) % span;
            if (tcpFree(loopback, port) && udpFree(loopback, port) && tcpFree(loopback, port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no port pair free on " + loopback + " in " + FIRST + "-" + (END - 1)
                + " after " + ATTEMPTS + " attempts");
    }

    /** A port free for TCP on 127.0.0.1. */
    public static int tcp() {
        return pick(true, false, InetAddress.getLoopbackAddress());
    }

    /** A port free for UDP on {@code address} (another 127.x address of a lab node). */
    public static int udp(InetAddress address) {
        return pick(false, true, address);
    }

    private static int pick(boolean tcp, boolean udp, InetAddress address) {
        int span = END - FIRST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = FIRST + (start + i * 7919) % span; // a prime stride: spread, no early repeats
            if ((!tcp || tcpFree(address, port)) && (!udp || udpFree(address, port))) {
                return port;
            }
        }
        throw new IllegalStateException("no port free on " + address + " in " + FIRST + "-" + (END - 1) + " after "
                + ATTEMPTS + " attempts");
    }

    private static boolean tcpFree(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(InetAddress address, int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
