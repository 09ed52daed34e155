package net.voicegslb.gslb.policy.quality;

/**
 * Codec parameters for the E-model. Ie and Bpl for G.711 and G.729A come from ITU-T G.113
 * Appendix I (random loss). G.113 Appendix I has no narrowband values for G.722 and Opus; for those
 * we use provisional engineering values (marked below) that treat them like a PLC-equipped
 * transparent codec on the narrowband R scale, which understates their wideband advantage but
 * ranks sites correctly because every site is scored with the same codec.
 *
 * <p>Delay: one packet of audio is buffered before sending ({@code packetMillis}) plus the
 * encoder's look-ahead; decoder and DSP processing is not modelled separately.
 */
public enum Codec {
    /** G.711 with packet-loss concealment (G.711 Appendix I): Ie 0, Bpl 25.1 (G.113 App. I). */
    G711_PLC("G.711+PLC", 0.0, 25.1, 20.0, 0.0),
    /** G.711 without concealment: Ie 0, Bpl 4.3 (G.113 App. I). */
    G711("G.711", 0.0, 4.3, 20.0, 0.0),
    /** G.722 at 64 kbit/s with PLC: provisional Ie 0, Bpl 25.1 (assumed like G.711+PLC). */
    G722("G.722", 0.0, 25.1, 20.0, 1.5),
    /** G.729A with VAD: Ie 11, Bpl 19.0 (G.113 App. I); 10 ms frames, 5 ms look-ahead. */
    G729A("G.729A+VAD", 11.0, 19.0, 20.0, 5.0),
    /** Opus wideband at >= 24 kbit/s, FEC off: provisional Ie 0, Bpl 20.0; 6.5 ms look-ahead (RFC 6716). */
    OPUS("Opus", 0.0, 20.0, 20.0, 6.5);

    private final String displayName;
    private final double ie;
    private final double bpl;
    private final double packetMillis;
    private final double lookaheadMillis;

    Codec(String displayName, double ie, double bpl, double packetMillis, double lookaheadMillis) {
        this.displayName = displayName;
        this.ie = ie;
        this.bpl = bpl;
        this.packetMillis = packetMillis;
        this.lookaheadMillis = lookaheadMillis;
    }

    public String displayName() {
        return displayName;
    }

    /** Equipment impairment factor at zero loss. */
    public double ie() {
        return ie;
    }

    /** Packet-loss robustness factor. */
    public double bpl() {
        return bpl;
    }

    /** Delay the codec adds to the mouth-to-ear path: packetization plus look-ahead. */
    public double codecDelayMillis() {
        return packetMillis + lookaheadMillis;
    }
}
