package net.voicegslb.gslb.agent.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.agent.probe.SipOptionsProber;
import net.voicegslb.gslb.common.sip.OptionsOutcome;
import net.voicegslb.gslb.common.sip.OptionsTarget;
import net.voicegslb.gslb.policy.explain.HumanTime;
import net.voicegslb.gslb.policy.health.SignalTracker;
import net.voicegslb.gslb.policy.sip.OptionsVerdict;

/**
 * Standalone mode: the agent sits beside a PBX it does not control (Asterisk, FreeSWITCH) and
 * learns its health from SIP OPTIONS, over UDP, TCP or TLS. A final response that policy's {@link
 * OptionsVerdict} calls alive (2xx, 3xx, and 4xx except 408: many PBXs answer an OPTIONS from an
 * unknown peer with 401/403/404, which still proves the stack is up) counts as up; 408, 5xx, 6xx,
 * silence or a transport error counts as down, as for the DNS server's SIP checks. {@code fall}
 * consecutive failures mark it down and {@code rise} consecutive successes mark it up again, so one
 * lost datagram does not flap the node (the policy's {@link SignalTracker}, the same rule the DNS
 * server applies to its SIP checks).
 *
 * <p>A 503 with Retry-After is the PBX asking for no traffic for that long (RFC 3261 §21.5.4), as
 * the DNS server honours it: the node is down at once, stays down until the Retry-After (capped by
 * {@code maxDrain}, so a bogus huge value cannot park it for days) has passed, and then needs
 * {@code rise} good checks like any node coming back.
 *
 * <p>Call counts and RTP ports of a third-party PBX are not known: reported as 0 and -1.
 */
public final class ThirdPartyPbxLoad implements NodeLoad {
    /** The DNS server's default {@code sip_check.max_drain}. */
    public static final Duration DEFAULT_MAX_DRAIN = Duration.ofMinutes(10);

    private final SipOptionsProber prober;
    private final OptionsTarget target;
    private final Duration maxDrain;
    private final LongSupplier clockMillis;
    private final SignalTracker tracker; // guarded by this
    private long drainUntilMillis; // guarded by this
    private final java.util.concurrent.atomic.AtomicLong drains = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong cappedDrains = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean up;
    private volatile String problem = "no check yet";
    private volatile OptionsOutcome last;

    /** A UDP check with the default drain cap and the system clock. */
    public ThirdPartyPbxLoad(SipOptionsProber prober, InetSocketAddress target, int rise, int fall) {
        this(prober, OptionsTarget.udp(target), rise, fall, DEFAULT_MAX_DRAIN, System::currentTimeMillis);
    }

    /** @param maxDrain longest drain honoured from a 503's Retry-After; zero treats such a 503 as a failure */
    public ThirdPartyPbxLoad(SipOptionsProber prober, OptionsTarget target, int rise, int fall, Duration maxDrain,
                             LongSupplier clockMillis) {
        if (maxDrain.isNegative()) {
            throw new IllegalArgumentException("maxDrain must not be negative: " + maxDrain);
        }
        this.prober = prober;
        this.target = target;
        this.maxDrain = maxDrain;
        this.clockMillis = clockMillis;
        this.tracker = new SignalTracker(rise, fall, false);
    }

    /** Runs one check; call it on the heartbeat interval. Completes asynchronously. */
    public void check() {
        prober.check(target).thenAccept(this::record);
    }

    synchronized void record(OptionsOutcome o) {
        last = o;
        long now = clockMillis.getAsLong();
        OptionsVerdict verdict = o.verdict();
        if (verdict == OptionsVerdict.DRAIN && !maxDrain.isZero()) {
            long asked = Math.multiplyExact(o.retryAfterSeconds(), 1000L);
            long millis = Math.min(asked, maxDrain.toMillis());
            (asked > millis ? cappedDrains : drains).incrementAndGet();
            drainUntilMillis = Math.max(drainUntilMillis, now + millis);
            tracker.reset(false);
            up = false;
            problem = "OPTIONS answered " + o.statusCode() + " with Retry-After " + o.retryAfterSeconds()
                    + " s: draining until " + HumanTime.instant(drainUntilMillis, now);
            return;
        }
        boolean ok = verdict == OptionsVerdict.ALIVE;
        tracker.observe(ok);
        boolean draining = now < drainUntilMillis;
        up = tracker.passing() && !draining;
        if (up) {
            problem = null;
        } else if (!ok) {
            problem = o.answered() ? "OPTIONS answered " + o.statusCode() : "OPTIONS unanswered: " + o.detail();
        }
    }

    /** Drains honoured as the PBX asked. */
    public long drains() {
        return drains.get();
    }

    /** Drains cut short to {@code maxDrain}: the PBX asked for longer. */
    public long cappedDrains() {
        return cappedDrains.get();
    }

    /** The last check's outcome, null before the first. */
    public OptionsOutcome lastOutcome() {
        return last;
    }

    @Override
    public boolean registrarHealthy() {
        return up;
    }

    @Override
    public boolean rtpHealthy() {
        return up; // media runs inside the same third-party process: it stands or falls with it
    }

    @Override
    public int activeCalls() {
        return 0;
    }

    @Override
    public int registrations() {
        return 0;
    }

    @Override
    public int freeRtpPorts() {
        return -1;
    }

    @Override
    public String problem() {
        return problem;
    }
}
