package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Hex;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawUdp;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers for names that are not in the zone (NXDOMAIN, wildcard matches) are compiled on first
 * use and cached (dns.answer_cache, 100 here: the minimum). Under constant eviction, from several
 * clients at once, every answer must still be the one for its own query, in the query's letter case.
 */
class AnswerCacheIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-small-cache.yaml");

    private static final int CLIENTS = 4;
    private static final int QUERIES_PER_CLIENT = 600;
    private static final int A = 1;

    @Test
    void everyAnswerMatchesItsQueryUnderEvictionAndConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> runClient(client)));
            }
            for (Future<Integer> f : clients) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(QUERIES_PER_CLIENT);
            }
        } finally {
            pool.shutdownNow();
        }
        DnsReply r = SERVER.dig().query("Tenant-7.TENANTS.voip.example.test", "A");
        assertThat(r.answer()).as(r.text()).singleElement()
                .satisfies(rr -> assertThat(rr.owner()).isEqualTo("Tenant-7.TENANTS.voip.example.test."));
    }

    /** Queries a mix of wildcard-covered and missing names, in random case; checks each answer. */
    private static int runClient(int client) {
        Random random = new Random(1000L + client);
        int checked = 0;
        try (RawUdp udp = SERVER.udp()) {
            for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
                int n = random.nextInt(300); // 300 distinct names per kind against a cache of 100
                boolean wildcard = random.nextBoolean();
                String name = randomCase(random, (wildcard ? "t" + n + ".tenants" : "nx" + n) + ".voip.example.test");
                int id = (client << 12) | (i & 0xFFF);
                byte[] query = QueryBytes.of(id, name, A);

                byte[] answer = udp.exchange(query);

                WireHeader h = WireHeader.of(answer);
                String what = name + " -> " + Hex.of(answer);
                assertThat(h.id()).as(what).isEqualTo(id);
                assertThat(h.rcode()).as(what).isEqualTo(wildcard ? WireHeader.NOERROR : WireHeader.NXDOMAIN);
                assertThat(h.anCount()).as(what).isEqualTo(wildcard ? 1 : 0);
                assertThat(Arrays.copyOfRange(answer, 12, query.length)).as("question echoed as sent: %s", what)
                        .isEqualTo(Arrays.copyOfRange(query, 12, query.length));
                if (wildcard) {
                    assertThat(Arrays.copyOfRange(answer, answer.length - 4, answer.length)).as(what)
                            .isEqualTo(new byte[] {(byte) 192, 0, 2, 7});
                }
                checked++;
            }
        }
        return checked;
    }

    private static String randomCase(Random random, String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char ch : name.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(ch) : ch);
        }
        return b.toString();
    }
}
