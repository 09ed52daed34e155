package net.voicegslb.gslb.policy.health;

import net.voicegslb.gslb.policy.model.SipTransport;

/**
 * Rise/fall of the SIP checks of one transport of one node, with the last outcome, so that a dead
 * TLS listener takes the node out of {@code _sips._tcp} without touching {@code _sip._udp}. Not
 * thread-safe; owned by one {@link NodeHealthMachine}.
 */
final class TransportSignal {
    private final SipTransport transport;
    // Passing until shown otherwise: the absence of a check is not evidence of failure.
    private final SignalTracker tracker;
    private String detail = "";
    private long sinceMillis;
    private long lastCheckMillis;

    TransportSignal(SipTransport transport, int rise, int fall, long nowMillis) {
        this.transport = transport;
        this.tracker = new SignalTracker(rise, fall, true);
        this.sinceMillis = nowMillis;
        this.lastCheckMillis = nowMillis;
    }

    /** Records one check; returns true when this flipped the transport's verdict. */
    boolean observe(boolean ok, String checkDetail, long nowMillis) {
        boolean before = tracker.passing();
        tracker.observe(ok);
        detail = checkDetail == null ? "" : checkDetail;
        lastCheckMillis = nowMillis;
        if (tracker.passing() != before) {
            sinceMillis = nowMillis;
            return true;
        }
        return false;
    }

    boolean passing() {
        return tracker.passing();
    }

    TransportHealth snapshot() {
        return new TransportHealth(transport, tracker.passing(), tracker.badStreak(), tracker.goodStreak(), detail,
                sinceMillis, lastCheckMillis);
    }
}
