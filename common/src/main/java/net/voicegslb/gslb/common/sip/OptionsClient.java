package net.voicegslb.gslb.common.sip;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * The one SIP OPTIONS client: the DNS server's health checks and the probe agent's probes both send
 * through it, over UDP, TCP or TLS, and get an {@link OptionsOutcome} back. The request, the
 * tolerant response parser, the stream framing and the verdict are policy's pure codec; this class
 * owns the sockets.
 *
 * <p>Two ways to ask, for the two kinds of caller:
 * <ul>
 *   <li>{@link #session}: one target asked again and again (a health check every few seconds),
 *       over a socket kept between requests: a connected UDP socket, which also hears ICMP port
 *       unreachable and lets the kernel drop datagrams from any other source, or a kept TCP/TLS
 *       connection.</li>
 *   <li>{@link #probe}: one request to any of many targets (an agent probing every client prefix's
 *       PBX). UDP goes over one shared socket with per-request matching by source address, branch,
 *       Call-ID and CSeq, each refusal counted in {@link #ignoredResponses}; TCP and TLS open a
 *       session for the one request and close it.</li>
 * </ul>
 * Every outcome arrives on the client's event loop.
 */
public final class OptionsClient implements AutoCloseable {
    private final EventLoop loop;
    private final OptionsSettings settings;
    private final DatagramProbes datagrams;
    private final Set<OptionsSession> oneShots = ConcurrentHashMap.newKeySet();

    /** A client for {@link #session}s and TCP/TLS {@link #probe}s only. */
    public OptionsClient(EventLoop loop, OptionsSettings settings) {
        this(loop, settings, null);
    }

    /** @param udpBind where the shared UDP socket of {@link #probe} binds, null for none */
    public OptionsClient(EventLoop loop, OptionsSettings settings, InetSocketAddress udpBind) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.datagrams = udpBind == null ? null : new DatagramProbes(loop, udpBind, settings);
    }

    public OptionsSettings settings() {
        return settings;
    }

    /** A session with one target; use and close it on this client's event loop. */
    public OptionsSession session(OptionsTarget target) {
        return switch (target.transport()) {
            case UDP -> new UdpOptionsSession(target, loop, settings);
            case TCP -> new TcpOptionsSession(target, loop, settings);
            default -> new TlsOptionsSession(target, loop, settings);
        };
    }

    /** One OPTIONS to {@code target}; completes on the client's event loop. */
    public CompletableFuture<OptionsOutcome> probe(OptionsTarget target) {
        if (target.transport() == SipTransport.UDP) {
            if (datagrams == null) {
                throw new IllegalStateException("this OPTIONS client has no shared UDP socket");
            }
            return datagrams.probe(target.address());
        }
        CompletableFuture<OptionsOutcome> result = new CompletableFuture<>();
        loop.execute(() -> {
            OptionsSession s;
            try {
                s = session(target);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            oneShots.add(s);
            s.send(outcome -> {
                oneShots.remove(s);
                s.close();
                result.complete(outcome);
            });
        });
        return result;
    }

    /** The shared UDP socket's address. */
    public InetSocketAddress localAddress() {
        if (datagrams == null) {
            throw new IllegalStateException("this OPTIONS client has no shared UDP socket");
        }
        return datagrams.localAddress();
    }

    /** Requests of {@link #probe} waiting for their outcome. */
    public int inFlight() {
        return (datagrams == null ? 0 : datagrams.inFlight()) + oneShots.size();
    }

    /**
     * Datagrams the shared UDP socket ignored: final responses not from the address probed or not
     * matching a request in flight (branch, Call-ID, CSeq), and datagrams that are no SIP response.
     */
    public long ignoredResponses() {
        return datagrams == null ? 0 : datagrams.ignored();
    }

    /** Ends open {@link #probe}s as abandoned and closes the shared socket; sessions close themselves. */
    @Override
    public void close() {
        if (datagrams != null) {
            datagrams.close();
        }
        Runnable closeOneShots = () -> {
            for (OptionsSession s : Set.copyOf(oneShots)) {
                s.close(); // completes its probe as abandoned
            }
        };
        if (loop.inEventLoop()) {
            closeOneShots.run();
        } else if (!oneShots.isEmpty() && !loop.isShuttingDown()) {
            loop.submit(closeOneShots).awaitUninterruptibly(TimeUnit.SECONDS.toMillis(2));
        }
    }
}
