package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.voicegslb.gslb.pbx.PbxNode;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing a user from the config and reloading (what SIGHUP does) takes effect at once: the
 * user can no longer register or call, and its bindings are gone. A config that does not load is
 * refused with file, line and field, and the node goes on with the previous one.
 */
class ConfigReloadIT {

    private static final String CONFIG = """
            sip:
              listen: [127.0.0.1:PORT]
            keepalive:
              interval: 0s
            media:
              enabled: false
            tenants:
              - domain: example.test
                users:
            %s
            """;
    private static final String USER_1001 = """
                  - user: "1001"
                    password: "pw-1001"
            """;
    private static final String USER_1002 = """
                  - user: "1002"
                    password: "pw-1002"
            """;

    @TempDir
    Path dir;

    private TestNode node;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, CONFIG.formatted(USER_1001 + USER_1002), MediaAnchor.NONE, PassiveObserver.NONE);
        file = dir.resolve("pbx-" + node.port + ".yaml");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private void rewrite(String yaml) throws Exception {
        Files.writeString(file, yaml.replace("PORT", Integer.toString(node.port)));
    }

    @Test
    void aUserRemovedFromTheConfigIsRefusedAfterAReloadAndLosesItsBindings() throws Exception {
        try (RawPhone p1 = new RawPhone(); RawPhone p2 = new RawPhone()) {
            DigestPhone phone1001 = new DigestPhone(p1, node.port, "example.test");
            DigestPhone phone1002 = new DigestPhone(p2, node.port, "example.test");
            assertThat(phone1001.registerWith("1001", "pw-1001")).startsWith("SIP/2.0 200");
            assertThat(phone1002.registerWith("1002", "pw-1002")).startsWith("SIP/2.0 200");
            assertThat(node.node.location().lookup("1001@example.test", System.currentTimeMillis())).hasSize(1);

            rewrite(CONFIG.formatted(USER_1002));
            PbxNode.ReloadResult result = node.node.reload();
            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(result.message()).contains("1 binding(s) of removed users dropped");

            assertThat(node.node.location().lookup("1001@example.test", System.currentTimeMillis())).isEmpty();
            assertThat(phone1001.registerWith("1001", "pw-1001")).startsWith("SIP/2.0 401");
            assertThat(invite(p1, "1001", "pw-1001")).as("a call by the removed user").startsWith("SIP/2.0 407");
            assertThat(node.node.location().lookup("1002@example.test", System.currentTimeMillis())).hasSize(1);
            assertThat(phone1002.registerWith("1002", "pw-1002")).startsWith("SIP/2.0 200");
            assertThat(node.registry.get("gslb.sip.reloads").tag("result", "ok").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aTenantAddedByAReloadIsServedAndRoutedAtOnce() throws Exception {
        rewrite(CONFIG.formatted(USER_1001 + USER_1002) + """
                  - domain: acme.test
                    users:
                      - user: "2001"
                        password: "pw-2001"
                      - user: "2002"
                        password: "pw-2002"
                """);
        PbxNode.ReloadResult result = node.node.reload();
        assertThat(result.ok()).as(result.message()).isTrue();
        try (RawPhone caller = new RawPhone(); RawPhone callee = new RawPhone()) {
            assertThat(new DigestPhone(callee, node.port, "acme.test").registerWith("2002", "pw-2002"))
                    .startsWith("SIP/2.0 200");
            DigestPhone phone = new DigestPhone(caller, node.port, "acme.test");
            // pre-loaded Route naming the new tenant's domain, as a phone with it as outbound proxy sends
            String route = "Route: <sip:acme.test;lr>\n";
            caller.send(phone.invite("2001", "2002", route), node.port);
            String nonce = DigestPhone.nonceOf(phone.await(3000));
            assertThat(nonce).as("407 for the new tenant's caller").isNotNull();
            caller.send(phone.invite("2001", "2002", route + DigestPhone.authorization("Proxy-Authorization", "INVITE",
                    "sip:2002@acme.test", "2001", "acme.test", "pw-2001", nonce, "00000001")), node.port);
            // the new tenant's domain in the Route names this node: the INVITE reaches 2002
            String rung = callee.receiveRequest(3000);
            assertThat(rung).as("the INVITE at the callee").isNotNull().startsWith("INVITE sip:2002@");
        }
    }

    @Test
    void aBrokenConfigIsRefusedWithFileLineAndFieldAndTheOldOneServesOn() throws Exception {
        rewrite(CONFIG.formatted(USER_1002).replace("      - user: \"1002\"", "      - usr: \"1002\""));
        PbxNode.ReloadResult result = node.node.reload();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).containsPattern(java.util.regex.Pattern.quote(file.toString())
                + ":\\d+: tenants\\[0\\]\\.users\\[0\\]\\.usr: unknown field");
        assertThat(node.registry.get("gslb.sip.reloads").tag("result", "failed").counter().count()).isEqualTo(1);
        try (RawPhone p1 = new RawPhone()) {
            assertThat(new DigestPhone(p1, node.port, "example.test").registerWith("1001", "pw-1001"))
                    .as("1001 is still configured in the config that serves").startsWith("SIP/2.0 200");
        }
    }

    /** An authenticated INVITE from {@code user} to 1002; the final word the node says to it. */
    private String invite(RawPhone phone, String user, String password) throws Exception {
        String invite = """
                INVITE sip:1002@example.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKreload%d
                Max-Forwards: 70
                From: <sip:%s@example.test>;tag=r%d
                To: <sip:1002@example.test>
                Call-ID: reload-call@test
                CSeq: %d INVITE
                %sContent-Length: 0

                """;
        phone.send(invite.formatted(phone.port(), 1, user, 1, 1, ""), node.port);
        DigestPhone reader = new DigestPhone(phone, node.port, "example.test");
        String nonce = DigestPhone.nonceOf(reader.await(3000));
        assertThat(nonce).isNotNull();
        phone.send(invite.formatted(phone.port(), 2, user, 2, 2, DigestPhone.authorization("Proxy-Authorization",
                "INVITE", "sip:1002@example.test", user, "example.test", password, nonce, "00000001")), node.port);
        String answer = reader.await(3000);
        while (answer != null && answer.startsWith("SIP/2.0 1")) {
            answer = reader.await(3000);
        }
        return answer;
    }
}
