package net.voicegslb.gslb.dns.gslb;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the answer table refused to do, counted across reloads (each config gets a new table, the
 * counters stay): entries evicted at the size bound, and rankings the query path deferred because
 * its budget was spent. Exported as {@code gslb_answers_evictions_total} and
 * {@code gslb_answers_deferred_rankings_total}.
 */
public final class AnswerTableCounters {

    private final LongAdder evictions = new LongAdder();
    private final LongAdder deferred = new LongAdder();

    void evicted() {
        evictions.increment();
    }

    void deferred() {
        deferred.increment();
    }

    public long evictions() {
        return evictions.sum();
    }

    public long deferredRankings() {
        return deferred.sum();
    }
}
