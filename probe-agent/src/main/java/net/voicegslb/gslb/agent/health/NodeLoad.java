package net.voicegslb.gslb.agent.health;

/**
 * What the node the agent serves knows about itself. pbx-core implements it from its registrar,
 * call table and rtp-engine; in standalone mode {@link ThirdPartyPbxLoad} does, from an OPTIONS
 * check and the configured capacity. Called once per heartbeat from the agent's thread; must be
 * cheap and must not block.
 */
public interface NodeLoad {

    boolean registrarHealthy();

    boolean rtpHealthy();

    int activeCalls();

    int registrations();

    /** RTP port pairs still free, or -1 when not known (a third-party PBX). */
    int freeRtpPorts();

    /** A short reason when something is unhealthy, for logs; null when all is well. */
    default String problem() {
        return null;
    }
}
