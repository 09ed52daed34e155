package net.voicegslb.gslb.agent.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import net.voicegslb.gslb.agent.codec.StunCodec;

/**
 * Asks a STUN server (RFC 8489 Binding) which address our packets come from: how a node behind
 * cloud NAT learns the public address it should advertise. Runs once at start on the caller's
 * thread, so it uses a plain socket: at most {@code attempts} requests, the wait doubling from
 * {@code initialRtoMillis} as RFC 8489 §6.2.1 retransmits do (bounded far below its 39.5 s).
 */
public final class StunDiscovery {

    private final SecureRandom random = new SecureRandom();

    /** The server-reflexive address, or null when the server did not answer. */
    public InetSocketAddress discover(InetSocketAddress server, int attempts, int initialRtoMillis)
            throws IOException {
        byte[] tx = new byte[12];
        random.nextBytes(tx); // RFC 8489 §6: cryptographically random transaction ID
        byte[] request = StunCodec.bindingRequest(tx);
        byte[] buf = new byte[1500];
        try (DatagramSocket socket = new DatagramSocket()) {
            int rto = initialRtoMillis;
            for (int i = 0; i < attempts; i++, rto *= 2) {
                socket.send(new DatagramPacket(request, request.length, server));
                long deadline = System.nanoTime() + rto * 1_000_000L;
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) left);
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (!p.getSocketAddress().equals(server)) {
                        continue; // only the server we asked may answer
                    }
                    InetSocketAddress mapped = StunCodec.mappedAddress(p.getData(), p.getLength(), tx);
                    if (mapped != null) {
                        return mapped;
                    }
                }
            }
        }
        return null;
    }
}
