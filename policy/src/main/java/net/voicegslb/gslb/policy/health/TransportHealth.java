package net.voicegslb.gslb.policy.health;

import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * The SIP check state of one transport of a node, for readers: whether the node may be offered on
 * this transport's SRV and NAPTR choice, and why.
 *
 * @param passing         the rise/fall verdict: false keeps the node out of this transport's SRV
 * @param badStreak       consecutive failed checks (0 while the last one passed)
 * @param goodStreak      consecutive passing checks (0 while the last one failed)
 * @param detail          the last check's outcome, e.g. {@code "tls 10.0.0.1:5061: connection refused"}
 * @param sinceMillis     when {@code passing} last changed (the first check for a transport never
 *                        checked before)
 * @param lastCheckMillis when the last check result arrived
 */
public record TransportHealth(SipTransport transport, boolean passing, int badStreak, int goodStreak, String detail,
                              long sinceMillis, long lastCheckMillis) {

    /** {@code "tls down (3 consecutive failed): connection refused"} or {@code "udp up"}. */
    public String summary() {
        String name = transport.name().toLowerCase(java.util.Locale.ROOT);
        if (passing) {
            return badStreak > 0 ? name + " up (" + badStreak + " failed, not yet down): " + detail : name + " up";
        }
        return name + " down (" + (badStreak > 0 ? badStreak + " consecutive failed" : goodStreak + " passing, not yet up")
                + "): " + detail;
    }
}
