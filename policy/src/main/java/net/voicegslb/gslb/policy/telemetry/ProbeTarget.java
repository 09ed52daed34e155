package net.voicegslb.gslb.policy.telemetry;

import java.net.InetAddress;
import java.util.Objects;
import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Something an agent should probe because DNS sees demand from it.
 *
 * @param prefix  the client prefix the result should be filed under
 * @param address what to send probes to (a resolver or a reflector)
 * @param method  probe kind
 * @param weight  relative query volume, so agents can probe the busiest prefixes first
 */
public record ProbeTarget(ClientPrefix prefix, InetAddress address, MeasurementSource method, double weight) {
    public ProbeTarget {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight must be >= 0");
        }
    }
}
