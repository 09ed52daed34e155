package net.voicegslb.gslb.agent;

import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
public final class ManualClock implements AgentClock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final long epochOffset = 1_700_000_000_000_000_000L;

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public long epochNanos() {
        return epochOffset + nanos.get();
    }

    public void advanceMillis(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }
}
