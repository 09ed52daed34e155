package net.voicegslb.gslb.rtp.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.voicegslb.gslb.rtp.session.MediaSession;
import net.voicegslb.gslb.rtp.session.RelayCounters;
import net.voicegslb.gslb.rtp.stats.LegSide;

/**
 * The four sockets of one call (RTP and RTCP per leg), all on one event loop so that the call's
 * state is only ever touched by one thread. Created with reading off; {@link #start} turns it on
 * once every socket is bound and the session is attached.
 */
public final class CallChannels {

    private final EventLoop loop;
    private final Channel[] rtp = new Channel[2];
    private final Channel[] rtcp = new Channel[2];
    private final int[] rtpPorts = new int[2];
    private MediaSession session;

    private CallChannels(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Reserves and binds a port pair per leg, skipping ports that another process holds.
     *
     * @throws PortsExhaustedException when no pair can be bound
     */
    public static CallChannels open(MediaTransport transport, PortAllocator ports, RelayCounters counters)
            throws PortsExhaustedException {
        CallChannels call = new CallChannels(transport.nextLoop());
        try {
            for (LegSide side : LegSide.values()) {
                call.bindLeg(transport, ports, counters, side);
            }
        } catch (PortsExhaustedException e) {
            call.close().awaitUninterruptibly();
            call.releasePorts(ports);
            throw e;
        }
        return call;
    }

    private void bindLeg(MediaTransport transport, PortAllocator ports, RelayCounters counters, LegSide side)
            throws PortsExhaustedException {
        int i = side.ordinal();
        // Pairs another process holds stay reserved until this leg is bound, so that the random
        // choice does not pick them again and "none bindable" means every free pair was tried.
        List<Integer> heldElsewhere = new ArrayList<>();
        try {
            while (true) {
                OptionalInt next = ports.reserve();
                if (next.isEmpty()) {
                    throw new PortsExhaustedException(heldElsewhere.isEmpty()
                            ? "no free RTP port pair: all " + ports.totalPorts() + " ports in use"
                            : "no bindable RTP port pair in the range (" + heldElsewhere.size()
                                    + " free pairs taken by other processes)");
                }
                int port = next.getAsInt();
                Channel r = transport.bind(loop, port, new MediaPacketHandler(this, side, false, counters));
                Channel c = r == null ? null
                        : transport.bind(loop, port + 1, new MediaPacketHandler(this, side, true, counters));
                if (r != null && c != null) {
                    rtp[i] = r;
                    rtcp[i] = c;
                    rtpPorts[i] = port;
                    return;
                }
                if (r != null) {
                    r.close();
                }
                heldElsewhere.add(port);
            }
        } finally {
            heldElsewhere.forEach(ports::release);
        }
    }

    /** Attaches the call logic and starts reading. */
    public void start(MediaSession session) {
        this.session = session;
        // Reading starts on the loop itself, after the write above is published by the task queue.
        loop.execute(() -> {
            for (int i = 0; i < 2; i++) {
                rtp[i].config().setAutoRead(true);
                rtcp[i].config().setAutoRead(true);
            }
        });
    }

    MediaSession session() {
        return session;
    }

    Channel rtp(LegSide side) {
        return rtp[side.ordinal()];
    }

    Channel rtcp(LegSide side) {
        return rtcp[side.ordinal()];
    }

    public int rtpPort(LegSide side) {
        return rtpPorts[side.ordinal()];
    }

    public EventLoop loop() {
        return loop;
    }

    /** Closes every socket that was opened; completes when all are closed. */
    public Future<Void> close() {
        Promise<Void> done = loop.newPromise();
        // PromiseCombiner must be driven from its executor's thread.
        Runnable closeAll = () -> {
            PromiseCombiner all = new PromiseCombiner(loop);
            for (int i = 0; i < 2; i++) {
                if (rtp[i] != null) {
                    all.add(rtp[i].close());
                }
                if (rtcp[i] != null) {
                    all.add(rtcp[i].close());
                }
            }
            all.finish(done);
        };
        if (loop.inEventLoop()) {
            closeAll.run();
        } else {
            loop.execute(closeAll);
        }
        return done;
    }

    /** Returns the port pairs to the allocator; call after {@link #close} completed. */
    public void releasePorts(PortAllocator ports) {
        for (int i = 0; i < 2; i++) {
            if (rtpPorts[i] != 0) {
                ports.release(rtpPorts[i]);
                rtpPorts[i] = 0;
            }
        }
    }
}
