package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.voicegslb.gslb.dns.answer.DynamicAnswer;
import net.voicegslb.gslb.dns.answer.NameAnswersAccess;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** When the precomputed table is rebuilt, and what a rebuild keeps. */
class GslbAnswersTest {

    @TempDir
    Path dir;
    private GslbLab lab;
    private DynamicAnswer sipA;
    private final ClientKey key = new ClientKey(24, 48);

    @BeforeEach
    void setUp() throws Exception {
        lab = new GslbLab(dir);
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        lab.refresh();
        sipA = NameAnswersAccess.marker(lab.layer.names().get(Name.fromString("sip.voip.example.test.")), Type.A);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private ClientAnswer ask(String prefix) {
        return lab.layer.answers().answer(sipA, key.fromPrefix(ClientPrefix.parse(prefix)), lab.now());
    }

    @Test
    void aNewClientIsAnsweredAtOnceAndJoinsTheNextTable() {
        assertThat(lab.layer.answers().clientKeys()).isZero();
        assertThat(ask("10.9.9.0/24").rotations()).isNotEmpty();
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isTrue();
        assertThat(lab.layer.answers().clientKeys()).isEqualTo(1);
        // the same /24 from another host is the same key
        ask("10.9.9.77/32");
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isFalse();
    }

    @Test
    void nothingMovedMeansNoRebuild() {
        ask("10.9.9.0/24");
        lab.refresh();
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isFalse();
    }

    @Test
    void newcomersDoNotRecomputeTheAnswersOfOthers() {
        ask("10.9.9.0/24");
        lab.refresh();
        ClientAnswer before = ask("10.9.9.0/24");
        ask("10.8.8.0/24");
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isTrue();
        assertThat(lab.layer.answers().clientKeys()).isEqualTo(2);
        assertThat(ask("10.9.9.0/24")).isSameAs(before);
    }

    @Test
    void aHealthChangeRebuildsEveryKey() {
        ask("10.9.9.0/24");
        lab.refresh();
        ClientAnswer before = ask("10.9.9.0/24");
        lab.advance(3_500); // every heartbeat timed out
        lab.service.record(lab.engine().tick(lab.now()));
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isTrue();
        ClientAnswer after = ask("10.9.9.0/24");
        assertThat(after).isNotSameAs(before);
        assertThat(after.ranking().failedOpen()).isTrue();
    }
}
