package net.voicegslb.gslb.common.lab;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's emulated wire: each datagram offered is dropped with the path's loss probability or
 * held for a drawn one-way delay, then delivered by the line's one sender thread. One line may
 * carry many paths ({@link Lane}s, one per direction of a path), each with its own seeded
 * {@link Random}, so a path's draws do not depend on traffic on another path.
 *
 * <p>At most {@code maxQueued} datagrams wait at once over all lanes; beyond that a datagram is
 * dropped and counted as overflow, so a runaway lab cannot exhaust memory. Datagrams due at the
 * same instant leave in the order they were offered.
 */
public final class DelayLine implements AutoCloseable {

    /**
     * A datagram sent (or delivered) more than this after its due time: the host was too busy to
     * deliver the configured impairment, so a measurement over it is not one of the configured path.
     */
    public static final long LATE_NANOS = 3_000_000L;

    /** What became of an offered datagram. */
    public enum Outcome { HELD, LOST, OVERFLOW }

    /** Delivers one held datagram when it is due: a socket send, or a hand-over to a receiver. */
    @FunctionalInterface
    public interface Delivery {
        void deliver() throws Exception;
    }

    private final int maxQueued;
    private final DelayQueue<Held> queue = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;

    public DelayLine(String name, int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be >= 1");
        }
        this.maxQueued = maxQueued;
        sender = new Thread(this::sendLoop, name);
        sender.setDaemon(true);
        sender.start();
    }

    /** One direction of one path, starting with {@code impairment}; its draws come from {@code seed}. */
    public Lane lane(Impairment impairment, long seed) {
        return new Lane(impairment, new Random(seed));
    }

    /** Datagrams refused because {@code maxQueued} already waited, over all lanes. */
    public long overflow() {
        return overflow.get();
    }

    /** Datagrams delivered more than {@link #LATE_NANOS} after their due time. */
    public long late() {
        return late.get();
    }

    /** Deliveries that threw (a closed or failing socket): lost as well, and counted apart. */
    public long failed() {
        return failed.get();
    }

    /** Datagrams waiting now. */
    public int queued() {
        return queue.size();
    }

    private Outcome hold(long holdNanos, Delivery delivery) {
        if (holdNanos < 0) {
            return Outcome.LOST;
        }
        if (queue.size() >= maxQueued) {
            overflow.incrementAndGet();
            return Outcome.OVERFLOW;
        }
        queue.add(new Held(System.nanoTime() + holdNanos, sequence.getAndIncrement(), delivery));
        return Outcome.HELD;
    }

    private void sendLoop() {
        while (running) {
            Held h;
            try {
                h = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (h == null) {
                continue;
            }
            if (System.nanoTime() - h.dueNanos > LATE_NANOS) {
                late.incrementAndGet(); // the host, not the configured impairment, delayed it
            }
            try {
                h.delivery.deliver();
            } catch (Exception e) {
                if (running) {
                    failed.incrementAndGet(); // a failed delivery is a drop too; keep the line going
                }
            }
        }
    }

    /** Stops the sender; datagrams still held are discarded, as on a link taken down. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    /**
     * One direction of one path. The impairment may change while datagrams flow: datagrams already
     * held keep the hold time they were given, as datagrams already on a re-routed path would.
     */
    public final class Lane {
        private volatile Impairment impairment;
        private final Random random;
        private final AtomicLong held = new AtomicLong();
        private final AtomicLong lost = new AtomicLong();

        private Lane(Impairment impairment, Random random) {
            this.impairment = Objects.requireNonNull(impairment, "impairment");
            this.random = random;
        }

        public void impair(Impairment impairment) {
            this.impairment = Objects.requireNonNull(impairment, "impairment");
        }

        public Impairment impairment() {
            return impairment;
        }

        /**
         * Draws this datagram's fate and, unless lost or refused, runs {@code delivery} when it is
         * due. The draws are made under the lane's lock, so several senders keep the seeded
         * sequence intact (its order then follows their arrival order).
         */
        public Outcome offer(Delivery delivery) {
            long holdNanos;
            synchronized (random) {
                holdNanos = impairment.holdNanos(random);
            }
            Outcome outcome = hold(holdNanos, delivery);
            if (outcome == Outcome.HELD) {
                held.incrementAndGet();
            } else if (outcome == Outcome.LOST) {
                lost.incrementAndGet();
            }
            return outcome;
        }

        /** Datagrams accepted for delivery. */
        public long held() {
            return held.get();
        }

        /** Datagrams dropped by the configured loss. */
        public long lost() {
            return lost.get();
        }
    }

    private record Held(long dueNanos, long sequence, Delivery delivery) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Held other = (Held) o;
            int byDue = Long.compare(dueNanos, other.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
