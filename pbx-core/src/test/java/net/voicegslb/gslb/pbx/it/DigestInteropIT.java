package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.PbxNode;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-tenant digest offers, over the wire: a tenant with nothing configured answers with one
 * WWW-Authenticate (MD5), the only thing a libre-based phone such as baresip 1.0 can answer (it
 * gives up on a 401 holding any challenge whose algorithm it does not know); a {@code per_algorithm}
 * tenant sends one per algorithm; and an answer with an algorithm the tenant did not offer is
 * refused even with the right password, for REGISTER (401) and through the proxy (407) alike.
 */
class DigestInteropIT {

    private static final String CONFIG = """
            sip:
              listen: [127.0.0.1:PORT]
            keepalive:
              interval: 0s
            media:
              enabled: false
            tenants:
              - domain: plain.test
                users:
                  - {user: "1001", password: "plain-1001"}
                  - {user: "1002", password: "plain-1002"}
              - domain: strict.test
                digest: {algorithms: [SHA-256]}
                users:
                  - {user: "1001", password: "strict-1001"}
                  - {user: "1002", password: "strict-1002"}
              - domain: both.test
                digest: {algorithms: [SHA-256, MD5], challenge: per_algorithm}
                users:
                  - {user: "1001", password: "both-1001"}
                  - {user: "1002", password: "both-1002"}
            """;

    private static final Pattern CALL_ID = Pattern.compile("(?m)^Call-ID: (\\S+)");

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, CONFIG, MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Sends {@code request} and returns the response to it (other datagrams, e.g. retransmitted 407s, skipped). */
    private static String exchange(RawPhone raw, DigestPhone phone, int port, String request) throws IOException {
        Matcher m = CALL_ID.matcher(request);
        assertThat(m.find()).isTrue();
        raw.send(request, port);
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            String response = phone.await((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (response != null && response.contains("Call-ID: " + m.group(1) + "\r\n")) {
                return response;
            }
        }
        throw new AssertionError("no answer to\n" + request);
    }

    private static List<String> headers(String response, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return response.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
    }

    private double unoffered() {
        return node.registry.get("gslb.sip.auth").tag("outcome", "unoffered_algorithm").counter().count();
    }

    /** A REGISTER for 1001 answered with {@code algorithm}; returns the final response. */
    private String register(String domain, String password, String algorithm, int expectedChallenges,
            String expectedAlgorithms) throws IOException {
        try (RawPhone raw = new RawPhone()) {
            DigestPhone phone = new DigestPhone(raw, node.port, domain);
            String challenge = exchange(raw, phone, node.port, phone.register("1001", ""));
            assertThat(challenge).startsWith("SIP/2.0 401");
            List<String> offers = headers(challenge, "WWW-Authenticate");
            assertThat(offers).as("WWW-Authenticate headers of %s's 401", domain).hasSize(expectedChallenges);
            assertThat(offers.stream().map(l -> l.replaceAll(".*algorithm=([A-Z0-9-]+).*", "$1")).toList())
                    .containsExactly(expectedAlgorithms.split(","));
            return exchange(raw, phone, node.port, phone.register("1001", DigestPhone.authorization("Authorization",
                    algorithm, "REGISTER", "sip:" + domain, "1001", domain, password, DigestPhone.nonceOf(challenge),
                    "00000001")));
        }
    }

    @Test
    void aTenantWithNothingConfiguredSendsOneMd5ChallengeAndRefusesSha256() throws Exception {
        assertThat(register("plain.test", "plain-1001", "MD5", 1, "MD5")).startsWith("SIP/2.0 200");
        assertThat(register("plain.test", "plain-1001", "SHA-256", 1, "MD5")).startsWith("SIP/2.0 401");
        assertThat(unoffered()).isEqualTo(1);
    }

    @Test
    void aSha256TenantSendsOneSha256ChallengeAndRefusesMd5EvenWithTheRightPassword() throws Exception {
        assertThat(register("strict.test", "strict-1001", "MD5", 1, "SHA-256")).startsWith("SIP/2.0 401");
        assertThat(unoffered()).isEqualTo(1);
        assertThat(node.node.location().lookup("1001@strict.test", System.currentTimeMillis())).isEmpty();
        assertThat(register("strict.test", "strict-1001", "SHA-256", 1, "SHA-256")).startsWith("SIP/2.0 200");
        assertThat(node.node.location().lookup("1001@strict.test", System.currentTimeMillis())).hasSize(1);
    }

    @Test
    void aPerAlgorithmTenantSendsOneChallengePerAlgorithmAndTakesEither() throws Exception {
        assertThat(register("both.test", "both-1001", "SHA-256", 2, "SHA-256,MD5")).startsWith("SIP/2.0 200");
        assertThat(register("both.test", "both-1001", "MD5", 2, "SHA-256,MD5")).startsWith("SIP/2.0 200");
        assertThat(unoffered()).isZero();
    }

    @Test
    void aReloadChangesATenantsOfferFromTheNextChallengeOn() throws Exception {
        assertThat(register("strict.test", "strict-1001", "MD5", 1, "SHA-256")).startsWith("SIP/2.0 401");
        Files.writeString(dir.resolve("pbx-" + node.port + ".yaml"), CONFIG
                .replace("digest: {algorithms: [SHA-256]}", "digest: {algorithms: [MD5]}")
                .replace("PORT", Integer.toString(node.port)));
        PbxNode.ReloadResult result = node.node.reload();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(register("strict.test", "strict-1001", "MD5", 1, "MD5")).startsWith("SIP/2.0 200");
        assertThat(register("strict.test", "strict-1001", "SHA-256", 1, "MD5")).startsWith("SIP/2.0 401");
    }

    /** 1001's Proxy-Authorization line for an INVITE to 1002 of {@code domain}. */
    private static String proxyAuthorization(String algorithm, String domain, String password, String nonce) {
        return DigestPhone.authorization("Proxy-Authorization", algorithm, "INVITE", "sip:1002@" + domain, "1001",
                domain, password, nonce, "00000001");
    }

    @Test
    void theProxysChallengeFollowsTheCallersTenantToo() throws Exception {
        // a socket per tenant: each DigestPhone numbers its Call-IDs from 1, and 407s are retransmitted
        try (RawPhone strictSocket = new RawPhone(); RawPhone plainSocket = new RawPhone();
                RawPhone bothSocket = new RawPhone()) {
            DigestPhone strict = new DigestPhone(strictSocket, node.port, "strict.test");
            String challenge = exchange(strictSocket, strict, node.port, strict.invite("1001", "1002", ""));
            assertThat(challenge).startsWith("SIP/2.0 407");
            assertThat(headers(challenge, "Proxy-Authenticate")).singleElement().asString()
                    .endsWith("algorithm=SHA-256");
            String nonce = DigestPhone.nonceOf(challenge);
            String md5 = exchange(strictSocket, strict, node.port,
                    strict.invite("1001", "1002", proxyAuthorization("MD5", "strict.test", "strict-1001", nonce)));
            assertThat(md5).as("an MD5 answer where only SHA-256 was offered").startsWith("SIP/2.0 407");
            assertThat(unoffered()).isEqualTo(1);
            String sha = exchange(strictSocket, strict, node.port,
                    strict.invite("1001", "1002", proxyAuthorization("SHA-256", "strict.test", "strict-1001", nonce)));
            assertThat(sha).as("admitted: the callee is simply not registered").startsWith("SIP/2.0 480");

            DigestPhone plain = new DigestPhone(plainSocket, node.port, "plain.test");
            String plainChallenge = exchange(plainSocket, plain, node.port, plain.invite("1001", "1002", ""));
            assertThat(headers(plainChallenge, "Proxy-Authenticate")).singleElement().asString()
                    .endsWith("algorithm=MD5");
            String refused = exchange(plainSocket, plain, node.port, plain.invite("1001", "1002",
                    proxyAuthorization("SHA-256", "plain.test", "plain-1001", DigestPhone.nonceOf(plainChallenge))));
            assertThat(refused).as("a SHA-256 answer where only MD5 was offered").startsWith("SIP/2.0 407");
            assertThat(unoffered()).isEqualTo(2);

            DigestPhone both = new DigestPhone(bothSocket, node.port, "both.test");
            String bothChallenge = exchange(bothSocket, both, node.port, both.invite("1001", "1002", ""));
            assertThat(headers(bothChallenge, "Proxy-Authenticate")).hasSize(2);
        }
    }
}
