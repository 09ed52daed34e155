package net.voicegslb.gslb.pbx;

import java.util.concurrent.atomic.AtomicReference;
import net.voicegslb.gslb.agent.health.NodeLoad;
import net.voicegslb.gslb.rtp.control.RelayCapacity;
import net.voicegslb.gslb.rtp.control.RtpRelay;

/**
 * What an embedded agent reports in its heartbeats about the PBX node it lives in: registrar
 * health and registrations from the node, calls and free port pairs from the RTP relay. The node
 * is set once it has started (the agent starts first, so the node can feed it from its first
 * registration); until then the registrar counts as not yet healthy.
 */
final class EmbeddedNodeLoad implements NodeLoad {

    private final AtomicReference<PbxNode> node = new AtomicReference<>();
    private final RtpRelay relay;

    EmbeddedNodeLoad(RtpRelay relay) {
        this.relay = relay;
    }

    void started(PbxNode started) {
        node.set(started);
    }

    @Override
    public boolean registrarHealthy() {
        return node.get() != null;
    }

    @Override
    public boolean rtpHealthy() {
        return relay == null || !relay.capacity().full();
    }

    @Override
    public int activeCalls() {
        return relay == null ? 0 : relay.capacity().sessions();
    }

    @Override
    public int registrations() {
        PbxNode n = node.get();
        return n == null ? 0 : n.location().bindingCount();
    }

    @Override
    public int freeRtpPorts() {
        if (relay == null) {
            return -1;
        }
        RelayCapacity c = relay.capacity();
        return c.portsFree() / 2;
    }

    @Override
    public String problem() {
        if (node.get() == null) {
            return "SIP node not started";
        }
        return relay != null && relay.capacity().full() ? "RTP relay full" : null;
    }
}
