package net.voicegslb.gslb.agent.config;

import net.voicegslb.gslb.policy.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whatever the config file holds, the loader returns a config or a {@link ConfigException} whose
 * problems all name the file; it never throws anything else. Seeds in AgentConfigFuzzTestInputs/;
 * fuzz for real with {@code JAZZER_FUZZ=1 ./mvnw -pl probe-agent test -Dtest=AgentConfigFuzzTest}.
 */
class AgentConfigFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyFileLoadsOrIsRejectedWithLocatedProblems(byte[] data) throws Exception {
        Path dir = Files.createTempDirectory("agent-fuzz");
        Path file = dir.resolve("agent.yaml");
        try {
            Files.write(file, data);
            try {
                AgentConfig c = new AgentConfigLoader().load(file);
                assertThat(c.nodeId()).isNotNull();
                assertThat(c.dnsNodes()).isNotEmpty();
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toAbsolutePath().normalize()));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
