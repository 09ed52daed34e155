package net.voicegslb.gslb.dns.gslb;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.answer.DynamicAnswer;
import net.voicegslb.gslb.dns.answer.PreparedAnswer;
import net.voicegslb.gslb.dns.codec.ParsedQuery;

/**
 * The GSLB layer as the query path sees it: key the client, fetch the precomputed answer, pick a
 * rotation. Runs on event loops; allocates nothing on a table hit, but for the one query in
 * {@link QueryTally#SAMPLE_EVERY} that is counted for the dashboard.
 */
public final class GslbQueryPath implements DnsResponder.DynamicAnswers {

    private final GslbAnswers answers;
    private final int ipv4Length;
    private final int ipv6Length;
    private final Consumer<InetAddress> resolvers;
    private final LongSupplier clock;
    private final QueryTally tally;

    /**
     * @param resolvers told the source address of every dynamic query (cheaply: it runs per query),
     *                  so that agents can be sent the resolvers to probe
     */
    public GslbQueryPath(GslbAnswers answers, int ipv4Length, int ipv6Length, Consumer<InetAddress> resolvers,
                         LongSupplier clock) {
        this(answers, ipv4Length, ipv6Length, resolvers, clock, null);
    }

    /** @param tally counts one query in {@link QueryTally#SAMPLE_EVERY} per event loop, or null */
    public GslbQueryPath(GslbAnswers answers, int ipv4Length, int ipv6Length, Consumer<InetAddress> resolvers,
                         LongSupplier clock, QueryTally tally) {
        this.tally = tally;
        this.clock = clock;
        this.answers = answers;
        this.ipv4Length = ipv4Length;
        this.ipv6Length = ipv6Length;
        this.resolvers = resolvers;
    }

    /** Per-loop scratch: the client key, the last answer's scope, a rotation counter. */
    static final class Scratch {
        final ClientKey key;
        int scope;
        int counter;

        Scratch(int ipv4Length, int ipv6Length) {
            key = new ClientKey(ipv4Length, ipv6Length);
        }
    }

    @Override
    public Object newScratch() {
        return new Scratch(ipv4Length, ipv6Length);
    }

    @Override
    public PreparedAnswer answer(DynamicAnswer marker, ByteBuf query, ParsedQuery q, InetAddress resolver,
                                 Object scratch) {
        Scratch s = scratch instanceof Scratch own ? own : (Scratch) newScratch();
        s.key.of(query, q, resolver);
        resolvers.accept(resolver);
        int n = s.counter++;
        ClientAnswer a = answers.answer(marker, s.key, clock.getAsLong(),
                (n & (QueryTally.SAMPLE_EVERY - 1)) == 0 ? tally : null);
        // The answer is shared by the client's decision prefix, but measured clients inside it may be
        // answered differently: the scope is the client's own length unless no answer depends on it.
        s.scope = q.hasClientSubnet && a.scope() != 0 ? s.key.length() : 0;
        return a.pick(n);
    }

    @Override
    public int scope(Object scratch) {
        return scratch instanceof Scratch s ? s.scope : 0;
    }
}
