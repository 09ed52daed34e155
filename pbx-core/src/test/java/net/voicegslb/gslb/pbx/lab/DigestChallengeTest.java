package net.voicegslb.gslb.pbx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    // RFC 7616 3.9.1: the same request answered with MD5 and with SHA-256
    private static final String RFC_CHALLENGE = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
            + "algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    @Test
    void answersTheRfc7616ExampleWithMd5AndSha256() {
        DigestChallenge md5 = DigestChallenge.parse(RFC_CHALLENGE.formatted("MD5"));
        DigestChallenge sha = DigestChallenge.parse(RFC_CHALLENGE.formatted("SHA-256"));
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(md5.answer("GET", "/dir/index.html", "Mufasa", "Circle of Life", 1, cnonce))
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").contains("nc=00000001")
                .contains("qop=auth").contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        assertThat(sha.answer("GET", "/dir/index.html", "Mufasa", "Circle of Life", 1, cnonce))
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("algorithm=SHA-256");
    }

    @Test
    void choosesThePreferredAlgorithmAmongSeveralElseTheFirstItCanCompute() {
        DigestChallenge md5 = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=MD5");
        DigestChallenge sha = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256");
        DigestChallenge other = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n3\", algorithm=SHA-512-256");
        assertThat(DigestChallenge.choose(List.of(md5, sha), "SHA-256")).isSameAs(sha);
        assertThat(DigestChallenge.choose(List.of(other, md5), "SHA-256")).isSameAs(md5);
        assertThat(DigestChallenge.choose(List.of(other), "MD5")).isNull();
    }

    @Test
    void readsStaleAndDefaultsAndRefusesWhatIsNotDigest() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"example.test\",nonce=\"abc\",stale=TRUE");
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.stale()).isTrue();
        assertThat(c.qopAuth()).isFalse();
        assertThat(DigestChallenge.parse("Basic realm=\"x\"")).isNull();
        assertThat(DigestChallenge.parse("Digest nonce=\"abc\"")).isNull();
    }
}
