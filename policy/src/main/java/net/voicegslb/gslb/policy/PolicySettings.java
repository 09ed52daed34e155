package net.voicegslb.gslb.policy;

import java.util.Objects;
import net.voicegslb.gslb.policy.health.HealthSettings;
import net.voicegslb.gslb.policy.quality.EModelSettings;
import net.voicegslb.gslb.policy.rank.ScoringSettings;
import net.voicegslb.gslb.policy.store.StoreSettings;

/** All engine-wide knobs in one place; per-service knobs live in each service's RankingParameters. */
public record PolicySettings(StoreSettings store, HealthSettings health, EModelSettings eModel,
                             ScoringSettings scoring, long maxHysteresisKeys) {
    public PolicySettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(eModel, "eModel");
        Objects.requireNonNull(scoring, "scoring");
        if (maxHysteresisKeys < 0) {
            throw new IllegalArgumentException("maxHysteresisKeys must be >= 0");
        }
    }

    public static PolicySettings defaults() {
        return new PolicySettings(StoreSettings.defaults(), HealthSettings.defaults(), EModelSettings.defaults(),
                ScoringSettings.defaults(), 2_000_000);
    }
}
