package net.voicegslb.gslb.agent.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestPorts;

/**
 * Knot DNS ({@code knotd}, Debian package knot) serving one zone authoritatively on 127.0.0.1, for
 * the agent's DNS tests: a real name server no one here wrote, unprivileged, on a port from
 * {@link TestPorts}, with its config, zone file, database and control socket in the test's temp
 * dir. Like every authoritative-only server it answers REFUSED for names outside its zone. A port
 * another test took between the pick and knotd's bind is retried on a fresh one.
 */
public final class KnotDns implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private final ToolProcess process;
    private final InetSocketAddress address;

    private KnotDns(ToolProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts knotd for {@code zone} (no trailing dot) with {@code records} (zone-file lines relative
     * to the origin; an SOA is added) and waits until the zone is loaded.
     */
    public static KnotDns serve(Path dir, String zone, String records) {
        Path knotd = ExternalTool.require("knotd", "knot");
        AssertionError last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = TestPorts.udpAndTcp();
            Path run = dir.resolve("knot-" + port);
            ToolProcess p = null;
            try {
                Files.createDirectories(run.resolve("db"));
                Files.writeString(run.resolve(zone + ".zone"), "$ORIGIN " + zone + ".\n$TTL 300\n"
                        + "@ SOA dns-a." + zone + ". hostmaster." + zone + ". 1 3600 600 86400 300\n" + records);
                Files.writeString(run.resolve("knot.conf"), """
                        server:
                            rundir: "%1$s"
                            listen: 127.0.0.1@%2$d
                            udp-workers: 1
                            tcp-workers: 1
                            background-workers: 1
                        database:
                            storage: "%1$s/db"
                        control:
                            listen: "%1$s/knot.sock"
                        log:
                          - target: stdout
                            any: info
                        zone:
                          - domain: %3$s
                            storage: "%1$s"
                            file: "%3$s.zone"
                        """.formatted(run, port, zone));
                p = ToolProcess.start("knotd", List.of(knotd.toString(), "-c", run.resolve("knot.conf").toString()),
                        run, Duration.ofMinutes(3));
                p.awaitOutput("server started", Duration.ofSeconds(15));
                p.awaitOutput("[" + zone + ".] loaded", Duration.ofSeconds(15));
                String out = p.output();
                if (out.contains("cannot bind") || out.contains("failed to bind")) {
                    throw new AssertionError("knotd could not bind port " + port + ":\n" + out);
                }
                return new KnotDns(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
                last = new AssertionError(e.getMessage() + (p == null ? "" : "\n" + p.output()), e);
                if (p != null) {
                    p.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    /** Where it answers, UDP and TCP. */
    public InetSocketAddress address() {
        return address;
    }

    /** Knot's log so far, for assertion messages. */
    public String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
