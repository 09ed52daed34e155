package net.voicegslb.gslb.pbx.config;

import java.time.Duration;

/**
 * The transaction layer: RFC 3261 timers ({@code sip.timers.t1/t2/t4}) and the most server
 * transactions kept at once ({@code sip.max_server_transactions}; requests beyond it get 503).
 * Each transaction lives 64*T1 (32 s), so the default of 300,000 absorbs about 9,000 new
 * transactions a second, well above what one node handles.
 */
public record TransactionConfig(Duration t1, Duration t2, Duration t4, int maxServerTransactions) {

    public static TransactionConfig defaults() {
        return new TransactionConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5), 300_000);
    }
}
