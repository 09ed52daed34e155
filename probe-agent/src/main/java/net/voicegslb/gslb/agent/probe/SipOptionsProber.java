package net.voicegslb.gslb.agent.probe;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.common.transport.EventLoops;
import net.voicegslb.gslb.common.sip.OptionsClient;
import net.voicegslb.gslb.common.sip.OptionsOutcome;
import net.voicegslb.gslb.common.sip.OptionsSettings;
import net.voicegslb.gslb.common.sip.OptionsTarget;

/**
 * The agent's SIP OPTIONS probes, sent through common's {@link OptionsClient}, the same client the
 * DNS server's SIP checks use. {@link #probe} times a UDP OPTIONS for the measurements (any final
 * response counts: a 404 or 503 still proves the path and the stack; the class is reported);
 * {@link #check} asks over UDP, TCP or TLS and returns the whole outcome, Retry-After included, for
 * the standalone PBX check.
 *
 * <p>UDP goes over one socket for all targets. A response completes a probe only if it comes from
 * the address probed and echoes the Via branch (96 random bits), Call-ID (128 random bits,
 * independent) and CSeq: anyone off the path would have to guess them, so forged responses cannot
 * fake a healthy PBX or a short RTT. Single transmission, no RFC 3261 retransmits: a lost request
 * is a lost probe, which is what the loss figure should say.
 */
public final class SipOptionsProber implements AutoCloseable {

    /** Tells a PBX's operator that these OPTIONS are the GSLB agent's probes. */
    static final String USER_AGENT = "voice-gslb-agent";
    private static final String FROM_USER = "gslb-agent";

    private final OptionsClient client;

    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis) {
        this(loops, bind, clock, timeoutMillis, new SecureRandom(), null);
    }

    /** @param random source of branches, Call-IDs and tags; unpredictable in production */
    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis,
                            RandomGenerator random) {
        this(loops, bind, clock, timeoutMillis, random, null);
    }

    /** @param tls trust for TLS targets ({@link #check}); null when none is checked */
    public SipOptionsProber(EventLoops loops, InetSocketAddress bind, AgentClock clock, long timeoutMillis,
                            RandomGenerator random, SslContext tls) {
        this.client = new OptionsClient(loops.group().next(), new OptionsSettings(FROM_USER, USER_AGENT,
                Duration.ofMillis(timeoutMillis), random, clock::nanos, clock::epochMillis, tls), bind);
    }

    public InetSocketAddress localAddress() {
        return client.localAddress();
    }

    /** A UDP OPTIONS to {@code target}, for the RTT and loss measurements. */
    public CompletableFuture<SipOptionsResult> probe(InetSocketAddress target) {
        return check(OptionsTarget.udp(target)).thenApply(SipOptionsResult::of);
    }

    /** An OPTIONS over the target's transport; the outcome carries the response's Retry-After. */
    public CompletableFuture<OptionsOutcome> check(OptionsTarget target) {
        return client.probe(target);
    }

    public int inFlight() {
        return client.inFlight();
    }

    /**
     * Datagrams ignored: final responses not from the address probed or not matching a request in
     * flight (branch, Call-ID, CSeq), and datagrams that are no SIP response at all.
     */
    public long ignoredResponses() {
        return client.ignoredResponses();
    }

    @Override
    public void close() {
        client.close();
    }
}
