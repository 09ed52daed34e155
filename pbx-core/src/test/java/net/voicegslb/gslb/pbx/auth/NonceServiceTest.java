package net.voicegslb.gslb.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceServiceTest {

    private final AtomicLong now = new AtomicLong(0);
    private final NonceService nonces = new NonceService(Duration.ofSeconds(300), now::get);

    @Test
    void aReplayIsCaughtAcrossAGenerationSwap() {
        now.set(250_000);
        String nonce = nonces.issue("r");
        now.set(260_000);
        assertThat(nonces.check(nonce, "r", "00000001")).isEqualTo(NonceService.Verdict.VALID);
        now.set(300_000);
        nonces.purge(); // swap: the count moves to the older generation
        now.set(320_000);
        assertThat(nonces.check(nonce, "r", "00000001")).isEqualTo(NonceService.Verdict.REPLAY);
        assertThat(nonces.check(nonce, "r", "00000002")).isEqualTo(NonceService.Verdict.VALID);
        now.set(551_000);
        assertThat(nonces.check(nonce, "r", "00000003")).isEqualTo(NonceService.Verdict.STALE);
    }

    @Test
    void countsAreForgottenAfterTwoSwaps() {
        String nonce = nonces.issue("r");
        nonces.check(nonce, "r", "1");
        now.set(300_000);
        nonces.purge();
        now.set(600_000);
        nonces.purge();
        assertThat(nonces.tracked()).isZero();
    }

    @Test
    void realmAndTamperingAreChecked() {
        String nonce = nonces.issue("r");
        assertThat(nonces.check(nonce, "other", "1")).isEqualTo(NonceService.Verdict.INVALID);
        char[] c = nonce.toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A';
        assertThat(nonces.check(new String(c), "r", "1")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check("not base64!", "r", "1")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check(nonce, "r", "zz")).isEqualTo(NonceService.Verdict.INVALID);
    }
}
