package net.voicegslb.gslb.dns;

import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.dns.config.DnsConfig;

/**
 * The settings a reload cannot apply to a running server (they shape sockets and threads), so
 * that a reload can say which of the edits it read will wait for a restart instead of hiding them.
 */
final class RestartSettings {

    private RestartSettings() {}

    static List<String> changed(DnsConfig running, DnsConfig next) {
        List<String> out = new ArrayList<>();
        if (!running.listen().equals(next.listen())) {
            out.add("dns.listen");
        }
        if (running.threads() != next.threads()) {
            out.add("dns.threads");
        }
        if (!running.tcpIdleTimeout().equals(next.tcpIdleTimeout())) {
            out.add("dns.tcp.idle_timeout");
        }
        if (running.tcpMaxConnections() != next.tcpMaxConnections()) {
            out.add("dns.tcp.max_connections");
        }
        if (!java.util.Objects.equals(running.admin().withoutUsers(), next.admin().withoutUsers())) {
            out.add("admin");
        }
        if (running.gslb() != null && next.gslb() != null) {
            var a = running.gslb().telemetry();
            var b = next.gslb().telemetry();
            if (!java.util.Objects.equals(a.listen(), b.listen()) || a.plaintext() != b.plaintext()
                    || !java.util.Objects.equals(a.certPem(), b.certPem())
                    || !java.util.Objects.equals(a.keyPem(), b.keyPem())
                    || !java.util.Objects.equals(a.clientCaPem(), b.clientCaPem())
                    || a.allowCnIdentity() != b.allowCnIdentity()) {
                out.add("gslb.telemetry (listen, allow_plaintext, tls)");
            }
            if (!java.util.Objects.equals(a.admission(), b.admission())) {
                out.add("gslb.telemetry.admission");
            }
            if (!running.gslb().policy().equals(next.gslb().policy())) {
                out.add("gslb.health (heartbeat timeout, rise, SIP rise/fall)");
            }
            if (!running.gslb().events().equals(next.gslb().events())) {
                out.add("gslb.events");
            }
        }
        return out;
    }
}
