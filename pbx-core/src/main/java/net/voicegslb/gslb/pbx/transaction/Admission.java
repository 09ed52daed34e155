package net.voicegslb.gslb.pbx.transaction;

/**
 * What the transaction layer made of a request: a new transaction to process it in, a
 * retransmission (already answered from its transaction), or a refusal because the table is full
 * (the caller answers 503 statelessly, so a flood cannot grow the table without bound).
 *
 * @param transaction the new transaction, or null
 * @param retransmission true when the request belonged to a transaction we already had
 */
public record Admission(ServerTransaction transaction, boolean retransmission) {

    static final Admission RETRANSMISSION = new Admission(null, true);
    static final Admission REFUSED = new Admission(null, false);

    public boolean refused() {
        return transaction == null && !retransmission;
    }
}
