package net.voicegslb.gslb.rtp.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import net.voicegslb.gslb.rtp.session.RelayCounters;
import net.voicegslb.gslb.rtp.stats.StreamStats;

/**
 * The relay's meters. Every name is documented in the module README; keep the two in step.
 * Hot-path counts come from {@link RelayCounters} and are read only at scrape time.
 */
final class RelayMetrics {

    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);
    private final Counter rejectedFull;
    private final Counter rejectedPorts;
    private final Counter oneWay;
    private final DistributionSummary jitter;
    private final DistributionSummary loss;
    private final DistributionSummary rtt;

    RelayMetrics(MeterRegistry registry, RelayCounters c, Supplier<RelayCapacity> capacity) {
        packets(registry, "relayed", null, c.relayedPackets);
        packets(registry, "dropped", "stranger_before_latch", c.droppedStrangerBeforeLatch);
        packets(registry, "dropped", "stranger_after_latch", c.droppedStrangerAfterLatch);
        packets(registry, "dropped", "malformed", c.droppedMalformed);
        packets(registry, "dropped", "no_destination", c.droppedNoDestination);
        packets(registry, "dropped", "unwritable", c.droppedUnwritable);
        FunctionCounter.builder("gslb.rtp.bytes", c.relayedBytes, LongAdder::doubleValue)
                .description("Bytes of RTP/RTCP relayed (UDP payload)").baseUnit("bytes").register(registry);
        FunctionCounter.builder("gslb.rtp.socket.errors", c.socketErrors, LongAdder::doubleValue)
                .description("Errors reported by media sockets (ICMP unreachable, ...)").register(registry);
        FunctionCounter.builder("gslb.rtp.latch", c.latched, LongAdder::doubleValue).tag("event", "latched")
                .description("Peers latched to their first packet's source").register(registry);
        FunctionCounter.builder("gslb.rtp.latch", c.relatched, LongAdder::doubleValue).tag("event", "relatched")
                .description("Latches moved (signalled address took over, or NAT rebinding)").register(registry);

        Gauge.builder("gslb.rtp.sessions", capacity, s -> s.get().sessions())
                .description("Calls anchored now").register(registry);
        Gauge.builder("gslb.rtp.sessions.max", capacity, s -> s.get().maxSessions())
                .description("Configured session limit").register(registry);
        Gauge.builder("gslb.rtp.ports", capacity, s -> s.get().portsInUse()).tag("state", "in_use")
                .description("Media ports bound").register(registry);
        Gauge.builder("gslb.rtp.ports", capacity, s -> s.get().portsFree()).tag("state", "free")
                .description("Media ports free in the range").register(registry);
        Gauge.builder("gslb.rtp.streams", capacity, s -> s.get().streamsWaiting()).tag("state", "waiting")
                .description("Streams by state").register(registry);
        Gauge.builder("gslb.rtp.streams", capacity, s -> s.get().streamsActive()).tag("state", "active")
                .description("Streams by state").register(registry);
        Gauge.builder("gslb.rtp.streams", capacity, s -> s.get().streamsIdle()).tag("state", "idle")
                .description("Streams by state").register(registry);
        Gauge.builder("gslb.rtp.packets.rate", capacity, s -> s.get().packetsPerSecond())
                .description("Relayed packets per second over the last second").register(registry);
        Gauge.builder("gslb.rtp.bytes.rate", capacity, s -> s.get().bytesPerSecond())
                .description("Relayed bytes per second over the last second").register(registry);

        for (EndReason r : EndReason.values()) {
            ended.put(r, Counter.builder("gslb.rtp.sessions.ended").tag("reason", r.name().toLowerCase())
                    .description("Calls ended, by reason").register(registry));
        }
        rejectedFull = Counter.builder("gslb.rtp.sessions.rejected").tag("reason", "full")
                .description("Offers refused at the session limit").register(registry);
        rejectedPorts = Counter.builder("gslb.rtp.sessions.rejected").tag("reason", "ports")
                .description("Offers refused for lack of a bindable port pair").register(registry);
        oneWay = Counter.builder("gslb.rtp.sessions.one_way")
                .description("Calls that ended with media in one direction only").register(registry);
        jitter = DistributionSummary.builder("gslb.rtp.stream.jitter").baseUnit("milliseconds")
                .description("Interarrival jitter per published stream snapshot").register(registry);
        loss = DistributionSummary.builder("gslb.rtp.stream.loss").baseUnit("ratio")
                .description("Interval loss ratio per published stream snapshot").register(registry);
        rtt = DistributionSummary.builder("gslb.rtp.stream.rtt").baseUnit("milliseconds")
                .description("Relay-to-peer RTT per published stream snapshot, when measured").register(registry);
    }

    private static void packets(MeterRegistry registry, String outcome, String reason, LongAdder adder) {
        FunctionCounter.Builder<LongAdder> b = FunctionCounter.builder("gslb.rtp.packets", adder, LongAdder::doubleValue)
                .tag("outcome", outcome).tag("reason", reason == null ? "none" : reason)
                .description("RTP/RTCP packets received on media ports, by outcome");
        b.register(registry);
    }

    void ended(EndReason reason) {
        ended.get(reason).increment();
    }

    void oneWay() {
        oneWay.increment();
    }

    void rejectedFull() {
        rejectedFull.increment();
    }

    void rejectedPorts() {
        rejectedPorts.increment();
    }

    void record(StreamStats s) {
        jitter.record(s.jitterMillis());
        loss.record(s.interval().ratio());
        if (!Double.isNaN(s.rttMillis())) {
            rtt.record(s.rttMillis());
        }
    }
}
