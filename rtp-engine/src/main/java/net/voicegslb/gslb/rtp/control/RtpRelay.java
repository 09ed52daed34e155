package net.voicegslb.gslb.rtp.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.session.MediaSession;
import net.voicegslb.gslb.rtp.session.MediaSummary;
import net.voicegslb.gslb.rtp.session.RelayCounters;
import net.voicegslb.gslb.rtp.stats.LegSide;
import net.voicegslb.gslb.rtp.stats.StreamStatsListener;
import net.voicegslb.gslb.rtp.transport.CallChannels;
import net.voicegslb.gslb.rtp.transport.MediaTransport;
import net.voicegslb.gslb.rtp.transport.PortAllocator;
import net.voicegslb.gslb.rtp.transport.PortsExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable relay: pbx-core creates one, calls {@link #offer}/{@link #answer}/{@link #delete}
 * per call and {@link #close} at shutdown. Owns the media event loops, the port range, the call
 * table, the timeouts and the metrics.
 *
 * <p>Threads: control methods run on the caller's thread and hand anything touching a call's
 * state to that call's event loop; the loop itself never waits for a control thread, so the two
 * cannot deadlock.
 */
public final class RtpRelay implements MediaControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpRelay.class);

    private final RelayConfig config;
    private final MediaTransport transport;
    private final PortAllocator ports;
    private final RelayCounters counters = new RelayCounters();
    private final StreamStatsListener listener;
    private final RelayMetrics metrics;
    private final Map<String, RelayedCall> calls = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final RateSampler rates;
    private final ScheduledFuture<?> rateTask;

    public RtpRelay(RelayConfig config, MeterRegistry registry, StreamStatsListener listener) {
        this.config = config;
        this.listener = listener;
        this.transport = new MediaTransport(config.ioThreads(), config.bindAddress());
        this.ports = new PortAllocator(config.portMin(), config.portMax());
        this.rates = new RateSampler(counters);
        this.rateTask = transport.nextLoop().scheduleAtFixedRate(() -> rates.sample(System.nanoTime()), 1, 1,
                TimeUnit.SECONDS);
        this.metrics = new RelayMetrics(registry, counters, this::capacity);
        log.info("rtp relay on {} ports {}-{} ({}), max {} sessions", config.bindAddress().getHostAddress(),
                config.portMin(), config.portMax(), transport.nativeEpoll() ? "epoll+recvmmsg" : "nio",
                config.maxSessions());
    }

    public boolean nativeEpoll() {
        return transport.nativeEpoll();
    }

    @Override
    public synchronized String offer(String callId, String fromTag, String sdp, InetAddress sipSource)
            throws RelayFullException, SdpException {
        SdpMedia media = Sdp.audio(sdp);
        RelayedCall call = calls.get(callId);
        if (call == null) {
            call = open(callId, fromTag);
        }
        LegSide side = call.sideOf(fromTag);
        signal(call, side, media, sipSource);
        return Sdp.rewrite(sdp, config.advertisedAddress(), call.channels.rtpPort(side.other()));
    }

    @Override
    public synchronized String answer(String callId, String fromTag, String toTag, String sdp,
            InetAddress sipSource) throws UnknownCallException, SdpException {
        SdpMedia media = Sdp.audio(sdp);
        RelayedCall call = calls.get(callId);
        if (call == null) {
            throw new UnknownCallException(callId);
        }
        LegSide side = call.sideOf(toTag);
        signal(call, side, media, sipSource);
        return Sdp.rewrite(sdp, config.advertisedAddress(), call.channels.rtpPort(side.other()));
    }

    @Override
    public boolean delete(String callId) {
        RelayedCall call = calls.get(callId);
        if (call == null) {
            return false;
        }
        end(call, EndReason.DELETED).awaitUninterruptibly(5, TimeUnit.SECONDS);
        return true;
    }

    /** True if the call is anchored here. */
    public boolean hasCall(String callId) {
        return calls.containsKey(callId);
    }

    private RelayedCall open(String callId, String fromTag) throws RelayFullException {
        if (admitted.incrementAndGet() > config.maxSessions()) {
            admitted.decrementAndGet();
            metrics.rejectedFull();
            throw new RelayFullException("relay full: " + config.maxSessions() + " of " + config.maxSessions()
                    + " sessions in use");
        }
        CallChannels channels;
        try {
            channels = CallChannels.open(transport, ports, counters);
        } catch (PortsExhaustedException e) {
            admitted.decrementAndGet();
            metrics.rejectedPorts();
            throw new RelayFullException("relay full: " + e.getMessage());
        }
        long now = System.nanoTime();
        MediaSession session = new MediaSession(callId, channels.rtpPort(LegSide.CALLER),
                channels.rtpPort(LegSide.CALLEE), config.relatchAfter(), counters, now);
        RelayedCall call = new RelayedCall(session, channels, fromTag, now + config.statsInterval().toNanos());
        calls.put(callId, call);
        long tickNanos = tickInterval().toNanos();
        call.tick = channels.loop().scheduleAtFixedRate(() -> tick(call), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        channels.start(session);
        return call;
    }

    private Duration tickInterval() {
        Duration t = config.mediaTimeout().dividedBy(4);
        Duration shortest = t.compareTo(config.statsInterval()) < 0 ? t : config.statsInterval();
        return shortest.compareTo(Duration.ofSeconds(1)) < 0 ? shortest : Duration.ofSeconds(1);
    }

    private void signal(RelayedCall call, LegSide side, SdpMedia media, InetAddress sipSource) {
        // On the call's loop, where packets read the same fields; waiting is fine on a control thread.
        call.channels.loop().submit(() -> call.session.signal(side, media.rtp(), media.rtcp(), media.rtcpMux(),
                media.clockRate(), sipSource)).syncUninterruptibly();
    }

    private void tick(RelayedCall call) {
        long now = System.nanoTime();
        if (call.session.expired(now, config.mediaTimeout())) {
            log.info("call {} timed out: no media for {}", call.session.callId(), config.mediaTimeout());
            end(call, EndReason.TIMEOUT);
            return;
        }
        call.publishIfDue(now, config.statsInterval().toNanos(), listener, metrics);
    }

    /** Ends a call once; completes when its ports are back in the pool. Safe from any thread. */
    private Future<Void> end(RelayedCall call, EndReason reason) {
        io.netty.util.concurrent.Promise<Void> released = call.channels.loop().newPromise();
        if (!call.ended.compareAndSet(false, true)) {
            return released.setSuccess(null);
        }
        calls.remove(call.session.callId(), call);
        call.channels.loop().execute(() -> {
            call.tick.cancel(false);
            call.publish(true, listener, metrics);
            MediaSummary media = call.session.summary();
            if (media.oneWay()) {
                metrics.oneWay();
                log.warn("{} (ended: {})", media, reason.name().toLowerCase());
            } else if (log.isDebugEnabled()) {
                log.debug("{} (ended: {})", media, reason.name().toLowerCase());
            }
            call.channels.close().addListener(f -> {
                call.channels.releasePorts(ports);
                admitted.decrementAndGet();
                metrics.ended(reason);
                released.setSuccess(null);
            });
        });
        return released;
    }

    @Override
    public RelayCapacity capacity() {
        long now = System.nanoTime();
        int waiting = 0;
        int active = 0;
        int idle = 0;
        for (RelayedCall call : calls.values()) {
            for (LegSide side : LegSide.values()) {
                // Read across threads without locking: a gauge may be a packet behind, never wrong in kind.
                switch (call.state(side, now)) {
                    case WAITING -> waiting++;
                    case ACTIVE -> active++;
                    case IDLE -> idle++;
                }
            }
        }
        return new RelayCapacity(admitted.get(), config.maxSessions(), ports.totalPorts(), ports.portsInUse(),
                waiting, active, idle, rates.packetsPerSecond(), rates.bytesPerSecond());
    }

    /** Relay-wide counters, for tests and for the ng "statistics" reply. */
    public RelayCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        for (RelayedCall call : calls.values()) {
            end(call, EndReason.SHUTDOWN).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        rateTask.cancel(false);
        transport.close();
    }
}
