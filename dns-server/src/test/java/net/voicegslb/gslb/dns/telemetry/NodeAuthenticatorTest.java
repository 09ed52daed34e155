package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import net.voicegslb.gslb.dns.config.NodeCredential;
import org.junit.jupiter.api.Test;

class NodeAuthenticatorTest {

    static final Set<String> CONFIGURED = Set.of("fra-1", "nyc-1");
    final NodeAuthenticator tokens = new NodeAuthenticator(Map.of(
            "fra-1", NodeCredential.ofToken("fra-1", "fra-secret"),
            "nyc-1", NodeCredential.ofToken("nyc-1", "nyc-secret")), false);

    @Test
    void theTokenNamesTheNode() {
        assertThat(tokens.authenticate("Bearer fra-secret", null, CONFIGURED::contains))
                .contains(new AgentIdentity("fra-1", false));
        assertThat(tokens.authenticate("bearer nyc-secret", null, CONFIGURED::contains))
                .contains(new AgentIdentity("nyc-1", false));
    }

    @Test
    void unknownMissingOrNonBearerCredentialsAreRefused() {
        assertThat(tokens.authenticate("Bearer wrong", null, CONFIGURED::contains)).isEmpty();
        assertThat(tokens.authenticate("Bearer ", null, CONFIGURED::contains)).isEmpty();
        assertThat(tokens.authenticate("Basic ZnJhLXNlY3JldA==", null, CONFIGURED::contains)).isEmpty();
        assertThat(tokens.authenticate("fra-secret", null, CONFIGURED::contains)).isEmpty();
        assertThat(tokens.authenticate(null, null, CONFIGURED::contains)).isEmpty();
    }

    @Test
    void certificatesCountOnlyWhenEnabledAndForConfiguredNodes() {
        assertThat(tokens.authenticate(null, "fra-1", CONFIGURED::contains)).as("no client CA").isEmpty();
        NodeAuthenticator mtls = new NodeAuthenticator(Map.of(), true);
        assertThat(mtls.authenticate(null, "fra-1", CONFIGURED::contains)).contains(new AgentIdentity("fra-1", true));
        assertThat(mtls.authenticate(null, "evil-1", CONFIGURED::contains)).isEmpty();
        assertThat(mtls.authenticate("Bearer wrong", "fra-1", CONFIGURED::contains))
                .as("a presented token is judged alone").isEmpty();
    }

    @Test
    void aReloadKeepsOnlyConnectionsWhoseCredentialIsUnchanged() {
        NodeAuthenticator reloaded = new NodeAuthenticator(Map.of(
                "fra-1", NodeCredential.ofToken("fra-1", "fra-secret"),
                "nyc-1", NodeCredential.ofToken("nyc-1", "rotated")), false);
        assertThat(reloaded.stillAccepts(new AgentIdentity("fra-1", false), tokens)).isTrue();
        assertThat(reloaded.stillAccepts(new AgentIdentity("nyc-1", false), tokens)).isFalse();
        NodeAuthenticator removed = new NodeAuthenticator(Map.of(), false);
        assertThat(removed.stillAccepts(new AgentIdentity("fra-1", false), tokens)).isFalse();
        assertThat(removed.stillAccepts(new AgentIdentity("fra-1", true), tokens)).isFalse();
        assertThat(new NodeAuthenticator(Map.of(), true).stillAccepts(new AgentIdentity("fra-1", true), tokens)).isTrue();
    }
}
