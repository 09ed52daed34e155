package net.voicegslb.gslb.agent.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestPorts;

/**
 * SIPp (Debian package sip-tester) as a third-party PBX on 127.0.0.1 over UDP, answering every
 * OPTIONS with one final status (scenario {@code sipp/options-uas.xml}): a real SIP stack no one
 * here wrote stands for Asterisk or FreeSWITCH. A PBX that changes its answer is a new SIPp on the
 * same port ({@link #restart}); bounded by {@code -m}, {@code -timeout} and {@link ToolProcess}.
 */
public final class SippUas implements AutoCloseable {

    private final Path dir;
    private final InetSocketAddress address;
    private ToolProcess process;

    private SippUas(Path dir, InetSocketAddress address) {
        this.dir = dir;
        this.address = address;
    }

    /** A SIPp answering with {@code status} on a port from {@link TestPorts}, listening when this returns. */
    public static SippUas answering(Path dir, int status) {
        int port = TestPorts.udp(InetAddress.getLoopbackAddress());
        SippUas uas = new SippUas(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        uas.restart(status);
        return uas;
    }

    /** Stops this SIPp (if running) and starts one answering {@code status} on the same port. */
    public void restart(int status) {
        stop();
        Path sipp = ExternalTool.require("sipp", "sip-tester");
        Path scenario = dir.resolve("options-uas-" + status + ".xml");
        try (InputStream in = SippUas.class.getResourceAsStream("/sipp/options-uas.xml")) {
            String template = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Files.writeString(scenario, template.replace("SIP/2.0 STATUS REASON", "SIP/2.0 " + status + " "
                    + reason(status)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ToolProcess.start("sipp-" + status, List.of(sipp.toString(), "-sf", scenario.toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(address.getPort()), "-t", "u1",
                "-m", "2000", "-timeout", "120s", "-nostdin", "-trace_err"), dir, Duration.ofMinutes(3));
        process.awaitUdpBound(address, Duration.ofSeconds(15));
    }

    /** Stops SIPp: the port then answers with ICMP port unreachable, as a PBX whose process died. */
    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        stop();
    }
}
