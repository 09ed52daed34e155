package net.voicegslb.gslb.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.pbx.config.DigestConfig.Challenge;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenants[].digest}: its default, the node-wide {@code auth.algorithms} fallback, and its errors. */
class TenantDigestConfigTest {

    @TempDir
    Path dir;

    private PbxConfig load(String yaml) throws Exception {
        return new PbxConfigLoader().load(Files.writeString(dir.resolve("pbx.yaml"), yaml));
    }

    private static DigestConfig digest(PbxConfig c, String domain) {
        return c.tenants().stream().filter(t -> t.domain().equals(domain)).findFirst().orElseThrow().digest();
    }

    @Test
    void withNothingWrittenEveryTenantOffersOneMd5Challenge() throws Exception {
        PbxConfig c = load("""
                tenants:
                  - domain: a.test
                """);
        assertThat(digest(c, "a.test")).isEqualTo(new DigestConfig(List.of("MD5"), Challenge.SINGLE));
    }

    @Test
    void eachTenantHasItsOwnOffer() throws Exception {
        PbxConfig c = load("""
                tenants:
                  - domain: md5.test
                  - domain: strict.test
                    digest: {algorithms: [sha-256]}
                  - domain: both.test
                    digest:
                      algorithms: [SHA-256, MD5]
                      challenge: per_algorithm
                """);
        assertThat(digest(c, "md5.test")).isEqualTo(DigestConfig.DEFAULT);
        assertThat(digest(c, "strict.test")).isEqualTo(new DigestConfig(List.of("SHA-256"), Challenge.SINGLE));
        assertThat(digest(c, "both.test"))
                .isEqualTo(new DigestConfig(List.of("SHA-256", "MD5"), Challenge.PER_ALGORITHM));
    }

    @Test
    void aNodeWideAlgorithmListKeepsItsMeaningForTenantsThatSayNothing() throws Exception {
        // configs written before per-tenant settings: auth.algorithms offered one challenge per algorithm
        PbxConfig c = load("""
                auth:
                  algorithms: [MD5, SHA-256]
                tenants:
                  - domain: old.test
                  - domain: new.test
                    digest: {algorithms: [MD5]}
                """);
        assertThat(digest(c, "old.test"))
                .isEqualTo(new DigestConfig(List.of("MD5", "SHA-256"), Challenge.PER_ALGORITHM));
        assertThat(digest(c, "new.test")).isEqualTo(DigestConfig.DEFAULT);
        PbxConfig one = load("""
                auth:
                  algorithms: [SHA-256]
                tenants:
                  - domain: a.test
                """);
        assertThat(digest(one, "a.test")).isEqualTo(new DigestConfig(List.of("SHA-256"), Challenge.SINGLE));
    }

    @Test
    void severalAlgorithmsNeedPerAlgorithmWrittenOutAndOtherMistakesAreReportedWithLineAndField() throws Exception {
        Path f = Files.writeString(dir.resolve("pbx.yaml"), """
                auth:
                  algorithms: [SHA-256, MD5]
                tenants:
                  - domain: a.test
                    digest:
                      algorithms: [SHA-256, MD5]
                  - domain: b.test
                    digest: {challenge: single}
                  - domain: c.test
                    digest: {algorithms: [MD5, md5], challenge: per_algorithm}
                  - domain: d.test
                    digest: {algorithms: [SHA-512], challenge: both, nonce: x}
                  - domain: e.test
                    digest: {algorithms: []}
                """);
        assertThatThrownBy(() -> new PbxConfigLoader().load(f)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anyMatch(s -> s.contains(":6: tenants[0].digest.algorithms: a single challenge offers one"
                                + " algorithm, not [SHA-256, MD5]: list one, or write challenge: per_algorithm"))
                        .anyMatch(s -> s.contains(":8: tenants[1].digest.challenge: a single challenge offers one"
                                + " algorithm, not [SHA-256, MD5] (from auth.algorithms)"))
                        .anyMatch(s -> s.contains(":10: tenants[2].digest.algorithms: lists an algorithm twice"))
                        .anyMatch(s -> s.contains(":12: tenants[3].digest.algorithms[0]: unknown digest algorithm"))
                        .anyMatch(s -> s.contains(":12: tenants[3].digest.challenge: must be single or per_algorithm"))
                        .anyMatch(s -> s.contains("tenants[3].digest.nonce: unknown field"))
                        .anyMatch(s -> s.contains(":14: tenants[4].digest.algorithms: needs SHA-256, MD5 or both")));
    }
}
