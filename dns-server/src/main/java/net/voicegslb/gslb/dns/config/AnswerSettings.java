package net.voicegslb.gslb.dns.config;

import java.time.Duration;

/**
 * How dynamic answers are built.
 *
 * @param ttl             TTL of dynamic answers in steady state (default 20 s)
 * @param transitionTtl   TTL while a site of the pool is in transition (recently changed health,
 *                        recovering, draining, a challenger on hold, failing open), so that resolvers
 *                        come back soon (default 5 s)
 * @param transitionWindow a site whose health changed this recently counts as in transition
 * @param answerNodes     A/AAAA: at most this many healthy nodes of the best site (default 2)
 * @param refreshInterval precomputed answers are rebuilt at least this often while measurements
 *                        change; health and config changes rebuild them at once
 * @param maxClientKeys   bound on decision prefixes (the longest measured prefix covering a client;
 *                        clients nobody measured share one) kept precomputed; beyond it the least
 *                        recently asked is evicted
 * @param loopRankingsPerSecond rankings the DNS event loops may make per second for clients without
 *                        a precomputed answer (default 100); beyond it they get the site-wide answer
 *                        with the transition TTL and the background refresher ranks them
 */
public record AnswerSettings(Duration ttl, Duration transitionTtl, Duration transitionWindow, int answerNodes,
                             Duration refreshInterval, int maxClientKeys, int loopRankingsPerSecond) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_TRANSITION_TTL = Duration.ofSeconds(5);
    public static final int DEFAULT_ANSWER_NODES = 2;
    public static final int DEFAULT_LOOP_RANKINGS_PER_SECOND = 100;
}
