package net.voicegslb.gslb.common.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One emulated client network: every datagram its hosts send to a site, and every datagram they
 * receive from one, passes the {@link SitePath} between this network and that site. The site is
 * found from the peer's address ({@code siteByAddress}, e.g. 127.0.1.1 → fra), so SIP, RTP and
 * RTCP to a node all see the same path, as they would on a real network. Traffic with an address
 * of no known site passes at once, unimpaired: the lab's own plumbing (DNS, a test's helpers) is
 * not part of the emulated paths.
 *
 * <p>The lanes live on a {@link DelayLine} the caller supplies, so several networks can share one
 * sender thread. Each (site, direction) lane draws from its own seed, derived from {@code seed}.
 */
public final class NetworkEmulator {

    private final String name;
    private final Map<InetAddress, String> siteByAddress;
    private final Map<String, DelayLine.Lane> up = new HashMap<>();
    private final Map<String, DelayLine.Lane> down = new HashMap<>();

    /**
     * @param name the network's name, for reports ("eu")
     * @param siteByAddress which site each node address belongs to
     * @param paths the conditions towards each site; a site without an entry gets none
     */
    public NetworkEmulator(String name, DelayLine line, Map<InetAddress, String> siteByAddress,
                           Map<String, SitePath> paths, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.siteByAddress = Map.copyOf(siteByAddress);
        long laneSeed = seed;
        for (String site : siteByAddress.values().stream().distinct().sorted().toList()) {
            SitePath path = paths.getOrDefault(site, SitePath.symmetric(Impairment.none()));
            up.put(site, line.lane(path.up(), laneSeed = laneSeed * 31 + 1));
            down.put(site, line.lane(path.down(), laneSeed = laneSeed * 31 + 1));
        }
        for (String site : paths.keySet()) {
            if (!up.containsKey(site)) {
                throw new IllegalArgumentException("path for site " + site + " which no address belongs to");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The site {@code address} belongs to, or null for an address outside the emulated paths. */
    public String siteOf(InetAddress address) {
        return siteByAddress.get(address);
    }

    /** Changes the conditions towards {@code site} from now on (a degraded or repaired path). */
    public void impair(String site, SitePath path) {
        DelayLine.Lane u = up.get(site);
        if (u == null) {
            throw new IllegalArgumentException("unknown site " + site);
        }
        u.impair(path.up());
        down.get(site).impair(path.down());
    }

    /** The conditions towards {@code site} now. */
    public SitePath path(String site) {
        DelayLine.Lane u = up.get(site);
        if (u == null) {
            throw new IllegalArgumentException("unknown site " + site);
        }
        return new SitePath(u.impairment(), down.get(site).impairment());
    }

    /** A host of this network sends to {@code to}: {@code send} runs when the datagram "arrives". */
    public DelayLine.Outcome send(InetSocketAddress to, DelayLine.Delivery send) {
        return pass(up.get(siteByAddress.get(to.getAddress())), send);
    }

    /** A datagram from {@code from} reached a host's socket: {@code deliver} runs when it "arrives". */
    public DelayLine.Outcome receive(InetSocketAddress from, DelayLine.Delivery deliver) {
        return pass(down.get(siteByAddress.get(from.getAddress())), deliver);
    }

    /** Datagrams lost to the configured loss towards and from {@code site} so far. */
    public long lost(String site) {
        DelayLine.Lane u = up.get(site);
        return u == null ? 0 : u.lost() + down.get(site).lost();
    }

    private static DelayLine.Outcome pass(DelayLine.Lane lane, DelayLine.Delivery delivery) {
        if (lane == null) {
            try {
                delivery.deliver();
            } catch (Exception e) {
                return DelayLine.Outcome.LOST; // as a failed send on a real host: the datagram is gone
            }
            return DelayLine.Outcome.HELD;
        }
        return lane.offer(delivery);
    }
}
