package net.voicegslb.gslb.deploy.it.phone;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.deploy.it.gslb.LabProcess;
import net.voicegslb.gslb.policy.testing.ExternalTool;

/**
 * A stock softphone nobody here wrote: Debian's {@code baresip} (package baresip-core), headless,
 * driven over its {@code ctrl_tcp} interface (netstring-framed JSON commands and events). It sends
 * a 440 Hz tone as G.711 from a file and prints, when a call ends, its own RTCP summary
 * ({@code EX=BareSip;...PR=..;PS=..;PL=..}): the packet and loss counts the tests read are the
 * phone's, not ours.
 */
public final class Baresip implements AutoCloseable {

    private static final Pattern EVENT_TYPE = Pattern.compile("\"type\":\"([A-Z_]+)\"");
    private static final Pattern REGISTERED = Pattern.compile("\\{\\d+/\\w+/v[46]} 200 OK");
    private static final Pattern SUMMARY = Pattern.compile("EX=BareSip;[^\\n]*");

    private final String name;
    /** Starts on fresh ports after a lost port race; a second loss in a row is not a race. */
    private static final int START_ATTEMPTS = 3;

    private final LabProcess process;
    private final Socket control;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Thread reader;

    /**
     * What the phone is told: its account and, when {@code outbound} is set, the outbound proxy
     * every request goes to first (a URI, as an operator would type it into a phone).
     */
    public record Account(String user, String domain, String password, String outbound, int regint) {
        /** Registration every 600 s (refreshed before it expires). */
        public Account(String user, String domain, String password, String outbound) {
            this(user, domain, password, outbound, 600);
        }

        String line() {
            StringBuilder sb = new StringBuilder("<sip:").append(user).append('@').append(domain).append(">")
                    .append(";auth_pass=").append(password)
                    .append(";regint=").append(regint).append(";audio_codecs=PCMU");
            if (outbound != null) {
                sb.append(";outbound=\"").append(outbound).append('"');
            }
            return sb.toString();
        }

        public String aor() {
            return "sip:" + user + "@" + domain;
        }
    }

    private Baresip(String name, LabProcess process, Socket control) {
        this.name = name;
        this.process = process;
        this.control = control;
        this.reader = new Thread(this::readEvents, "baresip-events-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a phone bound to {@code address} (a loopback address of its own, so that its SIP and
     * RTP traffic is told apart from the other phones'), using {@code dnsServer} as its only
     * resolver when set.
     */
    public static Baresip start(String name, Path dir, String address, Account account,
            InetSocketAddress dnsServer) {
        return start(name, dir, address, account, dnsServer, null);
    }

    /**
     * As above; with {@code caFile} the phone also speaks SIP over TLS (baresip 1.0 listens for
     * TLS on its SIP port + 1) and trusts that CA.
     */
    public static Baresip start(String name, Path dir, String address, Account account,
            InetSocketAddress dnsServer, Path caFile) {
        Path binary = ExternalTool.require("baresip", "baresip-core");
        try {
            Files.createDirectories(dir);
            Path tone = dir.resolve("tone.wav");
            Files.write(tone, toneWav(Duration.ofSeconds(120)));
            for (int attempt = 1; ; attempt++) {
                int ctrlPort = TestPorts.tcp();
                // baresip 1.0 listens for TLS on the SIP port + 1 even when not asked to
                int sipPort = TestPorts.udpAndTcpWithNextTcp();
                LabProcess p = launch(name, dir, binary, tone, address, account, dnsServer, caFile, ctrlPort, sipPort);
                Socket s = connect(p, ctrlPort, attempt < START_ATTEMPTS);
                if (s != null) {
                    return new Baresip(name, p, s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start baresip " + name, e);
        }
    }

    private static LabProcess launch(String name, Path dir, Path binary, Path tone, String address, Account account,
            InetSocketAddress dnsServer, Path caFile, int ctrlPort, int sipPort) throws IOException {
        StringBuilder config = new StringBuilder()
                .append("poll_method epoll\n")
                .append("net_interface ").append(address).append('\n')
                .append("sip_listen ").append(address).append(':').append(sipPort).append('\n')
                .append(caFile == null ? "sip_transports udp,tcp\n" : "sip_transports udp,tcp,tls\n")
                .append("audio_source aufile,").append(tone).append('\n')
                .append("audio_alert aufile,/dev/null\n")
                .append("rtp_stats yes\n")
                .append("module_path /usr/lib/baresip/modules\n")
                .append("module menu.so\nmodule g711.so\nmodule aufile.so\nmodule rtcpsummary.so\n")
                .append("module_app account.so\nmodule_app ctrl_tcp.so\n")
                .append("ctrl_tcp_listen 127.0.0.1:").append(ctrlPort).append('\n');
        if (caFile != null) {
            config.append("sip_cafile ").append(caFile).append('\n');
        }
        if (dnsServer != null) {
            config.append("dns_server ").append(dnsServer.getHostString()).append(':')
                    .append(dnsServer.getPort()).append('\n');
        }
        Files.writeString(dir.resolve("config"), config.toString());
        Files.writeString(dir.resolve("accounts"), account.line() + "\n");
        // stdbuf (coreutils): baresip prints through stdio, which a pipe makes block-buffered, so a
        // phone that is still running when a test fails would otherwise show an empty log
        return LabProcess.start("baresip-" + name,
                List.of("stdbuf", "-oL", "-eL", binary.toString(), "-f", dir.toString()), dir,
                dir.resolve("baresip.log"), Map.of());
    }

    /**
     * The control connection, or null when the phone exited because another process took one of
     * its ports between our check and its bind, and {@code mayRetry}: then the caller starts it
     * again on fresh ports. Any other failure fails the test.
     */
    private static Socket connect(LabProcess p, int port, boolean mayRetry) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return s;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.close();
                    if (mayRetry && !p.isAlive() && p.log().contains("Address already in use")) {
                        return null;
                    }
                    throw new AssertionError("baresip's control port " + port + " never opened:\n" + p.log(), e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ie);
                }
            }
        }
    }

    /** A 16-bit mono 8 kHz WAV of a 440 Hz tone: what aufile plays as the phone's microphone. */
    static byte[] toneWav(Duration length) {
        int samples = (int) (8000 * length.toSeconds());
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return b.array();
    }

    private void readEvents() {
        try (InputStream in = new BufferedInputStream(control.getInputStream())) {
            while (true) {
                int len = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    len = len * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(len);
                in.read(); // the netstring's closing comma
                events.add(new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException closed) {
            // the phone ended or we closed the socket
        }
    }

    private void command(String command, String params) {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"" + command + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            OutputStream out = control.getOutputStream();
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot send " + command, e);
        }
    }

    /** How many events arrived so far: pass it to {@link #awaitEvent} to wait only for newer ones. */
    public int mark() {
        return events.size();
    }

    /** Waits for an event of {@code type} that arrived after {@code mark}; returns its JSON. */
    public String awaitEvent(String type, int mark, Duration timeout) {
        String[] found = new String[1];
        try {
            await(name + " reports " + type).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited:\n" + log());
                }
                found[0] = find(type, mark).orElse(null);
                return found[0] != null;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " did not report " + type + " within " + timeout + "; events:\n"
                    + String.join("\n", events) + "\nlog:\n" + tail(log(), 40), e);
        }
        return found[0];
    }

    /** The first event of {@code type} after {@code mark}, if any. */
    public Optional<String> find(String type, int mark) {
        List<String> all = events;
        for (int i = mark; i < all.size(); i++) {
            Matcher m = EVENT_TYPE.matcher(all.get(i));
            if (m.find() && m.group(1).equals(type)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the phone's registration succeeded. Its log is read too: the first REGISTER may
     * be answered before the control connection is up, and then the event went to nobody.
     */
    public void awaitRegistered(Duration timeout) {
        try {
            await(name + " registers").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited:\n" + log());
                }
                return find("REGISTER_OK", 0).isPresent() || REGISTERED.matcher(log()).find();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " did not register within " + timeout + "; events:\n" + events()
                    + "\nlog:\n" + tail(log(), 40), e);
        }
    }

    public void dial(String uri) {
        command("dial", uri);
    }

    public void accept() {
        command("accept", "");
    }

    public void hangup() {
        command("hangup", "");
    }

    /**
     * The phone's own account of the last call, printed by its rtcpsummary module when the call
     * ended: packets received and sent, and lost as its RTCP saw it.
     */
    public CallSummary awaitCallSummary(Duration timeout) {
        String[] line = new String[1];
        try {
            await(name + " prints its call summary").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            Matcher m = SUMMARY.matcher(log());
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            line[0] = last;
            return last != null && last.contains("PR=");
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " printed no call summary with packet counts within " + timeout
                    + " (no RTCP: no media?); last summary: " + line[0] + "\nlog:\n" + tail(log(), 40), e);
        }
        return CallSummary.parse(line[0]);
    }

    public String log() {
        return process.log();
    }

    public String events() {
        return String.join("\n", events);
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        process.close();
    }

    /** Parsed {@code EX=BareSip;CS=0;CD=12;PR=500;PS=501;PL=0,0;...} (rtcpsummary). */
    public record CallSummary(long received, long sent, long lostReceiving, long lostSending, String line) {
        static CallSummary parse(String line) {
            Map<String, String> fields = new java.util.HashMap<>();
            for (String part : line.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            String[] lost = fields.getOrDefault("PL", "-1,-1").split(",");
            return new CallSummary(Long.parseLong(fields.getOrDefault("PR", "-1")),
                    Long.parseLong(fields.getOrDefault("PS", "-1")), Long.parseLong(lost[0].trim()),
                    Long.parseLong(lost[lost.length - 1].trim()), line);
        }
    }
}
