package net.voicegslb.gslb.dns.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.voicegslb.gslb.policy.PolicySettings;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.store.TopologyMap;

/**
 * The GSLB part of the configuration: the configured world (sites, nodes, services, tenants), how
 * answers are built from it, and the inputs that keep it current (telemetry, SIP checks). Absent
 * ({@code null} in {@link DnsConfig}) when the server only serves static zones.
 *
 * @param inventory   sites, nodes, services (named by their SIP domain) and tenants
 * @param topology    configured prefix-to-region map for clients without measurements
 * @param policy      engine-wide policy knobs, including the heartbeat timeout derived from
 *                    {@code health.heartbeat_interval × health.missed_heartbeats}
 * @param answers     how DNS answers are built
 * @param hosts       the A/AAAA name of each service, by service domain
 * @param telemetry   the agents' ingest endpoint and per-node credentials
 * @param sipChecks   active SIP OPTIONS checks of every node
 * @param checkTargets what the SIP checker probes, one entry per (node, transport)
 * @param events      where health transitions and config changes are kept
 */
public record GslbConfig(Inventory inventory, TopologyMap topology, PolicySettings policy, AnswerSettings answers,
                         Map<String, String> hosts,
                         TelemetryConfig telemetry, SipCheckConfig sipChecks, List<SipCheckTarget> checkTargets,
                         EventsConfig events) {
    public GslbConfig {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(sipChecks, "sipChecks");
        Objects.requireNonNull(events, "events");
        checkTargets = List.copyOf(checkTargets);
        hosts = Map.copyOf(hosts);
    }

    /** Telemetry credentials by node id. */
    public Map<String, NodeCredential> credentials() {
        return telemetry.credentials();
    }
}
