package net.voicegslb.gslb.deploy.it.phone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.deploy.it.gslb.LabProcess;
import net.voicegslb.gslb.deploy.it.support.GslbJar;

/**
 * One of our own PBX nodes as operators run it: {@code gslb pbx --config pbx-NODE.yaml
 * --agent-config agent-NODE.yaml}, registrar, proxy, RTP relay and the probe agent in one process,
 * on its own loopback address.
 */
final class PbxNodeProcess implements AutoCloseable {

    /** Small heap, C1 only: several of these share two CPUs with the DNS server and the phones. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final String id;
    private final Path dir;
    private final Path config;
    private final Path agentConfig;
    private LabProcess process;
    private int starts;

    PbxNodeProcess(String id, Path dir, Path config, Path agentConfig) {
        this.id = id;
        this.dir = dir;
        this.config = config;
        this.agentConfig = agentConfig;
    }

    /**
     * The node's config: tenant {@code example.test} with the lab's users and the default digest
     * settings (nothing written: one MD5 challenge, what baresip 1.0 can answer), tenant
     * {@link PhoneLab#PER_ALGORITHM_DOMAIN} with the same users offering SHA-256 and MD5 in one 401
     * each (which baresip 1.0 cannot), the other sites' nodes as peers, and its relay on its own
     * address and port range.
     */
    static String pbxYaml(String address, int sipPort, int mediaBase, List<String> peers, List<String> aliases,
            Map<String, String> users) {
        return pbxYaml(address, sipPort, mediaBase, peers, aliases, users, null);
    }

    /** As above; {@code tlsYaml} (the lines of a sip.tls section, indented, or null) adds SIP over TLS. */
    static String pbxYaml(String address, int sipPort, int mediaBase, List<String> peers, List<String> aliases,
            Map<String, String> users, String tlsYaml) {
        StringBuilder sb = new StringBuilder()
                .append("sip:\n  listen: [").append(address).append(':').append(sipPort).append("]\n")
                .append("  advertise: ").append(address).append(':').append(sipPort).append('\n')
                .append("  threads: 1\n");
        if (tlsYaml != null) {
            sb.append(tlsYaml);
        }
        if (!aliases.isEmpty()) {
            sb.append("  aliases: [").append(String.join(", ", aliases)).append("]\n");
        }
        // min_expires 10: the failover test's phone re-registers every few seconds, as a phone set
        // up for fast failover would
        sb.append("registrar: {min_expires: 10, max_expires: 3600, default_expires: 600, max_contacts: 10}\n")
                .append("auth: {nonce_lifetime: 5m, failures_per_minute: 20}\n")
                .append("keepalive: {interval: 30s, timeout: 5s}\n")
                .append("media: {enabled: true, listen: ").append(address).append(", ports: ").append(mediaBase)
                .append('-').append(mediaBase + 199).append(", max_sessions: 50}\n")
                .append("metrics: {listen: \"off\"}\n")
                .append("store: {path: data/pbx}\n");
        if (!peers.isEmpty()) {
            sb.append("peers:\n");
            for (String p : peers) {
                // site=host:port, optionally followed by |more: fields (e.g. |transport: tls)
                String[] peerAndMore = p.split("\\|", 2);
                String[] siteAndAddress = peerAndMore[0].split("=", 2);
                sb.append("  - {site: ").append(siteAndAddress[0]).append(", address: \"").append(siteAndAddress[1])
                        .append('"').append(peerAndMore.length > 1 ? ", " + peerAndMore[1] : "").append("}\n");
            }
            sb.append("peer_secret: \"phone-lab-peer-secret-0123456789\"\n");
        }
        sb.append("tenants:\n  - domain: example.test\n    auth: digest\n    users:\n");
        users.forEach((user, password) -> sb.append("      - {user: \"").append(user).append("\", password: \"")
                .append(password).append("\"}\n"));
        sb.append("  - domain: ").append(PhoneLab.PER_ALGORITHM_DOMAIN).append('\n')
                .append("    digest: {algorithms: [SHA-256, MD5], challenge: per_algorithm}\n    users:\n");
        users.forEach((user, password) -> sb.append("      - {user: \"").append(user).append("\", password: \"")
                .append(password).append("\"}\n"));
        return sb.toString();
    }

    static String agentYaml(String nodeId, String site, String address, int telemetryPort, Path tokenFile,
            int reflectorPort, int sipPort) {
        return "agent:\n"
                + "  node_id: " + nodeId + "\n"
                + "  site: " + site + "\n"
                + "  hostname: " + nodeId + ".nodes.voip.example.test\n"
                + "  capacity_calls: 1000\n"
                + "  heartbeat_interval: 1s\n"
                + "  report_interval: 1s\n"
                + "  public_address: " + address + "\n"
                + "  cpu_load: false\n"
                + "telemetry:\n"
                + "  nodes:\n"
                + "    - url: ws://127.0.0.1:" + telemetryPort + "/telemetry/v1\n"
                + "      token_file: " + tokenFile + "\n"
                + "      allow_plaintext: true\n"
                + "  backoff_base: 100ms\n"
                + "  backoff_cap: 1s\n"
                + "stamp:\n"
                + "  reflector: " + address + ":" + reflectorPort + "\n"
                + "pbx:\n"
                + "  sip_options: " + address + ":" + sipPort + "\n"
                + "  rise: 2\n"
                + "  fall: 2\n";
    }

    static PbxNodeProcess write(String id, Path dir, String pbxYaml, String agentYaml) {
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("pbx-" + id + ".yaml"), pbxYaml);
            Path agent = Files.writeString(dir.resolve("agent-" + id + ".yaml"), agentYaml);
            return new PbxNodeProcess(id, dir, config, agent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PbxNodeProcess start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", GslbJar.path().toString(), "pbx", "--config", config.toString(),
                "--agent-config", agentConfig.toString()));
        starts++;
        // each call's media summary in the log: what a failed phone test needs to say which leg went quiet
        process = LabProcess.start("pbx-" + id + "#" + starts, cmd, dir, dir.resolve("pbx-" + id + ".log"),
                Map.of("GSLB_MEDIA_LOG_LEVEL", "DEBUG"));
        await(id + " serves SIP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(id + " exited:\n" + process.log());
            }
            return process.log().contains("pbx serving SIP on");
        });
        return this;
    }

    String id() {
        return id;
    }

    /** SIGKILL, as a power cut would end the site. */
    void kill() {
        process.kill();
    }

    String log() {
        return process == null ? "(not started)" : process.log();
    }

    /** The config file the node was started with. */
    Path config() {
        return config;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
