package net.voicegslb.gslb.agent.health;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.agent.probe.SipOptionsProber;
import net.voicegslb.gslb.agent.probe.SipOptionsResult;
import net.voicegslb.gslb.policy.health.SignalTracker;
import net.voicegslb.gslb.policy.sip.OptionsVerdict;

/**
 * Standalone mode: the agent sits beside a PBX it does not control (Asterisk, FreeSWITCH) and
 * learns its health from SIP OPTIONS. A final response that policy's {@link OptionsVerdict} calls
 * alive (2xx, 3xx, and 4xx except 408: many PBXs answer an OPTIONS from an unknown peer with
 * 401/403/404, which still proves the stack is up) counts as up; 408, 5xx, 6xx or silence counts as
 * down, as for the DNS server's SIP checks. {@code fall} consecutive failures mark it down and
 * {@code rise} consecutive successes mark it up again, so one lost datagram does not flap the node
 * (the policy's {@link SignalTracker}, the same rule the DNS server applies to its SIP checks).
 * Call counts and RTP ports of a third-party PBX are not known: reported as 0 and -1.
 */
public final class ThirdPartyPbxLoad implements NodeLoad {

    private final SipOptionsProber prober;
    private final InetSocketAddress target;
    private final SignalTracker tracker; // guarded by this
    private volatile boolean up;
    private volatile String problem = "no check yet";
    private volatile SipOptionsResult last;

    public ThirdPartyPbxLoad(SipOptionsProber prober, InetSocketAddress target, int rise, int fall) {
        this.prober = prober;
        this.target = target;
        this.tracker = new SignalTracker(rise, fall, false);
    }

    /** Runs one check; call it on the heartbeat interval. Completes asynchronously. */
    public void check() {
        prober.probe(target).thenAccept(this::record);
    }

    synchronized void record(SipOptionsResult r) {
        last = r;
        // Retry-After is not kept: a 503 fails either way here, there being no drain to size.
        boolean ok = r.answered() && OptionsVerdict.of(r.status(), -1) == OptionsVerdict.ALIVE;
        tracker.observe(ok);
        up = tracker.passing();
        if (up) {
            problem = null;
        } else if (!ok) {
            problem = r.answered() ? "OPTIONS answered " + r.status() : "OPTIONS unanswered";
        }
    }

    public SipOptionsResult lastResult() {
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
