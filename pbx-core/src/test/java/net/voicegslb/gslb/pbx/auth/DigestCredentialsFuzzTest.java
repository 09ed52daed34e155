package net.voicegslb.gslb.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Any Authorization value parses to complete credentials or to null, never an exception. */
class DigestCredentialsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyHeaderValueParsesOrIsNull(byte[] data) {
        DigestCredentials c = DigestCredentials.parse(new String(data, StandardCharsets.UTF_8));
        if (c != null) {
            assertThat(c.username()).isNotNull();
            assertThat(c.nonce()).isNotNull();
            assertThat(c.response()).isNotNull();
            assertThat(c.uri()).isNotNull();
        }
    }
}
