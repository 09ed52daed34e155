package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3261 16.7 step 3: a response that has no Via left once the proxy removed its own was meant
 * for the proxy and is not forwarded. A callee that answers with the proxy's Via alone (as a
 * careless UA answering a CANCEL's Via set would) must not make the node send the caller a
 * response without any Via; the same answer with the Via set intact reaches the caller.
 */
class ProxyResponseIT {

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """, MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aResponseWithOnlyOurViaIsNotForwardedAndAWholeOneIs() throws Exception {
        try (RawPhone alice = new RawPhone(); RawPhone bob = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);

            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:alice@open.test>;tag=a1",
                    "<sip:bob@open.test>", "via-1@test", "z9hG4bKvia1", "", false), node.port);
            String invite = RawCalls.receiveRequestStartingWith(bob, "INVITE ", 3000);
            assertThat(invite).as("the INVITE reached bob").isNotNull();
            bob.send(onlyTopVia(RawCalls.response(invite, "486 Busy Here")), node.port);
            assertThat(RawCalls.receiveStartingWith(alice, "SIP/2.0 486", 1500))
                    .as("a 486 without alice's Via forwarded to alice").isNull();
            assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "response_for_us").counter().count())
                    .isEqualTo(1);

            alice.send(RawCalls.request(alice, "INVITE", "sip:bob@open.test", "<sip:alice@open.test>;tag=a2",
                    "<sip:bob@open.test>", "via-2@test", "z9hG4bKvia2", "", false), node.port);
            String second = RawCalls.receiveRequestStartingWith(bob, "INVITE ", 3000);
            assertThat(second).isNotNull();
            bob.send(RawCalls.response(second, "486 Busy Here"), node.port);
            String busy = RawCalls.receiveStartingWith(alice, "SIP/2.0 486", 3000);
            assertThat(busy).as("the whole 486 reaches alice").isNotNull()
                    .contains("branch=z9hG4bKvia2").doesNotContain("branch=z9hG4bKvia1");
        }
    }

    /** The response with its first Via line only (the proxy's), as if answered to the proxy's own request. */
    private static String onlyTopVia(String response) {
        boolean[] seen = {false};
        return Arrays.stream(response.split("\r\n", -1)).filter(l -> {
            if (!l.toLowerCase(java.util.Locale.ROOT).startsWith("via:")) {
                return true;
            }
            boolean keep = !seen[0];
            seen[0] = true;
            return keep;
        }).collect(Collectors.joining("\r\n"));
    }
}
