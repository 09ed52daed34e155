package net.voicegslb.gslb.policy.model;

import java.util.Objects;

/**
 * A data center that serves the PBX.
 *
 * @param id            stable identifier used in telemetry and config
 * @param region        topology region, matched against {@code TopologyMap} for unmeasured clients
 * @param adminState    operator intent
 * @param capacityCalls concurrent calls the site can carry when all its nodes are healthy
 */
public record Site(String id, String region, AdminState adminState, int capacityCalls) {
    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(adminState, "adminState");
        if (id.isBlank()) {
            throw new IllegalArgumentException("site id must not be blank");
        }
        if (capacityCalls <= 0) {
            throw new IllegalArgumentException("site " + id + ": capacityCalls must be > 0, was " + capacityCalls);
        }
    }

    public Site withAdminState(AdminState state) {
        return new Site(id, region, state, capacityCalls);
    }
}
