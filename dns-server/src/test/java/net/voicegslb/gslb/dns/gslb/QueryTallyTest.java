package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;

import net.voicegslb.gslb.dns.answer.PreparedAnswer;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import org.junit.jupiter.api.Test;

class QueryTallyTest {

    private static final ClientAnswer NO_RANKING = new ClientAnswer(new PreparedAnswer[0], 0, 0, 0, null);

    private static long k1(ClientPrefix p) {
        return (p.ipv6() ? 2L << 8 : 1L << 8) | p.length();
    }

    @Test
    void eachSampleCountsForSixteenQueriesAndADrainResets() {
        QueryTally t = new QueryTally();
        ClientPrefix p = ClientPrefix.parse("198.51.100.0/24");
        t.sampled(k1(p) | (1L << 16), p.hi(), NO_RANKING); // the exact-match flag does not split the count
        t.sampled(k1(p), p.hi(), NO_RANKING);
        QueryTally.Counts c = t.drain();
        assertThat(c.byPrefix()).containsExactly(java.util.Map.entry(p, 32L));
        assertThat(c.bySite()).containsExactly(java.util.Map.entry(QueryTally.NO_SITE, 32L));
        assertThat(c.total()).isEqualTo(32);
        assertThat(t.drain().byPrefix()).isEmpty();
    }

    @Test
    void networksBeyondTheBoundStillCountForTheirSite() {
        QueryTally t = new QueryTally();
        for (int i = 0; i < QueryTally.MAX_PREFIXES + 100; i++) {
            ClientPrefix p = new ClientPrefix(false, ((long) i) << 40, 0, 24);
            t.sampled(k1(p), p.hi(), NO_RANKING);
        }
        QueryTally.Counts c = t.drain();
        assertThat(c.byPrefix()).hasSize(QueryTally.MAX_PREFIXES);
        assertThat(c.total()).isEqualTo((QueryTally.MAX_PREFIXES + 100L) * QueryTally.SAMPLE_EVERY);
    }
}
