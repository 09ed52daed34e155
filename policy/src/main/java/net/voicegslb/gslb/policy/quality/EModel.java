package net.voicegslb.gslb.policy.quality;

/**
 * Predicts call quality from network measurements with the ITU-T G.107 E-model.
 *
 * <p>Simplifications, all deliberate:
 * <ul>
 *   <li>Every non-network parameter is at its G.107 default ({@link G107Defaults}); A = 0.</li>
 *   <li>Mouth-to-ear delay T = RTT/2 + k x jitter (jitter buffer) + codec packetization and
 *       look-ahead + a fixed extra delay; Ta = T, Tr = 2T.</li>
 *   <li>Loss is treated as random (BurstR = 1 by default) because per-prefix averages cannot see
 *       burstiness; Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl).</li>
 *   <li>Id(T) is tabulated at 1 ms steps up to {@value #TABLE_MILLIS} ms and linearly interpolated,
 *       so scoring a site costs a few multiplications on the DNS path; beyond the table R is
 *       extrapolated linearly, which is harmless because such calls are already unusable.</li>
 *   <li>R to MOS uses G.107 Annex B, with MOS = 1 below R = 6.5 where the cubic would otherwise
 *       dip under 1 and break monotonicity.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class EModel {
    static final int TABLE_MILLIS = 2000;

    private final EModelSettings settings;
    private final double baseR;
    private final double[] delayImpairment;

    public EModel(EModelSettings settings) {
        this.settings = settings;
        this.baseR = G107Defaults.ro() - G107Defaults.is();
        this.delayImpairment = new double[TABLE_MILLIS + 1];
        for (int t = 0; t <= TABLE_MILLIS; t++) {
            delayImpairment[t] = G107Defaults.delayImpairment(t);
        }
    }

    public EModel() {
        this(EModelSettings.defaults());
    }

    public EModelSettings settings() {
        return settings;
    }

    /** Ro - Is for the default parameters: R of a zero-delay, lossless, transparent connection. */
    public double baseR() {
        return baseR;
    }

    /** Mouth-to-ear delay for a measured path. */
    public double oneWayDelayMillis(double rttMillis, double jitterMillis, Codec codec) {
        return Math.max(0, rttMillis) / 2 + settings.jitterBufferFactor() * Math.max(0, jitterMillis)
                + codec.codecDelayMillis() + settings.extraDelayMillis();
    }

    /** Id for mouth-to-ear delay T, interpolated in the precomputed table. */
    public double delayImpairment(double oneWayDelayMillis) {
        double t = Math.max(0, oneWayDelayMillis);
        if (t >= TABLE_MILLIS) {
            double slope = delayImpairment[TABLE_MILLIS] - delayImpairment[TABLE_MILLIS - 1];
            return delayImpairment[TABLE_MILLIS] + slope * (t - TABLE_MILLIS);
        }
        int i = (int) t;
        double f = t - i;
        return delayImpairment[i] + f * (delayImpairment[i + 1] - delayImpairment[i]);
    }

    /** Ie,eff for a loss ratio in [0, 1]. */
    public double effectiveEquipmentImpairment(double lossRatio, Codec codec) {
        double ppl = 100 * Math.min(1, Math.max(0, lossRatio));
        return codec.ie() + (95 - codec.ie()) * ppl / (ppl / settings.burstRatio() + codec.bpl());
    }

    /** R from mouth-to-ear delay and Ie,eff. */
    public double rFactor(double oneWayDelayMillis, double effectiveEquipmentImpairment) {
        return baseR - delayImpairment(oneWayDelayMillis) - effectiveEquipmentImpairment;
    }

    /** The hot-path score: predicted MOS for a measured path, no allocation. */
    public double mos(double rttMillis, double jitterMillis, double lossRatio, Codec codec) {
        double r = rFactor(oneWayDelayMillis(rttMillis, jitterMillis, codec),
                effectiveEquipmentImpairment(lossRatio, codec));
        return mosFromR(r);
    }

    /** The same computation with its parts, for explanations. */
    public CallQuality assess(double rttMillis, double jitterMillis, double lossRatio, Codec codec) {
        double t = oneWayDelayMillis(rttMillis, jitterMillis, codec);
        double id = delayImpairment(t);
        double ie = effectiveEquipmentImpairment(lossRatio, codec);
        double r = baseR - id - ie;
        return new CallQuality(t, id, ie, r, mosFromR(r));
    }

    /** G.107 Annex B (B-4): estimated conversational MOS from R, floored at 1 below R = 6.5. */
    public static double mosFromR(double r) {
        if (r < 6.5) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        // The cubic is a hair under 1 at 6.5 (0.9999); max keeps the mapping monotone.
        return Math.max(1.0, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }
}
