package net.voicegslb.gslb.dns.telemetry;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;

/** Telemetry messages as an agent of node {@code fra-1} at site {@code fra} would send them. */
final class Frames {

    private Frames() {
    }

    static NodeHello hello(String node, String site) {
        return hello(node, site, 1_000);
    }

    static NodeHello hello(String node, String site, long heartbeatMillis) {
        return new NodeHello(WireProtocol.VERSION, node, site, node + ".nodes.voip.example.test",
                List.of(InetAddress.getLoopbackAddress()), List.of(new SipEndpoint(SipTransport.UDP, 5060)), 2000,
                "test", heartbeatMillis);
    }

    static NodeHeartbeat heartbeat(String node) {
        return new NodeHeartbeat(WireProtocol.VERSION, node, 1, Set.of(), 3, 10, 500, 0.25);
    }

    static MeasurementBatch batch(String node, String site, String... prefixes) {
        List<PrefixMeasurement> ms = new java.util.ArrayList<>();
        for (String p : prefixes) {
            ms.add(new PrefixMeasurement(ClientPrefix.parse(p), MeasurementSource.STAMP, 20, 2, 0.01, 10));
        }
        return MeasurementBatch.of(node, site, 0, ms);
    }
}
