package net.voicegslb.gslb.agent.probe;

/**
 * The outcome of one OPTIONS probe.
 *
 * @param status   SIP status code, 0 on timeout
 * @param rttMillis time to the response, NaN on timeout
 */
public record SipOptionsResult(int status, double rttMillis) {

    public boolean answered() {
        return status != 0;
    }

    /** 1..6 for 1xx..6xx, 0 for no answer. */
    public int responseClass() {
        return status / 100;
    }
}
