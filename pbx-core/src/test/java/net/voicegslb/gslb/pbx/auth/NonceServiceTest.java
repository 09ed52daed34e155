package net.voicegslb.gslb.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceServiceTest {

    private final AtomicLong now = new AtomicLong(0);
    private final NonceService nonces = new NonceService(Duration.ofSeconds(300), 100, now::get);
    private final InetAddress phone = address("127.0.0.5");

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCountIsRecordedOnlyWhenAccepted() {
        now.set(250_000);
        String nonce = nonces.issue("r", phone);
        now.set(260_000);
        assertThat(nonces.check(nonce, "r", phone, "00000001")).isEqualTo(NonceService.Verdict.VALID);
        // checked but never accepted (a wrong answer): the same count is still good
        assertThat(nonces.check(nonce, "r", phone, "00000001")).isEqualTo(NonceService.Verdict.VALID);
        assertThat(nonces.tracked()).isZero();
        assertThat(nonces.accept(nonce, "00000001")).isTrue();
        assertThat(nonces.accept(nonce, "00000001")).isFalse();
        now.set(320_000);
        assertThat(nonces.check(nonce, "r", phone, "00000001")).isEqualTo(NonceService.Verdict.REPLAY);
        assertThat(nonces.check(nonce, "r", phone, "00000002")).isEqualTo(NonceService.Verdict.VALID);
        now.set(551_000);
        assertThat(nonces.check(nonce, "r", phone, "00000003")).isEqualTo(NonceService.Verdict.STALE);
    }

    @Test
    void aNonceIsGoodOnlyFromTheAddressItWasIssuedTo() {
        String nonce = nonces.issue("r", phone);
        assertThat(nonces.check(nonce, "r", address("127.0.0.6"), "1")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check(nonce, "r", null, "1")).isEqualTo(NonceService.Verdict.INVALID);
    }

    @Test
    void countsAreForgottenAfterTheLifetime() {
        String nonce = nonces.issue("r", phone);
        nonces.accept(nonce, "1");
        now.set(306_000);
        nonces.purge();
        assertThat(nonces.tracked()).isZero();
    }

    @Test
    void aFullTableForgetsTheOldestFirstAndAnswersThemStaleNeverValid() {
        String first = nonces.issue("r", phone);
        assertThat(nonces.accept(first, "1")).isTrue();
        now.incrementAndGet();
        String pending = nonces.issue("r", phone); // sent in a 401, not answered yet
        for (int i = 0; i < 300; i++) {
            now.incrementAndGet();
            assertThat(nonces.accept(nonces.issue("r", phone), "1")).isTrue();
        }
        assertThat(nonces.tracked()).isEqualTo(100);
        assertThat(nonces.evictions()).isEqualTo(201);
        // forgotten: its old count must not come back as VALID
        assertThat(nonces.check(first, "r", phone, "1")).isEqualTo(NonceService.Verdict.STALE);
        // issued before the newest forgotten one: stale too (it might have been accepted and forgotten)
        assertThat(nonces.check(pending, "r", phone, "1")).isEqualTo(NonceService.Verdict.STALE);
        // the newest hundred are remembered exactly, and a fresh nonce is unaffected
        now.incrementAndGet();
        assertThat(nonces.check(nonces.issue("r", phone), "r", phone, "1")).isEqualTo(NonceService.Verdict.VALID);
    }

    @Test
    void noncesIssuedAfterTheForgottenOnesStayValidSoABusyNodeDoesNotLoopPhonesThroughStale() {
        for (int i = 0; i < 150; i++) {
            now.incrementAndGet();
            nonces.accept(nonces.issue("r", phone), "1");
        }
        now.incrementAndGet();
        String justSent = nonces.issue("r", phone);
        for (int i = 0; i < 50; i++) {
            now.incrementAndGet();
            nonces.accept(nonces.issue("r", phone), "1");
        }
        assertThat(nonces.evictions()).isEqualTo(100);
        assertThat(nonces.check(justSent, "r", phone, "1")).isEqualTo(NonceService.Verdict.VALID);
    }

    @Test
    void realmAndTamperingAreChecked() {
        String nonce = nonces.issue("r", phone);
        assertThat(nonces.check(nonce, "other", phone, "1")).isEqualTo(NonceService.Verdict.INVALID);
        char[] c = nonce.toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A';
        assertThat(nonces.check(new String(c), "r", phone, "1")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check("not base64!", "r", phone, "1")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check(nonce, "r", phone, "zz")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check(nonce, "r", phone, "123456789")).isEqualTo(NonceService.Verdict.INVALID);
    }
}
