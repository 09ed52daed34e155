package net.voicegslb.gslb.policy.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the measurement store; defaults in {@link #defaults()}.
 *
 * @param ipv4AggregationLength client IPv4 addresses are filed under this prefix length (/24: what
 *                              resolvers send in ECS and what one access network usually shares)
 * @param ipv6AggregationLength same for IPv6 (/48: a site allocation); at most 64
 * @param ipv4RollupLength      every measurement is also folded into this covering prefix so an
 *                              unmeasured /24 can borrow its neighbours' conditions (0 disables)
 * @param ipv6RollupLength      same for IPv6 (0 disables)
 * @param halfLifeMillis        weight of old samples halves after this long without news
 * @param maxWeight             history never outweighs this many samples (default 25: half a second
 *                              of one call's RTP), so that a report carrying a few hundred packets
 *                              moves the average by ~90 % of a real change at once (noise is left to
 *                              the ranking's hysteresis), while thin reports (a handful of probes)
 *                              move it only a little
 * @param minEffectiveSamples   below this decayed weight an estimate is too stale or thin to use
 * @param expireAfterMillis     {@link MeasurementStore#sweep} drops entries not updated for this long
 * @param maxPrefixes           hard bound on stored prefixes; beyond it the stalest of a small
 *                              sample is evicted on insert
 */
public record StoreSettings(int ipv4AggregationLength, int ipv6AggregationLength, int ipv4RollupLength,
                            int ipv6RollupLength, long halfLifeMillis, double maxWeight,
                            double minEffectiveSamples, long expireAfterMillis, int maxPrefixes) {

    public StoreSettings {
        List<String> errors = new ArrayList<>();
        if (ipv4AggregationLength < 1 || ipv4AggregationLength > 32) {
            errors.add("ipv4AggregationLength must be 1..32");
        }
        if (ipv6AggregationLength < 1 || ipv6AggregationLength > 64) {
            errors.add("ipv6AggregationLength must be 1..64");
        }
        if (ipv4RollupLength < 0 || ipv4RollupLength >= ipv4AggregationLength) {
            errors.add("ipv4RollupLength must be 0 or shorter than the aggregation length");
        }
        if (ipv6RollupLength < 0 || ipv6RollupLength >= ipv6AggregationLength) {
            errors.add("ipv6RollupLength must be 0 or shorter than the aggregation length");
        }
        if (halfLifeMillis <= 0 || expireAfterMillis <= 0) {
            errors.add("halfLifeMillis and expireAfterMillis must be > 0");
        }
        if (!(maxWeight >= 1) || !(minEffectiveSamples >= 0)) {
            errors.add("maxWeight must be >= 1 and minEffectiveSamples >= 0");
        }
        if (maxPrefixes < 16) {
            errors.add("maxPrefixes must be >= 16");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid store settings: " + String.join("; ", errors));
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(24, 48, 16, 32, 300_000, 25, 3, 6 * 3_600_000L, 4_000_000);
    }

    public StoreSettings withMaxPrefixes(int max) {
        return new StoreSettings(ipv4AggregationLength, ipv6AggregationLength, ipv4RollupLength, ipv6RollupLength,
                halfLifeMillis, maxWeight, minEffectiveSamples, expireAfterMillis, max);
    }

    public int aggregationLength(boolean ipv6) {
        return ipv6 ? ipv6AggregationLength : ipv4AggregationLength;
    }

    public int rollupLength(boolean ipv6) {
        return ipv6 ? ipv6RollupLength : ipv4RollupLength;
    }
}
