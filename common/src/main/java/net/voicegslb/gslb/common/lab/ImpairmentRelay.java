package net.voicegslb.gslb.common.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's stand-in for netem (this kernel has none): a UDP proxy on 127.0.0.1 that forwards each
 * client's datagrams to one upstream and the answers back, adding a configured delay, jitter and
 * loss per direction. Deterministic for a given seed and packet order (one seeded {@link DelayLine.Lane}
 * per direction, drawn in arrival order). At most {@code maxQueued} packets wait at once; beyond that
 * packets are dropped and counted as overflow, so a runaway test cannot exhaust memory.
 *
 * <p>Each client address gets its own upstream socket, so the upstream sees distinct sources the way
 * distinct client networks would look. Two threads: one reads every socket (selector), and the
 * {@link DelayLine}'s sender sends packets when their hold time is over.
 *
 * <p>Main code (not a test jar) because the demo's lab uses it as well as the ITs.
 */
public final class ImpairmentRelay implements AutoCloseable {

    private final InetSocketAddress upstream;
    // a lab may change the path's conditions while packets flow (see impair)
    private final DelayLine line;
    private final DelayLine.Lane forward;
    private final DelayLine.Lane reverse;
    private final DatagramChannel front;
    private final Selector selector;
    private final Map<InetSocketAddress, DatagramChannel> upstreamByClient = new HashMap<>();
    // What the upstream sees as its clients' addresses; read by tests while the reader adds to it.
    private final java.util.Set<InetSocketAddress> upstreamSources =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger dropNextForward =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Thread reader;
    private volatile boolean running = true;

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public ImpairmentRelay(InetSocketAddress upstream, Impairment forward, Impairment reverse, long seed,
                           int maxQueued) {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstream, forward, reverse, seed, maxQueued);
    }

    /**
     * A relay whose front listens on {@code front} (any loopback address, e.g. 127.20.1.11:0), so
     * that probes to it are filed under that address's prefix: one relay then stands for the path
     * from one site to one client network.
     */
    public ImpairmentRelay(InetSocketAddress front, InetSocketAddress upstream, Impairment forward,
                           Impairment reverse, long seed, int maxQueued) {
        this.upstream = upstream;
        this.line = new DelayLine("relay-send", maxQueued);
        this.forward = line.lane(forward, seed);
        this.reverse = line.lane(reverse, seed * 31 + 7);
        try {
            selector = Selector.open();
            this.front = DatagramChannel.open();
            this.front.bind(front);
            this.front.configureBlocking(false);
            this.front.register(selector, SelectionKey.OP_READ, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::readLoop, "relay-read");
        reader.setDaemon(true);
        reader.start();
    }

    /** Where clients send: the relay's front address. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Changes the conditions from now on: packets already held keep the hold time they were given,
     * as packets already on a re-routed path would.
     */
    public void impair(Impairment forward, Impairment reverse) {
        this.forward.impair(Objects.requireNonNull(forward, "forward"));
        this.reverse.impair(Objects.requireNonNull(reverse, "reverse"));
    }

    /**
     * Drops the next {@code packets} client packets, whatever the configured loss: one lost request
     * at a chosen moment, to see the client retransmit to a real server that never loses one.
     * Counted in {@link #dropped}.
     */
    public void dropNextForward(int packets) {
        dropNextForward.set(packets);
    }

    /**
     * The source addresses the upstream has seen the relay's clients come from (one per client
     * address): what a server that reports the address it sees (STUN) should report.
     */
    public java.util.Set<InetSocketAddress> upstreamSources() {
        return java.util.Set.copyOf(upstreamSources);
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long returned() {
        return returned.get();
    }

    /** Packets dropped by the configured loss, both directions. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Packets the relay sent more than {@value #LATE_NANOS} ns after their due time: the machine
     * was too busy to deliver the configured impairment, so a measurement over them is not a
     * measurement of the configured path.
     */
    public long late() {
        return line.late();
    }

    public static final long LATE_NANOS = DelayLine.LATE_NANOS;

    /** Packets dropped because {@code maxQueued} were already waiting, or whose send failed. */
    public long overflow() {
        return line.overflow() + line.failed();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        try {
            while (running) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    InetSocketAddress client = (InetSocketAddress) key.attachment();
                    for (int burst = 0; burst < 64; burst++) { // bounded: other sockets get their turn
                        buf.clear();
                        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                        if (from == null) {
                            break;
                        }
                        buf.flip();
                        byte[] data = new byte[buf.remaining()];
                        buf.get(data);
                        if (client == null && dropNextForward.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            upstreamFor(from); // the client is known even when its first packet is lost
                            dropped.incrementAndGet();
                        } else if (client == null) {
                            hold(data, forward, upstreamFor(from), upstream, forwarded);
                        } else {
                            hold(data, reverse, front, client, returned);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                throw new IllegalStateException("relay reader failed", e);
            }
        }
    }

    private DatagramChannel upstreamFor(InetSocketAddress client) throws IOException {
        DatagramChannel ch = upstreamByClient.get(client);
        if (ch == null) {
            ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, client);
            upstreamByClient.put(client, ch);
            upstreamSources.add((InetSocketAddress) ch.getLocalAddress());
        }
        return ch;
    }

    private void hold(byte[] data, DelayLine.Lane lane, DatagramChannel via, InetSocketAddress to,
                      AtomicLong counter) {
        switch (lane.offer(() -> via.send(ByteBuffer.wrap(data), to))) {
            case LOST -> dropped.incrementAndGet();
            case HELD -> counter.incrementAndGet();
            case OVERFLOW -> { } // counted by the line
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            reader.join(2000);
            line.close();
            selector.close();
            front.close();
            for (DatagramChannel ch : upstreamByClient.values()) {
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
