package net.voicegslb.gslb.policy.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A GSLB name such as {@code sip.voip.example.com}.
 *
 * @param name        fully qualified name, lower case, no trailing dot required
 * @param recordTypes record types answered dynamically
 * @param pool        candidate site ids; their order is the configured fallback order
 * @param ttlSeconds  answer TTL; short, because answers follow health
 * @param parameters  ranking knobs
 */
public record Service(String name, Set<RecordType> recordTypes, List<String> pool, int ttlSeconds,
                      RankingParameters parameters) {
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        recordTypes = Set.copyOf(recordTypes);
        pool = List.copyOf(pool);
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " has an empty pool");
        }
        if (pool.size() != Set.copyOf(pool).size()) {
            throw new IllegalArgumentException("service " + name + " lists a site twice: " + pool);
        }
        if (ttlSeconds < 0) {
            throw new IllegalArgumentException("service " + name + ": ttlSeconds must be >= 0");
        }
    }
}
