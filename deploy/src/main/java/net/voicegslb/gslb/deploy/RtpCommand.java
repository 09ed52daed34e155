package net.voicegslb.gslb.deploy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.NgCommands;
import net.voicegslb.gslb.rtp.control.RelayCapacity;
import net.voicegslb.gslb.rtp.control.RtpRelay;
import net.voicegslb.gslb.rtp.stats.StreamStats;
import net.voicegslb.gslb.rtp.transport.CidrAllowList;
import net.voicegslb.gslb.rtp.transport.NgControlConfig;
import net.voicegslb.gslb.rtp.transport.NgControlServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb rtp}: the RTP relay as a standalone process, driven over rtpengine's ng protocol
 * (Kamailio's or OpenSIPS's rtpengine module, or the benchmark). Inside {@code gslb pbx} the same
 * relay is embedded and driven in-process instead. Runs until SIGINT/SIGTERM.
 */
@Command(name = "rtp", mixinStandardHelpOptions = true,
        description = {"Run the RTP/RTCP relay, controlled over rtpengine's ng protocol (bencode over UDP).",
            "Each call takes two port pairs (RTP even, RTCP odd) from --ports."})
final class RtpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RtpCommand.class);

    @Option(names = "--listen", paramLabel = "IP", defaultValue = "127.0.0.1",
            description = "address the media ports bind to (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--advertise", paramLabel = "IP",
            description = "address written into rewritten SDP (default: the --listen address)")
    String advertise;

    @Option(names = "--ports", paramLabel = "MIN-MAX", defaultValue = "30000-31000",
            description = "media port range (default: ${DEFAULT-VALUE})")
    String ports;

    @Option(names = "--ng", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2223",
            description = "ng control socket (UDP) (default: ${DEFAULT-VALUE})")
    String ng;

    @Option(names = "--ng-allow", paramLabel = "CIDR,...", defaultValue = CidrAllowList.LOOPBACK,
            description = "senders whose ng commands are executed; others are dropped and counted "
                    + "(default: ${DEFAULT-VALUE})")
    String ngAllow;

    @Option(names = "--ng-queue", paramLabel = "N", defaultValue = "" + NgControlConfig.DEFAULT_QUEUE_LIMIT,
            description = "ng commands waiting to run; beyond it datagrams are dropped (default: ${DEFAULT-VALUE})")
    int ngQueue;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "250",
            description = "calls admitted at once; further offers fail with 'relay full' (default: ${DEFAULT-VALUE})")
    int maxSessions;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "close a call whose peer sent no RTP/RTCP for this long (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "how often per-stream statistics are published (default: ${DEFAULT-VALUE})")
    int statsSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "media event loops (0 = one per CPU) (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
        RelayConfig config;
        NgControlConfig ngConfig;
        try {
            InetAddress bind = literal(listen, "--listen");
            String[] range = ports.split("-", 2);
            if (range.length != 2) {
                throw new IllegalArgumentException("--ports must be MIN-MAX, was " + ports);
            }
            config = RelayConfig.defaults(bind)
                    .withAdvertisedAddress(advertise == null ? bind : literal(advertise, "--advertise"))
                    .withPorts(Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()))
                    .withMaxSessions(maxSessions)
                    .withTimeouts(Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(statsSeconds),
                            Duration.ofSeconds(2))
                    .withIoThreads(threads);
            if (ngQueue < 1 || ngQueue > 65_536) {
                throw new IllegalArgumentException("--ng-queue must be 1-65536, was " + ngQueue);
            }
            ngConfig = NgControlConfig.defaults(hostPort(ng)).withQueueLimit(ngQueue)
                    .withAllowed(allowList(ngAllow));
        } catch (IllegalArgumentException e) {
            System.err.println("gslb rtp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RtpRelay relay = new RtpRelay(config, registry, RtpCommand::logFinal);
        NgControlServer server;
        try {
            server = new NgControlServer(ngConfig, registry, new NgCommands(relay));
        } catch (RuntimeException e) {
            relay.close();
            System.err.println("gslb rtp: cannot listen for ng on " + ng + ": " + e.getMessage());
            return ExitCodes.START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            relay.close();
            stopped.countDown();
        }, "gslb-shutdown"));
        while (!stopped.await(10, TimeUnit.SECONDS)) {
            RelayCapacity c = relay.capacity();
            if (c.sessions() > 0) {
                LOG.info("sessions {}/{} ports {}/{} streams active {} idle {} waiting {} - {} pkt/s", c.sessions(),
                        c.maxSessions(), c.portsInUse(), c.portsTotal(), c.streamsActive(), c.streamsIdle(),
                        c.streamsWaiting(), Math.round(c.packetsPerSecond()));
            }
        }
        return ExitCodes.OK;
    }

    private static void logFinal(StreamStats s) {
        if (s.finalSnapshot()) {
            LOG.info("stream ended: call {} {} from {} received {} lost {} dup {} jitter {} ms rtt {} ms", s.callId(),
                    s.leg(), s.remote(), s.received(), s.lost(), s.duplicates(),
                    String.format("%.2f", s.jitterMillis()), String.format("%.1f", s.rttMillis()));
        }
    }

    private static InetAddress literal(String ip, String flag) {
        if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException(flag + " must be an IP address, was " + ip);
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(flag + " is not a valid IP address: " + ip);
        }
    }

    private static CidrAllowList allowList(String value) {
        try {
            return CidrAllowList.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ng-allow: " + e.getMessage());
        }
    }

    private static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--ng must be HOST:PORT, was " + value);
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(literal(host, "--ng"), Integer.parseInt(value.substring(colon + 1)));
    }
}
