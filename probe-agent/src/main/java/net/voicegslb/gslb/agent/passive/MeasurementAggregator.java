package net.voicegslb.gslb.agent.passive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.store.StoreSettings;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;

/**
 * Folds every measurement, active or passive, into per (client prefix, source kind) windows: the
 * client address is cut to /24 (IPv4) or /48 (IPv6), the aggregation lengths policy files
 * measurements under. Each {@link #takeDelta} turns the windows touched since the previous call
 * into {@link PrefixMeasurement}s and keeps them as the latest state, which {@link #snapshot} returns
 * after a reconnect. Bounded: at most {@code maxKeys} keys; new keys beyond are refused and
 * counted; keys idle longer than {@code idleExpiryNanos} are forgotten.
 *
 * <p>One short lock: feeds come from a few event loops (SIP, RTP, probes) at modest rates, and the
 * window is taken every few seconds.
 *
 * <p>Metrics: {@code gslb.agent.aggregate.keys}, {@code gslb.agent.aggregate.refused} (new keys
 * refused at the bound), {@code gslb.agent.aggregate.withheld} (windows without any RTT to send).
 */
public final class MeasurementAggregator {

    private record Key(ClientPrefix prefix, MeasurementSource source) {
    }

    private final int ipv4Length;
    private final int ipv6Length;
    private final int maxKeys;
    private final long idleExpiryNanos;
    private final AgentClock clock;
    private final Map<Key, PrefixAccumulator> windows = new HashMap<>();
    private final Map<Key, PrefixMeasurement> latest = new HashMap<>();
    private final Counter refused;
    private final Counter withheld;

    public MeasurementAggregator(int maxKeys, long idleExpiryMillis, AgentClock clock, MeterRegistry meters) {
        // The aggregation lengths come from policy so agent and store agree on what a "prefix" is.
        StoreSettings defaults = StoreSettings.defaults();
        this.ipv4Length = defaults.ipv4AggregationLength();
        this.ipv6Length = defaults.ipv6AggregationLength();
        this.maxKeys = maxKeys;
        this.idleExpiryNanos = idleExpiryMillis * 1_000_000L;
        this.clock = clock;
        this.refused = Counter.builder("gslb.agent.aggregate.refused")
                .description("measurements for a new prefix refused because the table was full").register(meters);
        this.withheld = Counter.builder("gslb.agent.aggregate.withheld")
                .description("windows not sent because no RTT was known for the prefix").register(meters);
        Gauge.builder("gslb.agent.aggregate.keys", this, MeasurementAggregator::size)
                .description("(prefix, source) pairs tracked").register(meters);
    }

    public ClientPrefix prefixOf(InetAddress address) {
        return ClientPrefix.of(address, address.getAddress().length == 4 ? ipv4Length : ipv6Length);
    }

    /** An RTT sample (ms) towards an address. */
    public void rtt(InetAddress address, MeasurementSource source, double millis) {
        rtt(prefixOf(address), source, millis);
    }

    /** An RTT sample (ms) to be filed under {@code prefix} (e.g. a resolver probed for its clients' prefix). */
    public void rtt(ClientPrefix prefix, MeasurementSource source, double millis) {
        if (!(millis >= 0 && millis < 60_000)) {
            return;
        }
        synchronized (this) {
            PrefixAccumulator a = accumulator(prefix, source);
            if (a != null) {
                a.rtt(millis);
            }
        }
    }

    /** Packets sent or expected and how many of them were lost. */
    public void packets(InetAddress address, MeasurementSource source, long total, long lost) {
        packets(prefixOf(address), source, total, lost);
    }

    public void packets(ClientPrefix prefix, MeasurementSource source, long total, long lost) {
        if (total <= 0 || lost < 0 || lost > total) {
            return;
        }
        synchronized (this) {
            PrefixAccumulator a = accumulator(prefix, source);
            if (a != null) {
                a.packets(total, lost);
            }
        }
    }

    /** A jitter figure computed by the source itself (RFC 3550), e.g. an RTP stream's. */
    public void jitter(InetAddress address, MeasurementSource source, double millis) {
        if (!(millis >= 0 && millis < 60_000)) {
            return;
        }
        synchronized (this) {
            PrefixAccumulator a = accumulator(prefixOf(address), source);
            if (a != null) {
                a.jitter(millis);
            }
        }
    }

    /**
     * A whole probe window at once (STAMP): {@code rttSamples} samples with mean {@code rttMean},
     * the session's own jitter, and {@code lost} of {@code settled} packets lost.
     */
    public synchronized void window(ClientPrefix prefix, MeasurementSource source, double rttMean, long rttSamples,
                                    double jitterMillis, long settled, long lost) {
        PrefixAccumulator a = accumulator(prefix, source);
        if (a == null) {
            return;
        }
        if (rttSamples > 0 && rttMean >= 0 && rttMean < 60_000) {
            a.rttSamples += rttSamples;
            a.rttSum += rttMean * rttSamples;
            if (jitterMillis >= 0 && jitterMillis < 60_000) {
                a.jitter(jitterMillis);
            }
        }
        if (settled > 0 && lost >= 0 && lost <= settled) {
            a.packets(settled, lost);
        }
    }

    private PrefixAccumulator accumulator(ClientPrefix prefix, MeasurementSource source) {
        Key key = new Key(prefix, source);
        PrefixAccumulator a = windows.get(key);
        if (a == null) {
            if (windows.size() >= maxKeys) {
                refused.increment();
                return null;
            }
            a = new PrefixAccumulator();
            windows.put(key, a);
        }
        a.updatedNanos = clock.nanos();
        return a;
    }

    /**
     * The windows touched since the previous call, as measurements; also becomes the latest state.
     * A window with loss or jitter but no RTT of its own (an RTP stream before its first RTCP report)
     * borrows the prefix's latest RTT from another source; with none known it is withheld (policy
     * needs an RTT to score a path) and counted.
     */
    public synchronized List<PrefixMeasurement> takeDelta() {
        long now = clock.nanos();
        List<PrefixMeasurement> out = new ArrayList<>();
        List<Map.Entry<Key, PrefixAccumulator>> borrowing = new ArrayList<>();
        Iterator<Map.Entry<Key, PrefixAccumulator>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, PrefixAccumulator> e = it.next();
            PrefixAccumulator a = e.getValue();
            if (a.empty()) {
                if (now - a.updatedNanos > idleExpiryNanos) {
                    it.remove();
                    latest.remove(e.getKey());
                }
            } else if (a.rttSamples > 0) {
                emit(e.getKey(), a, a.rttSum / a.rttSamples, out);
            } else {
                borrowing.add(e); // second pass: may borrow an RTT measured in this very window
            }
        }
        for (Map.Entry<Key, PrefixAccumulator> e : borrowing) {
            double rtt = borrowedRtt(e.getKey().prefix());
            if (Double.isNaN(rtt)) {
                withheld.increment();
                e.getValue().resetWindow();
            } else {
                emit(e.getKey(), e.getValue(), rtt, out);
            }
        }
        return out;
    }

    private void emit(Key key, PrefixAccumulator a, double rtt, List<PrefixMeasurement> out) {
        double jitter = a.jitterSamples > 0 ? a.jitterSum / a.jitterSamples : a.rttJitter;
        double loss = a.packets > 0 ? (double) a.lost / a.packets : 0;
        int samples = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.max(a.rttSamples, a.packets)));
        PrefixMeasurement m = new PrefixMeasurement(key.prefix(), key.source(), rtt, Math.min(jitter, 59_999),
                loss, samples);
        out.add(m);
        latest.put(key, m);
        a.resetWindow();
    }

    private double borrowedRtt(ClientPrefix prefix) {
        for (MeasurementSource s : MeasurementSource.values()) {
            PrefixMeasurement m = latest.get(new Key(prefix, s));
            if (m != null) {
                return m.rttMillis();
            }
        }
        return Double.NaN;
    }

    /** The latest measurement of every live key, for the snapshot after a (re)connect. */
    public synchronized List<PrefixMeasurement> snapshot() {
        return List.copyOf(latest.values());
    }

    public synchronized int size() {
        return windows.size();
    }
}
