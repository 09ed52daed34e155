package net.voicegslb.gslb.pbx.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads every synthetic phone of a lab shares, so thirty phones cost three threads, not
 * sixty: one selector reads all their sockets (SIP, RTP, RTCP), one loop runs all their logic
 * and timers, and one runs their blocking lookups (where to register). A phone's state is
 * touched only on the loop, so it needs no locks.
 */
public final class PhoneIo implements AutoCloseable {

    /** Receives a datagram on the selector thread; must hand work to the loop, not do it. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(InetSocketAddress from, byte[] data);
    }

    private final Selector selector;
    private final ScheduledExecutorService loop;
    private final java.util.concurrent.ExecutorService lookups;
    private final Thread reader;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Set<DatagramChannel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicLong taskFailures = new AtomicLong();
    private volatile boolean running = true;

    public PhoneIo(String name) throws IOException {
        selector = Selector.open();
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-loop");
            t.setDaemon(true);
            return t;
        });
        lookups = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-lookup");
            t.setDaemon(true);
            return t;
        });
        reader = new Thread(this::readLoop, name + "-read");
        reader.setDaemon(true);
        reader.start();
    }

    /** A non-blocking UDP socket bound to {@code bind}, read by the selector into {@code receiver}. */
    public DatagramChannel open(InetSocketAddress bind, Receiver receiver) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bind);
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        channels.add(ch);
        // registering blocks while select() runs: hand it to the selector thread instead
        pending.add(() -> {
            try {
                ch.register(selector, SelectionKey.OP_READ, receiver);
            } catch (IOException e) {
                closeQuietly(ch);
            }
        });
        selector.wakeup();
        return ch;
    }

    /** Closes a socket opened here (its key goes with it). */
    public void release(DatagramChannel ch) {
        if (ch != null) {
            channels.remove(ch);
            closeQuietly(ch);
        }
    }

    /**
     * Runs {@code task} on the loop; a failure is counted, never lets the loop die. False if the
     * loop is closed and the task will not run.
     */
    public boolean execute(Runnable task) {
        if (!running) {
            return false;
        }
        try {
            loop.execute(guarded(task));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // closed meanwhile
        }
    }

    /**
     * Runs a blocking {@code lookup} (a DNS query) on a thread of its own and hands the result,
     * or null if it threw, to {@code then} on the loop: a slow or dead resolver must not stall
     * every phone's RTP. Lookups run one at a time, as a phone's stub resolver would queue them.
     */
    public <T> void lookup(java.util.function.Supplier<T> lookup, java.util.function.Consumer<T> then) {
        if (!running) {
            return;
        }
        try {
            lookups.execute(() -> {
                T result;
                try {
                    result = lookup.get();
                } catch (RuntimeException e) {
                    result = null; // a failed lookup is no answer: the caller backs off
                }
                T r = result;
                execute(() -> then.accept(r));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Runs {@code task} on the loop after the delay; null if the loop is closed. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return running ? loop.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS) : null;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} on the loop at a fixed rate; null if the loop is closed. */
    public ScheduledFuture<?> every(Runnable task, long initialMillis, long periodMillis) {
        try {
            return running ? loop.scheduleAtFixedRate(guarded(task), initialMillis, periodMillis, TimeUnit.MILLISECONDS)
                    : null;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /** Tasks that threw: a bug in a phone, visible in the lab's report rather than a dead thread. */
    public long taskFailures() {
        return taskFailures.get();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                taskFailures.incrementAndGet();
            }
        };
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        try {
            while (running) {
                for (Runnable r; (r = pending.poll()) != null; ) {
                    r.run();
                }
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    Receiver receiver = (Receiver) key.attachment();
                    for (int burst = 0; burst < 32; burst++) { // bounded: other sockets get their turn
                        buf.clear();
                        InetSocketAddress from;
                        try {
                            from = (InetSocketAddress) ch.receive(buf);
                        } catch (IOException e) {
                            break; // a closed socket or an ICMP error: nothing more to read here now
                        }
                        if (from == null) {
                            break;
                        }
                        buf.flip();
                        byte[] data = new byte[buf.remaining()];
                        buf.get(data);
                        receiver.onDatagram(from, data);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing: nothing to do
        }
    }

    /** Stops both threads and closes every socket still open. */
    @Override
    public void close() {
        running = false;
        loop.shutdownNow();
        lookups.shutdownNow();
        selector.wakeup();
        try {
            reader.join(2000);
            loop.awaitTermination(2, TimeUnit.SECONDS);
            lookups.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DatagramChannel ch : channels) {
            closeQuietly(ch);
        }
        channels.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to free
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already closed or never bound: nothing left to free
        }
    }
}
