package net.voicegslb.gslb.agent.probe;

import net.voicegslb.gslb.common.sip.OptionsOutcome;

/**
 * The outcome of one OPTIONS probe, as the measurements count it.
 *
 * @param status   SIP status code, 0 on timeout
 * @param rttMillis time to the response, NaN on timeout
 */
public record SipOptionsResult(int status, double rttMillis) {

    /** The measurement's view of the client's outcome: a status and an RTT, or neither. */
    public static SipOptionsResult of(OptionsOutcome o) {
        return o.answered() ? new SipOptionsResult(o.statusCode(), o.rttNanos() / 1e6)
                : new SipOptionsResult(0, Double.NaN);
    }

    public boolean answered() {
        return status != 0;
    }

    /** 1..6 for 1xx..6xx, 0 for no answer. */
    public int responseClass() {
        return status / 100;
    }
}
