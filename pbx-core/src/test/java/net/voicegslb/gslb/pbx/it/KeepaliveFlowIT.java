package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.pbx.keepalive.KeepaliveResult;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.RegistrationSeen;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Contact is whatever the registering party wrote. A client at 127.0.0.5 that registers contacts
 * in 127.0.9.0/24 must not get our keepalives sent into that network, nor have their loss filed
 * against it: keepalives go over the REGISTER's own flow and are attributed to its prefix. And
 * one source cannot make the node hold (and keepalive) more contacts than its limits allow.
 */
class KeepaliveFlowIT {

    @TempDir
    Path dir;

    private TestNode node;
    private final List<KeepaliveResult> keepalives = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                registrar:
                  max_contacts_per_source: 3
                  max_bindings: 4
                keepalive:
                  interval: 1s
                  timeout: 1500ms
                media:
                  enabled: false
                tenants:
                  - domain: open.test
                    auth: none
                """, MediaAnchor.NONE, new PassiveObserver() {
                    @Override
                    public void registered(RegistrationSeen event) {}

                    @Override
                    public void keepalive(KeepaliveResult event) {
                        keepalives.add(event);
                    }
                });
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String register(RawPhone from, String user, String contact, int cseq) {
        return """
                REGISTER sip:open.test SIP/2.0
                Via: SIP/2.0/UDP %s:%d;rport;branch=z9hG4bK-kf-%s-%d
                Max-Forwards: 70
                From: <sip:%s@open.test>;tag=k%d
                To: <sip:%s@open.test>
                Call-ID: kf-%s@test
                CSeq: %d REGISTER
                Contact: <%s>
                Expires: 600
                Content-Length: 0

                """.formatted(from.socket.getLocalAddress().getHostAddress(), from.port(), user, cseq, user, cseq,
                user, user, cseq, contact);
    }

    /** The next response, skipping keepalive OPTIONS. */
    private static String response(RawPhone phone) throws Exception {
        return new DigestPhone(phone, 0, "open.test").await(3000);
    }

    @Test
    void keepalivesFollowTheRegistrationFlowNotTheContactAndSpeakOnlyForItsPrefix() throws Exception {
        try (RawPhone phone = new RawPhone(InetAddress.getByName("127.0.0.5"));
                RawPhone victim = new RawPhone(InetAddress.getByName("127.0.9.7"))) {
            phone.send(register(phone, "alice", "sip:alice@127.0.9.7:" + victim.port(), 1), node.port);
            assertThat(response(phone)).startsWith("SIP/2.0 200");

            // answered: the OPTIONS comes to the REGISTER's socket
            String options = phone.receiveRequest(4000);
            assertThat(options).as("keepalive OPTIONS on the registration flow").isNotNull().startsWith("OPTIONS ");
            phone.reply(options, "SIP/2.0 200 OK");
            await().atMost(Duration.ofSeconds(5)).until(() -> keepalives.stream().anyMatch(KeepaliveResult::answered));
            // then silent: the next ones time out, and that too is filed under the source's prefix
            await().atMost(Duration.ofSeconds(10)).until(() -> keepalives.stream().anyMatch(k -> !k.answered()));

            assertThat(victim.receiveRequest(200)).as("anything sent into the Contact's network").isNull();
            assertThat(keepalives).allSatisfy(k -> {
                assertThat(k.clientPrefix()).isEqualTo("127.0.0.0/24");
                assertThat(k.target().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.5"));
                assertThat(k.target().getPort()).isEqualTo(phone.port());
            });
        }
    }

    @Test
    void oneSourceCannotRegisterMoreContactsThanItsLimitNorTheNodeMoreThanItsOwn() throws Exception {
        try (RawPhone phone = new RawPhone(InetAddress.getByName("127.0.0.5"));
                RawPhone other = new RawPhone(InetAddress.getByName("127.0.0.6"))) {
            for (int i = 1; i <= 3; i++) {
                phone.send(register(phone, "u" + i, "sip:u@127.0.9." + i + ":5060", i), node.port);
                assertThat(response(phone)).startsWith("SIP/2.0 200");
            }
            phone.send(register(phone, "u4", "sip:u@127.0.9.4:5060", 4), node.port);
            assertThat(response(phone)).startsWith("SIP/2.0 403");
            // a refresh of a contact it has is still fine
            phone.send(register(phone, "u1", "sip:u@127.0.9.1:5060", 5), node.port);
            assertThat(response(phone)).startsWith("SIP/2.0 200");

            other.send(register(other, "v1", "sip:v@127.0.0.6:5060", 1), node.port);
            assertThat(response(other)).startsWith("SIP/2.0 200");
            other.send(register(other, "v2", "sip:v@127.0.0.6:5061", 2), node.port);
            assertThat(response(other)).startsWith("SIP/2.0 503");

            assertThat(node.node.location().bindingCount()).isEqualTo(4);
            assertThat(node.registry.get("gslb.sip.register.limited").tag("limit", "contacts_per_source").counter()
                    .count()).isEqualTo(1);
            assertThat(node.registry.get("gslb.sip.register.limited").tag("limit", "bindings").counter().count())
                    .isEqualTo(1);
        }
    }
}
