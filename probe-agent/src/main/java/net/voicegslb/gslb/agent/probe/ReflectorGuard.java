package net.voicegslb.gslb.agent.probe;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether the STAMP reflector answers a datagram, before any reply is built. A reflector
 * answers whoever the source address names, and that address can be forged: one packet "from"
 * another site's reflector would otherwise start a ping-pong between two reflectors that never
 * ends, and a flood "from" a victim would make us send the victim the same flood. So the guard
 * refuses sources that no Session-Sender uses (another reflector's port, a privileged port),
 * packets that are themselves reflector replies, and anything beyond a per-source and a global
 * token bucket.
 *
 * <p>Pure and single-threaded: time comes in as an argument, and the reflector calls it only from
 * its own event loop. The source table is bounded: when it is full, the least recently seen source
 * is forgotten if its bucket has refilled (forgetting it changes nothing); otherwise the new source
 * is refused, so a spoofed spread of addresses cannot push out live senders, and the global bucket
 * still caps what that spread can get.
 */
public final class ReflectorGuard {

    /** What happens to one datagram; everything but {@code REFLECT} is a drop, counted under its tag. */
    public enum Verdict {
        REFLECT("reflect"),
        REFLECTOR_PORT("reflector_port"),
        PRIVILEGED_PORT("privileged_port"),
        REFLECTED("reflected"),
        SOURCE_RATE("source_rate"),
        SOURCE_TABLE_FULL("source_table_full"),
        GLOBAL_RATE("global_rate");

        private final String tag;

        Verdict(String tag) {
            this.tag = tag;
        }

        /** The {@code reason} tag of the drop counter. */
        public String tag() {
            return tag;
        }
    }

    /** The well-known STAMP port (RFC 8762 §4.1). */
    public static final int STAMP_PORT = 862;

    private final ReflectorLimits limits;
    private final int ownPort;
    private final TokenBucket global;
    private final Map<InetAddress, TokenBucket> sources;

    /**
     * @param ownPort the port this reflector listens on; packets from it come from a peer reflector
     */
    public ReflectorGuard(ReflectorLimits limits, int ownPort, long nowNanos) {
        this.limits = limits;
        this.ownPort = ownPort;
        this.global = new TokenBucket(limits.maxRate(), limits.globalBurst(), nowNanos);
        this.sources = new LinkedHashMap<>(Math.min(limits.maxSources(), 1024), 0.75f, true);
    }

    /**
     * @param looksReflected whether the payload is a Session-Reflector packet
     *                       ({@link net.voicegslb.gslb.agent.codec.StampCodec#looksReflected})
     */
    public Verdict admit(InetAddress source, int sourcePort, boolean looksReflected, long nowNanos) {
        if (sourcePort == STAMP_PORT || sourcePort == ownPort) {
            return Verdict.REFLECTOR_PORT;
        }
        if (sourcePort < 1024) {
            // Senders use ephemeral ports; below 1024 are services (DNS, NTP, ...) a forged
            // source would have us talk at.
            return Verdict.PRIVILEGED_PORT;
        }
        if (looksReflected) {
            return Verdict.REFLECTED;
        }
        TokenBucket bucket = sources.get(source);
        if (bucket == null) {
            if (sources.size() >= limits.maxSources() && !forgetIdlest(nowNanos)) {
                return Verdict.SOURCE_TABLE_FULL;
            }
            bucket = new TokenBucket(limits.sourceRate(), limits.sourceBurst(), nowNanos);
            sources.put(source, bucket);
        }
        if (!bucket.tryTake(nowNanos)) {
            return Verdict.SOURCE_RATE;
        }
        // Per source first: a flooding source is stopped by its own bucket and cannot use up the
        // global one that everyone else shares.
        return global.tryTake(nowNanos) ? Verdict.REFLECT : Verdict.GLOBAL_RATE;
    }

    /** Source addresses currently tracked. */
    public int trackedSources() {
        return sources.size();
    }

    private boolean forgetIdlest(long nowNanos) {
        Iterator<TokenBucket> idlest = sources.values().iterator();
        if (idlest.hasNext() && idlest.next().fullAt(nowNanos)) {
            idlest.remove();
            return true;
        }
        return false;
    }
}
