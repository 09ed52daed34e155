package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Finds a listener of the demo whose port is already taken, before anything starts, so that the
 * demo can name it (exit code 4) instead of failing half-way with a bare bind error.
 */
final class PortCheck {

    enum Protocol { UDP, TCP }

    record Listener(String what, InetSocketAddress address, Protocol protocol) {
        String describe() {
            return address.getAddress().getHostAddress() + ":" + address.getPort() + "/"
                    + protocol.name().toLowerCase(java.util.Locale.ROOT) + " (" + what + ")";
        }
    }

    private PortCheck() {
    }

    /** The first listener that cannot bind, or null when all can. */
    static Listener firstTaken(List<Listener> listeners) {
        for (Listener l : listeners) {
            if (!free(l)) {
                return l;
            }
        }
        return null;
    }

    private static boolean free(Listener l) {
        try {
            if (l.protocol() == Protocol.TCP) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(l.address(), 1);
                }
            } else {
                try (DatagramSocket s = new DatagramSocket(l.address())) {
                    return true;
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
