package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.voicegslb.gslb.dns.answer.DynamicAnswer;
import net.voicegslb.gslb.dns.answer.NameAnswersAccess;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.rank.Ranking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * When the precomputed table is rebuilt, what a rebuild keeps, how clients share decision prefixes,
 * and what the query path does once its ranking budget is spent.
 */
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
        lab.measure("fra-1", "fra", "10.8.8.0/24", 20);
        lab.refresh();
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

    private AnswerTableCounters counters() {
        return lab.service.answerCounters();
    }

    private static String slash24(int i) {
        return "10." + (1 + i / 250) + "." + (i % 250) + ".0/24";
    }

    @Test
    void randomUnmeasuredPrefixesShareOneAnswer() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            ask("100." + random.nextInt(256) + "." + random.nextInt(256) + ".0/24");
        }
        lab.refresh();
        assertThat(lab.layer.answers().clientKeys()).as("one decision prefix, /0").isEqualTo(1);
        long deferred = counters().deferredRankings();
        for (int i = 0; i < 1_000; i++) {
            ClientAnswer a = ask("100." + random.nextInt(256) + "." + random.nextInt(256) + ".0/24");
            assertThat(a.scope()).isNotEqualTo(ClientAnswer.CLIENT_SCOPE);
        }
        assertThat(counters().deferredRankings()).as("every later one is a table hit").isEqualTo(deferred);
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isFalse();
    }

    @Test
    void measuredPrefixesGetTheirOwnDecisionAndTheirNeighboursShareTheCoveringOne() {
        lab.measure("fra-1", "fra", "10.1.1.0/24", 20);
        lab.measure("nyc-1", "nyc", "10.1.1.0/24", 90);
        lab.refresh();
        ClientAnswer measured = ask("10.1.1.0/24");
        ask("10.1.2.0/24"); // inside the /16 roll-up of the measurement
        ask("10.1.3.0/24");
        ask("10.7.7.0/24"); // nobody measured
        ask("10.8.8.0/24");
        lab.refresh();
        assertThat(lab.layer.answers().clientKeys()).as("10.1.1.0/24, 10.1.0.0/16 and /0").isEqualTo(3);
        assertThat(measured.ranking().answer().get(0).siteId()).isEqualTo("fra");
        // the neighbour is ranked on the roll-up as a covering prefix, exactly as it would be on its own
        ClientAnswer neighbour = ask("10.1.200.0/24");
        Ranking own = lab.engine().rank("voip.example.test", ClientPrefix.parse("10.1.200.0/24"), null, lab.now());
        assertThat(neighbour.ranking().answer()).extracting(s -> s.siteId())
                .containsExactlyElementsOf(own.answer().stream().map(s -> s.siteId()).toList());
        assertThat(neighbour.ranking().answer().get(0).evidence().name()).isEqualTo("COVERING_PREFIX");
    }

    @Test
    void beyondTheLoopBudgetNewClientsGetTheStopgapUntilTheRefresherRanksThem() {
        for (int i = 0; i < 150; i++) {
            lab.measure("nyc-1", "nyc", slash24(i), 20);
        }
        lab.refresh();
        int stopgaps = 0;
        for (int i = 0; i < 150; i++) {
            ClientAnswer a = ask(slash24(i));
            if (a.scope() == ClientAnswer.CLIENT_SCOPE) {
                stopgaps++;
                assertThat(a.ttl()).as("stopgap TTL").isEqualTo(5);
            }
        }
        assertThat(stopgaps).as("100 rankings per second on the loop, 50 deferred").isEqualTo(50);
        assertThat(counters().deferredRankings()).isEqualTo(50);
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).isTrue();
        assertThat(lab.layer.answers().clientKeys()).isEqualTo(150);
        for (int i = 0; i < 150; i++) {
            assertThat(ask(slash24(i)).scope()).isNotEqualTo(ClientAnswer.CLIENT_SCOPE);
        }
        assertThat(counters().deferredRankings()).isEqualTo(50);
    }

    @Test
    void theTableIsBoundedAndEvictsTheLeastRecentlyAsked() throws Exception {
        lab.close();
        lab = new GslbLab(java.nio.file.Files.createDirectories(dir.resolve("bounded")), yaml -> yaml.replace("nodes: 2}", "nodes: 2, max_clients: 100}"));
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        for (int i = 0; i < 120; i++) {
            lab.measure("nyc-1", "nyc", slash24(i), 20);
        }
        lab.refresh();
        for (int i = 0; i < 100; i++) {
            ask(slash24(i));
        }
        lab.refresh();
        assertThat(lab.layer.answers().clientKeys()).isEqualTo(100);
        lab.advance(300); // answers stay valid (heartbeat deadline 3 s); the loop budget refills 30
        for (int i = 0; i < 20; i++) {
            ask(slash24(i)); // recently asked again
        }
        lab.refresh();
        lab.advance(300);
        for (int i = 100; i < 120; i++) {
            ask(slash24(i));
        }
        lab.refresh();
        assertThat(lab.layer.answers().clientKeys()).isEqualTo(100);
        assertThat(counters().evictions()).isEqualTo(20);
        lab.advance(300);
        long deferred = counters().deferredRankings();
        for (int i = 0; i < 20; i++) {
            ask(slash24(i));
        }
        assertThat(lab.layer.answers().refresh(lab.layer.slots())).as("the recently asked were kept").isFalse();
        assertThat(counters().deferredRankings()).isEqualTo(deferred);
    }
}
