package net.voicegslb.gslb.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.codec.SipWire;
import net.voicegslb.gslb.pbx.config.DigestConfig;
import net.voicegslb.gslb.pbx.config.DigestConfig.Challenge;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.Tenant;
import org.junit.jupiter.api.Test;

/** Digest responses computed here by hand (RFC 7616 3.4.1) against the authenticator. */
class DigestAuthenticatorTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final NonceService nonces = new NonceService(Duration.ofSeconds(300), now::get);
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(3, now::get);
    private final DigestAuthenticator auth = new DigestAuthenticator(nonces, limiter);
    private final Tenant tenant = tenant(new DigestConfig(List.of("SHA-256", "MD5"), Challenge.PER_ALGORITHM));
    private final InetAddress source = InetAddress.getLoopbackAddress();

    private static Tenant tenant(DigestConfig digest) {
        return new Tenant("example.test", true, Map.of("1001", Ha1.of("example.test", "1001", "s3cret")), digest);
    }

    private AuthOutcome attempt(String algorithm, String user, String password, String nonce, String nc)
            throws Exception {
        return attempt(tenant, algorithm, user, password, nonce, nc);
    }

    private AuthOutcome attempt(Tenant tenant, String algorithm, String user, String password, String nonce,
            String nc) throws Exception {
        String digest = algorithm.equals("MD5") ? "MD5" : "SHA-256";
        String ha1 = Ha1.hex(digest, user + ":example.test:" + password);
        String ha2 = Ha1.hex(digest, "REGISTER:sip:example.test");
        String response = Ha1.hex(digest, ha1 + ":" + nonce + ":" + nc + ":c0ffee:auth:" + ha2);
        return auth.authenticate(SipWire.parse("""
                REGISTER sip:example.test SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1
                From: <sip:%s@example.test>;tag=1
                To: <sip:%s@example.test>
                Call-ID: a@b
                CSeq: 2 REGISTER
                Authorization: Digest username="%s", realm="example.test", nonce="%s", uri="sip:example.test", response="%s", algorithm=%s, cnonce="c0ffee", nc=%s, qop=auth
                Content-Length: 0

                """.formatted(user, user, user, nonce, response, algorithm, nc)), tenant, source);
    }

    @Test
    void sha256AndMd5BothAuthenticate() throws Exception {
        assertThat(attempt("SHA-256", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(attempt("MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        AuthOutcome wrong = attempt("SHA-256", "1001", "guess", nonces.issue("example.test", source), "00000001");
        AuthOutcome unknown = attempt("SHA-256", "9999", "guess", nonces.issue("example.test", source), "00000001");
        assertThat(wrong).isEqualTo(new AuthOutcome.Challenge(false, true)).isEqualTo(unknown);
    }

    @Test
    void aReplayedNonceCountIsRefused() throws Exception {
        String nonce = nonces.issue("example.test", source);
        assertThat(attempt("MD5", "1001", "s3cret", nonce, "00000001")).isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(attempt("MD5", "1001", "s3cret", nonce, "00000001")).isInstanceOf(AuthOutcome.Challenge.class);
        assertThat(attempt("MD5", "1001", "s3cret", nonce, "00000002")).isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void anExpiredNonceIsStaleNotAFailure() throws Exception {
        String nonce = nonces.issue("example.test", source);
        now.addAndGet(301_000);
        assertThat(attempt("SHA-256", "1001", "s3cret", nonce, "00000001"))
                .isEqualTo(new AuthOutcome.Challenge(true, false));
    }

    @Test
    void aForgedNonceFails() throws Exception {
        String nonce = nonces.issue("other.test", source);
        assertThat(attempt("SHA-256", "1001", "s3cret", nonce, "00000001"))
                .isEqualTo(new AuthOutcome.Challenge(false, true));
    }

    @Test
    void failuresWithNoncesNotIssuedToTheSourceAreNotCounted() throws Exception {
        InetAddress elsewhere = InetAddress.getByName("127.0.0.9");
        for (int i = 0; i < 10; i++) {
            assertThat(attempt("MD5", "1001", "guess", nonces.issue("example.test", elsewhere), "00000001"))
                    .isEqualTo(new AuthOutcome.Challenge(false, true));
            assertThat(attempt("MD5", "1001", "guess", "bm9wZQ", "00000001"))
                    .isEqualTo(new AuthOutcome.Challenge(false, true));
        }
        assertThat(attempt("MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void aWrongAnswerDoesNotUseUpTheNonceCount() throws Exception {
        String nonce = nonces.issue("example.test", source);
        assertThat(attempt("MD5", "1001", "guess", nonce, "00000001")).isEqualTo(new AuthOutcome.Challenge(false, true));
        assertThat(attempt("MD5", "1001", "s3cret", nonce, "00000001")).isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void theLimitIsPerUserSoOneGuessedUserDoesNotBlockAnotherFromTheSameAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            attempt("MD5", "9999", "guess" + i, nonces.issue("example.test", source), "00000001");
        }
        assertThat(attempt("MD5", "9999", "x", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Blocked.class);
        assertThat(attempt("MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void tooManyFailuresBlockTheSourceForAMinute() throws Exception {
        for (int i = 0; i < 3; i++) {
            attempt("MD5", "1001", "guess" + i, nonces.issue("example.test", source), "00000001");
        }
        assertThat(attempt("MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Blocked.class);
        now.addAndGet(61_000);
        assertThat(attempt("MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void challengeListsTheAlgorithmsInPreferenceOrder() {
        String c = auth.challenge(tenant, true, source);
        assertThat(c.lines().toList()).hasSize(2);
        assertThat(c.lines().toList().get(0)).contains("algorithm=SHA-256").contains("qop=\"auth\"")
                .contains("stale=true").startsWith("WWW-Authenticate: Digest realm=\"example.test\"");
        assertThat(c.lines().toList().get(1)).contains("algorithm=MD5");
    }

    @Test
    void theDefaultTenantOffersOneChallengeForMd5() {
        Tenant plain = tenant(DigestConfig.DEFAULT);
        assertThat(auth.challenge(plain, false, source).lines().toList()).singleElement().asString()
                .startsWith("WWW-Authenticate: Digest realm=\"example.test\"").endsWith("algorithm=MD5");
        assertThat(auth.proxyChallenge(plain, false, source).lines().toList()).singleElement().asString()
                .startsWith("Proxy-Authenticate: Digest realm=\"example.test\"").endsWith("algorithm=MD5");
    }

    @Test
    void aSingleSha256ChallengeIsOneHeaderAndSoIsItsProxyChallenge() {
        Tenant strict = tenant(new DigestConfig(List.of("SHA-256"), Challenge.SINGLE));
        assertThat(auth.challenge(strict, false, source).lines().toList()).singleElement().asString()
                .contains("algorithm=SHA-256");
        assertThat(auth.proxyChallenge(strict, true, source).lines().toList()).singleElement().asString()
                .startsWith("Proxy-Authenticate: ").contains("algorithm=SHA-256").endsWith("stale=true");
    }

    @Test
    void perAlgorithmGivesEachAlgorithmItsOwnHeaderWithOneNonce() {
        Tenant both = tenant(new DigestConfig(List.of("MD5", "SHA-256"), Challenge.PER_ALGORITHM));
        List<String> lines = auth.proxyChallenge(both, false, source).lines().toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("Proxy-Authenticate: Digest "));
        assertThat(lines.get(0)).endsWith("algorithm=MD5");
        assertThat(lines.get(1)).endsWith("algorithm=SHA-256");
        assertThat(lines.get(0).replace("algorithm=MD5", ""))
                .isEqualTo(lines.get(1).replace("algorithm=SHA-256", ""));
    }

    @Test
    void anMd5AnswerToASha256OnlyTenantIsRefusedEvenWithTheRightPassword() throws Exception {
        Tenant strict = tenant(new DigestConfig(List.of("SHA-256"), Challenge.SINGLE));
        String nonce = nonces.issue("example.test", source);
        assertThat(attempt(strict, "MD5", "1001", "s3cret", nonce, "00000001"))
                .isEqualTo(new AuthOutcome.Challenge(false, true, true));
        // the nonce-count was not used up and nothing counted against the phone: SHA-256 still works
        assertThat(attempt(strict, "SHA-256", "1001", "s3cret", nonce, "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void aSha256AnswerToAnMd5OnlyTenantIsRefused() throws Exception {
        Tenant plain = tenant(DigestConfig.DEFAULT);
        assertThat(attempt(plain, "SHA-256", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isEqualTo(new AuthOutcome.Challenge(false, true, true));
        assertThat(attempt(plain, "MD5", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void refusedAlgorithmsDoNotCountTowardsTheFailureLimit() throws Exception {
        Tenant strict = tenant(new DigestConfig(List.of("SHA-256"), Challenge.SINGLE));
        for (int i = 0; i < 10; i++) {
            assertThat(attempt(strict, "MD5", "1001", "guess" + i, nonces.issue("example.test", source), "00000001"))
                    .isEqualTo(new AuthOutcome.Challenge(false, true, true));
        }
        assertThat(attempt(strict, "SHA-256", "1001", "s3cret", nonces.issue("example.test", source), "00000001"))
                .isInstanceOf(AuthOutcome.Authenticated.class);
    }
}
