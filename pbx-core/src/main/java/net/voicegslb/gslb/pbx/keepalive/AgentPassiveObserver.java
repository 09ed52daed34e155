package net.voicegslb.gslb.pbx.keepalive;

import net.voicegslb.gslb.agent.passive.PassiveMeasurements;

/**
 * Feeds what the node sees of its phones into the embedded probe agent, which aggregates it per
 * client prefix: registrations count demand, keepalive round trips and failures measure the path.
 * The agent's aggregation is in memory and cheap, so calling it from a SIP event loop is fine.
 */
public final class AgentPassiveObserver implements PassiveObserver {

    private final PassiveMeasurements passive;

    public AgentPassiveObserver(PassiveMeasurements passive) {
        this.passive = passive;
    }

    @Override
    public void registered(RegistrationSeen event) {
        passive.registration(event.source());
    }

    @Override
    public void keepalive(KeepaliveResult event) {
        if (event.answered()) {
            passive.keepaliveRtt(event.target(), event.rttNanos() / 1_000_000.0);
        } else {
            passive.keepaliveFailure(event.target());
        }
    }
}
