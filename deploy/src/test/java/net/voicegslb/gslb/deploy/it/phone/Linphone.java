package net.voicegslb.gslb.deploy.it.phone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.policy.testing.TestPorts;

/**
 * The second stock softphone nobody here wrote: Debian's {@code linphone-daemon} (package
 * linphone-cli, liblinphone 5.1), headless, driven by one command a line on its stdin; its answers
 * ({@code Status: Ok}) and events ({@code Event: LinphoneCallStreamsRunning}) go to a file. Its HOME
 * is its own directory: liblinphone writes its config, call history and databases there, and does
 * not start its core (answers every INVITE 503, opens no SIP port) when it cannot open
 * {@code ~/.local/share/linphone/linphone.db}, so that directory is made first.
 *
 * <p>What this version cannot do, and how the class gets round it:
 * <ul>
 *   <li>{@code call-stats}, and the statistics events it raises by itself, crash the daemon
 *       (SIGSEGV) during a call, with or without RTCP; so it runs with {@code --disable-stats-events} and
 *       the counts are read from what oRTP itself writes to the daemon's log when the call's
 *       audio session ends ("AUDIO SESSION'S RTP STATISTICS": packets sent, received, lost). They
 *       are still the phone's own figures, not ours.
 *   <li>It has no sound card here; without one it sends no RTP at all (its file player has nothing
 *       to play), so the test plays a tone into the call with {@code incall-player-start}.
 *   <li>It cannot be told which DNS server to use: liblinphone reads no config key for it
 *       ({@code linphone_core_set_dns_servers} is API only, the daemon has no command for it) and
 *       belle-sip otherwise takes the system-wide {@code /etc/resolv.conf}. So it is
 *       given a node's address as its proxy, not the service domain.
 *   <li>The daemon's {@code register} command sets no outbound route, so its calls to
 *       {@code sip:user@example.test} go to wherever the system's DNS sends example.test (here:
 *       nowhere, "DNS resolution failed"), not to the registrar. The account is written into the
 *       config instead, with {@code reg_route} set to the proxy, as an operator would set up a
 *       phone's outbound proxy.
 *   <li>It opens no SIP port at start-up whatever {@code sip_port} says; the {@code port sip}
 *       command opens it (and registers the account over it).
 * </ul>
 */
final class Linphone implements AutoCloseable {

    private static final Duration STOP = Duration.ofSeconds(5);
    private static final Pattern STATISTICS = Pattern.compile("AUDIO SESSION'S RTP STATISTICS"
            + "[\\s\\S]*?-sent\\s+(\\d+) packets"
            + "[\\s\\S]*?-received\\s+(\\d+) packets"
            + "[\\s\\S]*?-incoming cumulative lost\\s+(-?\\d+) packets");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;
    private final OutputStream stdin;
    private final Thread killOnExit;

    private Linphone(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
        this.stdin = process.getOutputStream();
        this.killOnExit = new Thread(process::destroyForcibly, "kill-linphone-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a phone in {@code dir} (its HOME) for account {@code user@domain}, registering with
     * digest at {@code proxy} (a SIP URI, also its outbound route), listening for SIP on UDP only,
     * on a port of its own, and offering G.711 µ-law alone as baresip does. liblinphone binds the
     * wildcard address, but everything it sends goes to the lab's loopback addresses, and its Via,
     * Contact and SDP name 127.0.0.1.
     */
    static Linphone start(String name, Path dir, String user, String domain, String password, String proxy) {
        Path binary = ExternalTool.require("linphone-daemon", "linphone-cli");
        try {
            Files.createDirectories(dir.resolve(".local/share/linphone"));
            int sipPort = TestPorts.udpAndTcp();
            int rtpPort = TestPorts.udpAndTcp();
            Path rc = dir.resolve("linphonerc");
            Files.writeString(rc, """
                    [sip]
                    sip_port=%d
                    sip_tcp_port=-1
                    sip_tls_port=-1
                    use_ipv6=0
                    register_only_when_network_is_up=0
                    default_proxy=0
                    [proxy_0]
                    reg_identity=sip:%s@%s
                    reg_proxy=<%s>
                    reg_route=<%s;lr>
                    reg_expires=600
                    reg_sendregister=1
                    publish=0
                    [auth_info_0]
                    username=%s
                    passwd=%s
                    domain=%s
                    [rtp]
                    audio_rtp_port=%d
                    [video]
                    capture=0
                    display=0
                    automatically_initiate=0
                    automatically_accept=0
                    """.formatted(sipPort, user, domain, proxy, proxy, user, password, domain, rtpPort));
            Path out = dir.resolve("daemon.out");
            Path log = dir.resolve("linphone.log");
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--config", rc.toString(), "--log",
                    log.toString(), "--disable-stats-events").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            pb.environment().put("HOME", dir.toString());
            pb.environment().put("XDG_CONFIG_HOME", dir.resolve(".config").toString());
            pb.environment().put("XDG_DATA_HOME", dir.resolve(".local/share").toString());
            Linphone phone = new Linphone(name, pb.start(), out, log);
            try {
                // G.711 µ-law only, as the baresip phones: the same 50 packets/s both ways
                phone.command("audio-codec-disable ALL");
                phone.command("audio-codec-enable 0");
                phone.command("port sip " + sipPort + " udp");
                return phone;
            } catch (RuntimeException | Error e) {
                phone.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start linphone-daemon " + name, e);
        }
    }

    /**
     * Sends one command and waits for its {@code Status:} line; returns what the daemon printed
     * from the command on, and fails on {@code Status: Error}.
     */
    String command(String command) {
        int from = output().length();
        try {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(name + ": cannot send '" + command + "' (exited?)\n" + tail(), e);
        }
        String[] answer = new String[1];
        awaitOutput("answers '" + command + "'", Duration.ofSeconds(10), text -> {
            String since = text.substring(Math.min(from, text.length()));
            Matcher m = Pattern.compile("Status: (Ok|Error)[^\\n]*\\n(?:Reason: [^\\n]*\\n)?").matcher(since);
            if (m.find()) {
                answer[0] = since;
                return true;
            }
            return false;
        });
        if (answer[0].contains("Status: Error")) {
            throw new AssertionError(name + ": '" + command + "' failed:\n" + answer[0]);
        }
        return answer[0];
    }

    /** Waits until the account of its config registered (digest auth included). */
    void awaitRegistered(Duration timeout) {
        // the daemon raises no event for it: the registration's state is asked for
        try {
            await(name + " registers").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> command("register-status ALL").contains("State: LinphoneRegistrationOk"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " did not register within " + timeout + "\n" + tail(), e);
        }
    }

    /** Dials {@code uri} through the registered proxy; returns the daemon's call id. */
    String call(String uri) {
        Matcher m = Pattern.compile("Id: (\\d+)").matcher(command("call " + uri));
        if (!m.find()) {
            throw new AssertionError(name + ": no call id for 'call " + uri + "'\n" + tail());
        }
        return m.group(1);
    }

    /** Waits for an incoming call and answers it. */
    void awaitIncomingAndAnswer(Duration timeout) {
        Pattern incoming = Pattern.compile("Event: LinphoneCallIncomingReceived\\n(?:[^\\n]+\\n)*?Id: (\\d+)");
        awaitOutput("rings", timeout, text -> incoming.matcher(text).find());
        Matcher m = incoming.matcher(output());
        m.find();
        command("answer " + m.group(1));
    }

    /** Waits until a call's media runs (after the 200 and ACK, in either direction). */
    void awaitStreamsRunning(Duration timeout) {
        awaitOutput("has its call's media running", timeout,
                text -> text.contains("Event: LinphoneCallStreamsRunning"));
    }

    /**
     * Plays {@code wav} into the running call: the phone's microphone. Without it this phone sends
     * no RTP (no sound card here).
     */
    void play(Path wav) {
        command("incall-player-start " + wav);
    }

    void terminate() {
        command("terminate");
    }

    /** Waits until the call has ended here, hung up by either side. */
    void awaitCallEnded(Duration timeout) {
        awaitOutput("reports its call ended", timeout, text -> text.contains("Event: LinphoneCallEnd")
                || text.contains("Event: LinphoneCallReleased"));
    }

    /**
     * The phone's own count of the call's audio, written by oRTP to the log when the session ends:
     * packets sent and received, and lost as its receiver saw them (sequence gaps).
     */
    RtpStatistics awaitRtpStatistics(Duration timeout) {
        RtpStatistics[] found = new RtpStatistics[1];
        try {
            await(name + " logs its RTP statistics").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Matcher m = STATISTICS.matcher(log());
                        while (m.find()) {
                            found[0] = new RtpStatistics(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                                    Long.parseLong(m.group(3)));
                        }
                        return found[0] != null;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " logged no RTP statistics within " + timeout + "\n" + tail(), e);
        }
        return found[0];
    }

    /**
     * Where the phone last sent its call's RTP ({@code RtpSession ... sending to rtp [addr]:port}
     * in its log), as {@code addr:port}: the far end of its media leg, which through our node is
     * the node's relay.
     */
    String rtpPeer() {
        Matcher m = Pattern.compile("sending to rtp \\[(?:::ffff:)?([^\\]]+)]:(\\d+)").matcher(log());
        String last = null;
        while (m.find()) {
            last = m.group(1) + ":" + m.group(2);
        }
        if (last == null) {
            throw new AssertionError(name + " logged no RTP destination\n" + tail());
        }
        return last;
    }

    private void awaitOutput(String what, Duration timeout, java.util.function.Predicate<String> done) {
        try {
            await(name + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                String text = output();
                if (done.test(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited (" + process.exitValue() + ") before it " + what
                            + "\n" + tail());
                }
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " did not report that it " + what + " within " + timeout + "\n"
                    + tail(), e);
        }
    }

    /** What the daemon answered and reported (its stdout). */
    String output() {
        return read(out);
    }

    /** liblinphone's own log (SIP messages, media, statistics). */
    String log() {
        return read(log);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    String tail() {
        List<String> errors = log().lines().filter(l -> l.contains("-error-") && !l.contains("alsa")
                && !l.contains("soundcard") || l.startsWith("SIP/2.0 ") || l.matches("^[A-Z]+ sip:.*")).toList();
        return "--- " + name + " answers and events\n" + Baresip.tail(output(), 40) + "\n--- its log's errors and SIP first lines\n"
                + String.join("\n", errors.subList(Math.max(0, errors.size() - 30), errors.size()));
    }

    /** Asks the daemon to quit, then SIGTERM and SIGKILL, each bounded. Safe to call twice. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException ignored) {
            // it has gone already
        }
        try {
            if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return "linphone-daemon " + name + " (pid " + process.pid() + ")";
    }

    /** oRTP's counts for the call's audio session. */
    record RtpStatistics(long sent, long received, long lost) {
    }
}
