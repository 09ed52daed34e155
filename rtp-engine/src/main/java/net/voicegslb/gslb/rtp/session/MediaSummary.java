package net.voicegslb.gslb.rtp.session;

import java.net.InetSocketAddress;

/**
 * What a call's media did, leg by leg, as the relay saw it: written to the log when the call ends,
 * because "one-way audio" is the first complaint about any VoIP platform and the relay is the one
 * place that can tell which side went quiet, which sender was refused, and where packets went.
 */
public record MediaSummary(String callId, Leg caller, Leg callee) {

    /**
     * One peer: where signalling said it is, where it was latched, what it sent.
     *
     * @param signalled address from SDP, null if never signalled
     * @param latched address media was sent back to, null if never latched
     * @param packets RTP and RTCP admitted from this peer
     * @param refused packets to this leg's ports from sources that were not let in
     * @param undeliverable admitted packets dropped because the other peer had no address
     */
    public record Leg(InetSocketAddress signalled, InetSocketAddress latched, long packets, long refused,
            long undeliverable) {

        static Leg of(MediaLeg leg) {
            return new Leg(leg.rtpLatch().signalled(), leg.rtpLatch().latched(), leg.packets(), leg.refused(),
                    leg.undeliverable());
        }

        long delivered() {
            return packets - undeliverable;
        }

        @Override
        public String toString() {
            return "signalled " + address(signalled) + ", latched " + address(latched) + ", " + packets
                    + " pkts in (" + delivered() + " forwarded, " + undeliverable + " with nowhere to go), "
                    + refused + " refused";
        }

        private static String address(InetSocketAddress a) {
            return a == null ? "-" : a.getAddress().getHostAddress() + ":" + a.getPort();
        }
    }

    /**
     * True when media went one way only: one peer's packets reached the other while nothing came
     * back. A call that never carried media (cancelled before answer) is not one-way.
     */
    public boolean oneWay() {
        return (caller.delivered() > 0) != (callee.delivered() > 0);
    }

    @Override
    public String toString() {
        return "call " + callId + (oneWay() ? " ONE-WAY media" : "") + ": caller " + caller + "; callee " + callee;
    }
}
