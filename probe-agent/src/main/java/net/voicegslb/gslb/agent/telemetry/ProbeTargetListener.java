package net.voicegslb.gslb.agent.telemetry;

import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;

/** Receives the probe-target lists DNS nodes send; called on a link's context, must not block. */
@FunctionalInterface
public interface ProbeTargetListener {
    void onTargets(String dnsNodeId, ProbeTargetList list);
}
