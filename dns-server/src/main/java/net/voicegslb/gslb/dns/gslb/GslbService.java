package net.voicegslb.gslb.dns.gslb;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.config.GslbConfig;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.health.HealthTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GSLB side of a DNS node: the policy engine fed by telemetry and SIP checks, the dynamic names
 * and their precomputed per-client answers, and the one background thread that keeps time for
 * them (heartbeat timeouts, answer refresh, housekeeping). A reload prepares a new {@link Layer}
 * from the new config and activates it; measurements and node states carry over.
 */
public final class GslbService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GslbService.class);
    private static final long REFRESH_PERIOD_MILLIS = 20;
    private static final long TICK_PERIOD_MILLIS = 100;
    private static final long HOUSEKEEPING_PERIOD_MILLIS = 60_000;

    private final PolicyEngine engine;
    private final EventLog events;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private final ResolverFeed resolvers;
    private final AnswerTableCounters answerCounters = new AnswerTableCounters();
    private final QueryTally tally = new QueryTally();
    private volatile Layer layer;

    /** Everything derived from one config: swapped whole on reload. */
    public record Layer(GslbConfig config, DynamicNames names, ZoneSet zones, GslbAnswers answers,
                        GslbAnswers.SlotIndex slots, DynamicAnswerBuilder builder, GslbQueryPath queryPath) {}

    /** Where resolver addresses seen on the query path go (the telemetry layer's probe targets). */
    public interface ResolverFeed {
        void seen(java.net.InetAddress resolver);
    }

    public GslbService(GslbConfig config, EventLog events, ResolverFeed resolvers, LongSupplier clock) {
        this.clock = clock;
        this.events = events;
        this.resolvers = resolvers;
        this.engine = new PolicyEngine(config.inventory(), config.topology(), config.policy(), clock.getAsLong());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gslb-policy");
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the layer for {@code config} over the served zones, without activating it. */
    public Layer prepare(GslbConfig config, ZoneSet zones) {
        DynamicNames names = DynamicNames.from(config);
        names.notes().forEach(LOG::warn);
        ZoneSet augmented = names.augment(zones);
        DynamicAnswerBuilder builder = new DynamicAnswerBuilder(augmented, config.answers(), engine.health());
        GslbAnswers answers = new GslbAnswers(engine, builder, config.answers(), names.slotCount(),
                new DecisionPrefixes(engine.store(), config.topology()), answerCounters, clock);
        GslbQueryPath path = new GslbQueryPath(answers, config.policy().store().ipv4AggregationLength(),
                Math.min(64, config.policy().store().ipv6AggregationLength()), resolvers::seen, clock, tally);
        return new Layer(config, names, augmented, answers, new GslbAnswers.SlotIndex(names), builder, path);
    }

    /** Makes {@code next} current; the engine takes the new inventory and keeps what still applies. */
    public void activate(Layer next) {
        Layer previous = layer;
        if (previous != null) {
            engine.reconfigure(next.config().inventory(), next.config().topology(), clock.getAsLong());
        }
        next.answers().refresh(next.slots());
        layer = next;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::refresh, REFRESH_PERIOD_MILLIS, REFRESH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::tick, TICK_PERIOD_MILLIS, TICK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> engine.housekeeping(clock.getAsLong()), HOUSEKEEPING_PERIOD_MILLIS,
                HOUSEKEEPING_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Layer l = layer;
            if (l != null) {
                l.answers().refresh(l.slots());
            }
        } catch (RuntimeException e) {
            LOG.error("refreshing dynamic answers failed; serving the previous ones", e);
        }
    }

    private void tick() {
        try {
            long now = clock.getAsLong();
            record(engine.tick(now));
            engine.expireAdminStates(now).forEach(events::adminChange);
        } catch (RuntimeException e) {
            LOG.error("health tick failed", e);
        }
    }

    /** Hands transitions to the event log (which logs and keeps them). */
    public void record(List<HealthTransition> transitions) {
        for (HealthTransition t : transitions) {
            events.record(t);
        }
    }

    public PolicyEngine engine() {
        return engine;
    }

    /** Evictions and deferred rankings of every layer's answer table so far. */
    public AnswerTableCounters answerCounters() {
        return answerCounters;
    }

    /** Sampled counts of the dynamic answers sent, for the dashboard and the drain preview. */
    public QueryTally tally() {
        return tally;
    }

    public Layer layer() {
        return layer;
    }

    public DnsResponder.DynamicAnswers queryPath() {
        return layer.queryPath();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
