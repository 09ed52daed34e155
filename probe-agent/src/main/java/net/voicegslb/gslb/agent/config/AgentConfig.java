package net.voicegslb.gslb.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.agent.probe.ReflectorLimits;
import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * The agent's validated configuration; defaults live in {@link AgentConfigLoader} and in
 * deploy/examples/agent.yaml.
 *
 * @param publicAddress     advertised in the hello; null = the node's own addresses only
 * @param metricsListen     standalone: where /metrics and /healthz are served; null = nowhere
 * @param stunServer        when set, the public address is discovered from it at start (RFC 8489)
 * @param stampReflector    where the reflector listens; null = no reflector. Default: the public
 *                          address (when it is an IP) or 127.0.0.1, port 862; never the wildcard
 *                          unless configured
 * @param reflectorLimits   the reflector's answer rates and source table bound
 * @param thirdPartyPbx     standalone mode: the PBX checked by SIP OPTIONS; null when embedded
 * @param thirdPartyCheck   how that PBX is checked: transport, TLS name and trust, drain cap
 * @param cpuLoad           whether the machine's CPU use counts as the node's load (and OVERLOADED
 *                          at 90 %); off for labs where many nodes share one machine
 */
public record AgentConfig(Path file, String nodeId, String siteId, String hostname, int capacityCalls,
                          Duration heartbeatInterval, Duration reportInterval, InetAddress publicAddress,
                          List<DnsNodeConfig> dnsNodes, int heartbeatQueue, int batchQueue, Duration backoffBase,
                          Duration backoffCap, InetSocketAddress stampReflector, Duration stampLossTimeout,
                          double maxProbeRate, Duration perTargetInterval, List<InetSocketAddress> stampTargets,
                          List<InetSocketAddress> sipOptionsTargets, List<InetSocketAddress> dnsTargets,
                          String dnsQueryName, InetSocketAddress thirdPartyPbx, int rise, int fall,
                          TlsFiles tls, InetSocketAddress stunServer, NsDiscoveryConfig discover,
                          InetSocketAddress metricsListen, boolean cpuLoad, ReflectorLimits reflectorLimits,
                          ThirdPartyCheck thirdPartyCheck) {

    /**
     * The standalone PBX check ({@code pbx.*}).
     *
     * @param transport  UDP, TCP or TLS
     * @param serverName TLS: SNI and the name the PBX's certificate must carry; null = its address
     * @param trustPem   TLS: CA certificates to trust instead of the JDK's; null = the JDK's
     * @param maxDrain   longest drain honoured from a 503's Retry-After; zero = such a 503 is a failure
     */
    public record ThirdPartyCheck(SipTransport transport, String serverName, Path trustPem, Duration maxDrain) {
        public static final ThirdPartyCheck DEFAULTS =
                new ThirdPartyCheck(SipTransport.UDP, null, null, Duration.ofMinutes(10));
    }

    /**
     * Find DNS nodes from the NS records of {@code zone} at start; each becomes
     * {@code scheme://NS-NAME:port path}, authenticated with {@code tokenFile}. NS answers are
     * unauthenticated DNS, so a discovered node is only trusted by a certificate from
     * {@code trustPem} for its name, and only names under {@code nameSuffix} are used at all.
     *
     * @param resolver   DNS server to ask, or null for the system's
     * @param trustPem   the private CA a discovered node's certificate must chain to; replaces the
     *                   JDK's CAs and {@code telemetry.tls.trust_pem} for discovered nodes
     * @param nameSuffix lower case, no leading or trailing dot; an NS name must equal it or end
     *                   with "." + it
     */
    public record NsDiscoveryConfig(String zone, String scheme, int port, String path, Path tokenFile,
                                    InetSocketAddress resolver, Path trustPem, String nameSuffix) {
        public NsDiscoveryConfig {
            // Defence in depth for code that builds this without the loader.
            if (!"wss".equals(scheme) || trustPem == null || nameSuffix == null || nameSuffix.isEmpty()) {
                throw new IllegalArgumentException("NS discovery needs wss, a trust anchor and a name suffix");
            }
        }
    }

    /**
     * TLS material for {@code wss://} DNS nodes, all optional PEM files.
     *
     * @param trustPem CA certificates to trust instead of the JDK's (e.g. a private CA)
     * @param certPem  client certificate chain for mutual TLS (with {@code keyPem})
     */
    public record TlsFiles(Path trustPem, Path certPem, Path keyPem) {
        public static final TlsFiles NONE = new TlsFiles(null, null, null);
    }

    /**
     * One DNS node to stream to.
     *
     * @param tokenFile bearer token file, read at every connect; null with mutual TLS
     */
    public record DnsNodeConfig(java.net.URI url, Path tokenFile) {
    }
}
