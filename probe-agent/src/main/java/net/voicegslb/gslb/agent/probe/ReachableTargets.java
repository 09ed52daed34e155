package net.voicegslb.gslb.agent.probe;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which probe targets have ever answered. Only their silence is packet loss: a target that never
 * answered has no server there or drops our probes on purpose (a resolver behind a firewall, a
 * phone's address the DNS server saw), and counting every probe to it as lost would make every
 * site look equally terrible for that target's whole prefix, burying the real measurements of the
 * prefix under a loss that says nothing about any path. Bounded by the target list: entries of
 * targets no longer probed are dropped when the list changes.
 */
public final class ReachableTargets {

    /** What one probe outcome means for the measurements. */
    public enum Verdict { ANSWERED, LOST, NOT_A_MEASUREMENT }

    private final Set<InetSocketAddress> answered = ConcurrentHashMap.newKeySet();
    private final AtomicLong unmeasurable = new AtomicLong();

    public Verdict record(InetSocketAddress target, boolean gotAnswer) {
        if (gotAnswer) {
            answered.add(target);
            return Verdict.ANSWERED;
        }
        if (answered.contains(target)) {
            return Verdict.LOST;
        }
        unmeasurable.incrementAndGet();
        return Verdict.NOT_A_MEASUREMENT;
    }

    /** Forgets targets that are no longer probed. */
    public void retain(Collection<InetSocketAddress> current) {
        answered.retainAll(new HashSet<>(current));
    }

    /** Probes to targets that never answered: not counted as loss. */
    public long unmeasurable() {
        return unmeasurable.get();
    }
}
