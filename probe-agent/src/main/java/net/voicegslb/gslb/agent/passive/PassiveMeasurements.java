package net.voicegslb.gslb.agent.passive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;

/**
 * What pbx-core and rtp-engine feed the agent from real traffic. Every call is cheap and
 * non-blocking (a short lock in the aggregator), safe from any event loop. Adapting rtp-engine's
 * {@code StreamStatsListener} is one lambda:
 *
 * <pre>{@code
 * StreamStatsListener l = s -> passive.rtpStream(s.remote(), s.interval().expected(),
 *         s.interval().lost(), s.jitterMillis(), s.rttMillis());
 * }</pre>
 *
 * Source kinds: registrations only count demand per prefix (they carry no path figure); keepalive
 * round trips and failures are {@link MeasurementSource#SIP_OPTIONS}; stream statistics are
 * {@link MeasurementSource#RTP}; RTCP round trips are {@link MeasurementSource#RTCP}.
 */
public final class PassiveMeasurements {

    private final MeasurementAggregator aggregator;
    private final Map<ClientPrefix, LongAdder> registrations = new ConcurrentHashMap<>();
    private final int maxRegistrationPrefixes;

    public PassiveMeasurements(MeasurementAggregator aggregator, int maxRegistrationPrefixes) {
        this.aggregator = aggregator;
        this.maxRegistrationPrefixes = maxRegistrationPrefixes;
    }

    /** A REGISTER (initial or refresh) arrived from {@code source}: demand from its prefix. */
    public void registration(InetSocketAddress source) {
        InetAddress a = address(source);
        if (a == null) {
            return;
        }
        ClientPrefix p = aggregator.prefixOf(a);
        LongAdder n = registrations.get(p);
        if (n == null) {
            if (registrations.size() >= maxRegistrationPrefixes) {
                return; // bounded; the busiest prefixes arrived first and stay
            }
            n = registrations.computeIfAbsent(p, k -> new LongAdder());
        }
        n.increment();
    }

    /** A keepalive OPTIONS to a registered contact was answered after {@code rttMillis}. */
    public void keepaliveRtt(InetSocketAddress contact, double rttMillis) {
        InetAddress a = address(contact);
        if (a != null) {
            aggregator.rtt(a, MeasurementSource.SIP_OPTIONS, rttMillis);
            aggregator.packets(a, MeasurementSource.SIP_OPTIONS, 1, 0);
        }
    }

    /** A keepalive OPTIONS to a registered contact got no answer (transaction timeout). */
    public void keepaliveFailure(InetSocketAddress contact) {
        InetAddress a = address(contact);
        if (a != null) {
            aggregator.packets(a, MeasurementSource.SIP_OPTIONS, 1, 1);
        }
    }

    /**
     * One interval of a received RTP stream (rtp-engine's per-interval snapshot).
     *
     * @param expected     packets expected in the interval (RFC 3550 A.3)
     * @param lost         of those, not received
     * @param jitterMillis RFC 3550 interarrival jitter (A.8)
     * @param rttMillis    RTCP-derived round trip, NaN when not known yet
     */
    public void rtpStream(InetSocketAddress remote, long expected, long lost, double jitterMillis, double rttMillis) {
        InetAddress a = address(remote);
        if (a == null) {
            return;
        }
        aggregator.packets(a, MeasurementSource.RTP, expected, Math.max(0, lost));
        aggregator.jitter(a, MeasurementSource.RTP, jitterMillis);
        if (!Double.isNaN(rttMillis)) {
            aggregator.rtt(a, MeasurementSource.RTP, rttMillis);
        }
    }

    /** A round trip computed from an RTCP report block (LSR/DLSR, RFC 3550 §6.4.1). */
    public void rtcpRtt(InetSocketAddress remote, double rttMillis) {
        InetAddress a = address(remote);
        if (a != null) {
            aggregator.rtt(a, MeasurementSource.RTCP, rttMillis);
        }
    }

    /** Registrations seen per prefix since start: where demand is, for choosing probe targets. */
    public Map<ClientPrefix, Long> registrationsByPrefix() {
        Map<ClientPrefix, Long> out = new java.util.HashMap<>();
        registrations.forEach((p, n) -> out.put(p, n.sum()));
        return out;
    }

    private static InetAddress address(InetSocketAddress s) {
        return s == null || s.isUnresolved() ? null : s.getAddress();
    }
}
