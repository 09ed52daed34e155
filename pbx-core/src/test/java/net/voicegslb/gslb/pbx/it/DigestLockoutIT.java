package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest failure limit must stop guessing without handing anyone a way to lock a user out:
 * a flood of REGISTERs with made-up or someone else's nonces, sent from (or forged as) the very
 * address a real phone uses, must not keep that phone from registering; a guesser who does get
 * our challenges at its address is still stopped after {@code failures_per_minute} tries.
 */
class DigestLockoutIT {

    private static final int FLOOD = 2_000;
    private static final String DOMAIN = "example.test";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  failures_per_minute: 20
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: example.test
                    users:
                      - user: "1001"
                        password: "right-1001"
                      - user: "1002"
                        password: "right-1002"
                """, MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private double refused() {
        return node.registry.get("gslb.sip.auth").tag("outcome", "failed").counter().count()
                + node.registry.get("gslb.sip.auth").tag("outcome", "blocked").counter().count();
    }

    @Test
    void aFloodOfForgedAnswersFromTheUsersOwnAddressDoesNotLockTheUserOut() throws Exception {
        InetAddress shared = InetAddress.getByName("127.0.0.5");
        try (RawPhone attackerElsewhere = new RawPhone(InetAddress.getByName("127.0.0.7"));
                RawPhone forger = new RawPhone(shared);
                RawPhone real = new RawPhone(shared)) {
            // a real nonce, but issued to the attacker's own address
            DigestPhone elsewhere = new DigestPhone(attackerElsewhere, node.port, DOMAIN);
            attackerElsewhere.send(elsewhere.register("1001", ""), node.port);
            String theirNonce = DigestPhone.nonceOf(elsewhere.await(3000));
            assertThat(theirNonce).isNotNull();

            DigestPhone flood = new DigestPhone(forger, node.port, DOMAIN);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int i = 0; i < FLOOD && System.nanoTime() < deadline; i++) {
                String nonce = i % 2 == 0 ? theirNonce : "forged" + i;
                forger.send(flood.register("1001", DigestPhone.authorization("Authorization", "REGISTER",
                        "sip:" + DOMAIN, "1001", DOMAIN, "guess" + i, nonce, "00000001")), node.port);
                if (i % 100 == 99) {
                    // pace the flood so that no datagram is lost and every one of them is judged
                    int sent = i + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> refused() >= sent);
                }
            }
            assertThat(refused()).isEqualTo(FLOOD);
            assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "blocked").counter().count()).isZero();

            String answer = new DigestPhone(real, node.port, DOMAIN).registerWith("1001", "right-1001");
            assertThat(answer).as("the real phone's REGISTER after the flood").isNotNull().startsWith("SIP/2.0 200");
            assertThat(node.node.location().lookup("1001@" + DOMAIN, System.currentTimeMillis())).hasSize(1);
        }
    }

    @Test
    void forgedInviteAnswersWithANonceFromAnotherAddressDoNotLockTheUserOut() throws Exception {
        InetAddress shared = InetAddress.getByName("127.0.0.5");
        try (RawPhone attackerElsewhere = new RawPhone(InetAddress.getByName("127.0.0.7"));
                RawPhone forger = new RawPhone(shared);
                RawPhone real = new RawPhone(shared)) {
            // the proxy's 407 to the attacker's own address: its nonce must be good from there only
            DigestPhone elsewhere = new DigestPhone(attackerElsewhere, node.port, DOMAIN);
            attackerElsewhere.send(elsewhere.invite("1001", "1002", ""), node.port);
            String challenge = elsewhere.await(3000);
            assertThat(challenge).as("407 to the attacker").isNotNull().startsWith("SIP/2.0 407");
            String theirNonce = DigestPhone.nonceOf(challenge);

            DigestPhone flood = new DigestPhone(forger, node.port, DOMAIN);
            int invites = 100;
            for (int i = 0; i < invites; i++) {
                forger.send(flood.invite("1001", "1002", DigestPhone.authorization("Proxy-Authorization", "INVITE",
                        "sip:1002@" + DOMAIN, "1001", DOMAIN, "guess" + i, theirNonce, "00000001")), node.port);
                assertThat(flood.await(3000)).as("forged INVITE %d", i).startsWith("SIP/2.0 407");
            }
            assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "blocked").counter().count()).isZero();
            String answer = new DigestPhone(real, node.port, DOMAIN).registerWith("1001", "right-1001");
            assertThat(answer).as("the real phone's REGISTER after the forged INVITEs").isNotNull()
                    .startsWith("SIP/2.0 200");
        }
    }

    @Test
    void guessingWithOurOwnNoncesIsStillStoppedForThatUserOnly() throws Exception {
        try (RawPhone guesser = new RawPhone(InetAddress.getByName("127.0.0.6"))) {
            DigestPhone phone = new DigestPhone(guesser, node.port, DOMAIN);
            for (int i = 0; i < 20; i++) {
                assertThat(phone.registerWith("1001", "guess-" + i)).as("guess %d", i).startsWith("SIP/2.0 401");
            }
            // the 21st try, even with the right password, is not answered at all
            assertThat(phone.registerWith("1001", "right-1001")).isNull();
            assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "blocked").counter().count()).isPositive();
            assertThat(node.node.location().lookup("1001@" + DOMAIN, System.currentTimeMillis())).isEmpty();
            // another user behind the same address is not punished for it
            assertThat(phone.registerWith("1002", "right-1002")).startsWith("SIP/2.0 200");
        }
    }
}
