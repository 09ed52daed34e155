package net.voicegslb.gslb.agent.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestPorts;

/**
 * coturn's {@code turnserver} (Debian package coturn) as a plain STUN server (RFC 5389/8489 Binding,
 * answered with XOR-MAPPED-ADDRESS) on 127.0.0.1: the real server a node behind NAT asks, no one
 * here wrote it. Unprivileged, no TLS/DTLS, no CLI, no config file; its user database and pid file
 * live in the test's temp dir. On loopback the "public" address it reports is 127.0.0.1.
 */
public final class CoturnStun implements AutoCloseable {

    private final ToolProcess process;
    private final InetSocketAddress address;

    private CoturnStun(ToolProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts turnserver in STUN-only mode and waits until it holds its UDP port. */
    public static CoturnStun start(Path dir) {
        Path turnserver = ExternalTool.require("turnserver", "coturn");
        int port = TestPorts.udpAndTcp();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ToolProcess p = ToolProcess.start("turnserver", List.of(turnserver.toString(), "-n", "--stun-only",
                "--listening-ip", "127.0.0.1", "--listening-port", Integer.toString(port),
                "--no-cli", "--no-tls", "--no-dtls", "--log-file", "stdout", "--simple-log",
                "--db", dir.resolve("turndb-" + port).toString(),
                "--pidfile", dir.resolve("turnserver-" + port + ".pid").toString()), dir, Duration.ofMinutes(3));
        try {
            p.awaitUdpBound(address, Duration.ofSeconds(15));
        } catch (RuntimeException | AssertionError e) {
            String out = p.output();
            p.close();
            throw new AssertionError("turnserver did not listen on " + address + ":\n" + out, e);
        }
        return new CoturnStun(p, address);
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        process.close();
    }
}
