package net.voicegslb.gslb.agent;

import java.net.InetSocketAddress;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;

/**
 * One thing to probe: how, where to send, and which client prefix the result describes (a resolver
 * probed for the clients behind it files under the clients' prefix, not the resolver's own).
 */
public record ProbeTask(MeasurementSource method, InetSocketAddress address, ClientPrefix prefix) {
}
