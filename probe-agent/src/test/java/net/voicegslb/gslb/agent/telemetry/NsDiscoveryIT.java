package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** NS discovery against a hand-written authoritative answer served on 127.0.0.1. */
public class NsDiscoveryIT {

    @Test
    void findsTheZonesNameServers() throws Exception {
        try (DatagramSocket dns = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dns.setSoTimeout(5000);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[512];
                try {
                    DatagramPacket q = new DatagramPacket(buf, buf.length);
                    dns.receive(q); // bounded: one query
                    byte[] resp = answer(buf, q.getLength(), "dns-a.voip.test", "dns-b.voip.test");
                    dns.send(new DatagramPacket(resp, resp.length, q.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            assertThat(NsDiscovery.nameServers("voip.test", (InetSocketAddress) dns.getLocalSocketAddress()))
                    .containsExactly("dns-a.voip.test", "dns-b.voip.test");
            t.join(5000);
        }
    }

    /** Echoes the query's ID and question, then one NS answer per name (no compression). */
    public static byte[] answer(byte[] query, int length, String... ns) {
        int qEnd = 12;
        while (query[qEnd] != 0) {
            qEnd += (query[qEnd] & 0xFF) + 1;
        }
        qEnd += 5; // root label + QTYPE + QCLASS
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x84); // QR, AA
        out.write(0x00);
        out.writeBytes(new byte[] {0, 1, 0, (byte) ns.length, 0, 0, 0, 0});
        out.write(query, 12, qEnd - 12);
        for (String n : ns) {
            out.write(query, 12, qEnd - 12 - 4); // owner = the zone name from the question
            out.writeBytes(new byte[] {0, 2, 0, 1, 0, 0, 1, 0x2c}); // NS IN TTL 300
            byte[] rdata = name(n);
            out.write(0);
            out.write(rdata.length);
            out.writeBytes(rdata);
        }
        return out.toByteArray();
    }

    static byte[] name(String n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : n.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }
}
