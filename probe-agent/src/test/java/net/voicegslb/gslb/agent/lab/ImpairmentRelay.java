package net.voicegslb.gslb.agent.lab;

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
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's stand-in for netem (this kernel has none): a UDP proxy on 127.0.0.1 that forwards each
 * client's datagrams to one upstream and the answers back, adding a configured delay, jitter and
 * loss per direction. Deterministic for a given seed and packet order (one {@link Random} per
 * direction, drawn in arrival order). At most {@code maxQueued} packets wait at once; beyond that
 * packets are dropped and counted as overflow, so a runaway test cannot exhaust memory.
 *
 * <p>Each client address gets its own upstream socket, so the upstream sees distinct sources the way
 * distinct client networks would look. Two threads: one reads every socket (selector), one sends
 * packets when their hold time is over.
 *
 * <p>Lives in probe-agent's test sources (and test-jar) until the lab needs it elsewhere; it will
 * then move to a test-support module.
 */
public final class ImpairmentRelay implements AutoCloseable {

    private final InetSocketAddress upstream;
    // volatile: a lab may change the path's conditions while packets flow (see impair)
    private volatile Impairment forward;
    private volatile Impairment reverse;
    private final Random forwardRandom;
    private final Random reverseRandom;
    private final int maxQueued;
    private final DatagramChannel front;
    private final Selector selector;
    private final Map<InetSocketAddress, DatagramChannel> upstreamByClient = new HashMap<>();
    // What the upstream sees as its clients' addresses; read by tests while the reader adds to it.
    private final java.util.Set<InetSocketAddress> upstreamSources =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger dropNextForward =
            new java.util.concurrent.atomic.AtomicInteger();
    private final DelayQueue<Held> queue = new DelayQueue<>();
    private final Thread reader;
    private final Thread sender;
    private volatile boolean running = true;

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong late = new AtomicLong();

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
        this.forward = forward;
        this.reverse = reverse;
        this.forwardRandom = new Random(seed);
        this.reverseRandom = new Random(seed * 31 + 7);
        this.maxQueued = maxQueued;
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
        sender = new Thread(this::sendLoop, "relay-send");
        reader.setDaemon(true);
        sender.setDaemon(true);
        reader.start();
        sender.start();
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
        this.forward = Objects.requireNonNull(forward, "forward");
        this.reverse = Objects.requireNonNull(reverse, "reverse");
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
        return late.get();
    }

    public static final long LATE_NANOS = 3_000_000L;

    /** Packets dropped because {@code maxQueued} were already waiting. */
    public long overflow() {
        return overflow.get();
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
                            hold(data, forward, forwardRandom, upstreamFor(from), upstream, forwarded);
                        } else {
                            hold(data, reverse, reverseRandom, front, client, returned);
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

    private void hold(byte[] data, Impairment how, Random random, DatagramChannel via, InetSocketAddress to,
                      AtomicLong counter) {
        long hold = how.holdNanos(random);
        if (hold < 0) {
            dropped.incrementAndGet();
            return;
        }
        if (queue.size() >= maxQueued) {
            overflow.incrementAndGet();
            return;
        }
        counter.incrementAndGet();
        queue.add(new Held(System.nanoTime() + hold, data, via, to));
    }

    private void sendLoop() {
        while (running) {
            try {
                Held h = queue.poll(200, TimeUnit.MILLISECONDS);
                if (h != null) {
                    if (System.nanoTime() - h.dueNanos > LATE_NANOS) {
                        late.incrementAndGet(); // the host, not the configured impairment, delayed it
                    }
                    h.via.send(ByteBuffer.wrap(h.data), h.to);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    overflow.incrementAndGet(); // a send failure is a drop too; keep relaying
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        selector.wakeup();
        try {
            reader.join(2000);
            sender.join(2000);
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

    private record Held(long dueNanos, byte[] data, DatagramChannel via, InetSocketAddress to) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Held) o).dueNanos);
        }
    }
}
