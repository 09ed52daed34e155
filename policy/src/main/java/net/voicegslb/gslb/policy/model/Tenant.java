package net.voicegslb.gslb.policy.model;

import java.util.List;
import java.util.Objects;

/**
 * A hosted customer whose phones should land on its home sites when those are healthy and not
 * clearly worse (registrations and call history live there).
 */
public record Tenant(String label, List<String> homeSites) {
    public Tenant {
        Objects.requireNonNull(label, "label");
        homeSites = List.copyOf(homeSites);
    }

    public boolean isHome(String siteId) {
        return homeSites.contains(siteId);
    }
}
