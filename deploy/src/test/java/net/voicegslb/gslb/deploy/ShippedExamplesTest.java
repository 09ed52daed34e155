package net.voicegslb.gslb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.dns.gslb.DynamicNames;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config shipped in {@code deploy/examples} loads with the loader of its process, as is
 * (from a copy, since loading creates missing token files): an example that drifted from the code
 * is a broken first experience. A new example of no known kind fails here until it is added.
 */
class ShippedExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedExampleIsTestedHere() throws IOException {
        try (Stream<Path> files = Files.list(GslbJar.examples())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
                    .containsExactly("agent.yaml", "gslb-sites.yaml", "gslb.yaml", "pbx.yaml");
        }
    }

    @Test
    void staticDnsExampleLoadsWithItsZones() throws Exception {
        DnsConfig cfg = new ConfigLoader().load(copy().resolve("gslb.yaml"));
        assertThat(new ZoneSetLoader().load(cfg.zones()).zones()).isNotEmpty();
        assertThat(cfg.hasGslb()).isFalse();
    }

    @Test
    void threeSiteExampleLoadsWithItsZonesAndGslbNames() throws Exception {
        DnsConfig cfg = new ConfigLoader().load(copy().resolve("gslb-sites.yaml"));
        assertThat(new ZoneSetLoader().load(cfg.zones()).zones()).isNotEmpty();
        assertThat(cfg.gslb().inventory().sites()).hasSize(3);
        assertThat(cfg.gslb().inventory().nodes()).hasSize(4);
        assertThat(DynamicNames.from(cfg.gslb()).byName()).isNotEmpty();
    }

    @Test
    void pbxExampleLoads() throws Exception {
        PbxConfig cfg = new PbxConfigLoader().load(copy().resolve("pbx.yaml"));
        assertThat(cfg).isNotNull();
    }

    /** The standalone agent is fra-2 of the three-site example, reading the token the DNS node wrote. */
    @Test
    void agentExampleLoadsAsANodeOfTheThreeSiteExample() throws Exception {
        Path copy = copy();
        DnsConfig dns = new ConfigLoader().load(copy.resolve("gslb-sites.yaml"));
        AgentConfig agent = new AgentConfigLoader().load(copy.resolve("agent.yaml"));
        var node = dns.gslb().inventory().nodes().stream().filter(n -> n.id().equals(agent.nodeId())).findFirst();
        assertThat(node).as("agent.yaml's node_id %s in gslb-sites.yaml", agent.nodeId()).isPresent();
        assertThat(node.get().siteId()).isEqualTo(agent.siteId());
        assertThat(node.get().hostname()).isEqualTo(agent.hostname());
        assertThat(agent.dnsNodes().get(0).tokenFile().toRealPath())
                .isEqualTo(copy.resolve("tokens").resolve(agent.nodeId() + ".token").toRealPath());
    }

    private Path copy() {
        Path target = dir.resolve("examples");
        return Files.exists(target) ? target : GslbJar.copyOfExamples(dir);
    }
}
