package net.voicegslb.gslb.policy.quality;

/**
 * The ITU-T G.107 (06/2015) E-model evaluated with every non-network parameter at its default
 * (Table 3/G.107: SLR 8, RLR 2, STMR 15, LSTR 18, Ds 3, Dr 3, TELR 65, WEPL 110, qdu 1, Nc -70,
 * Nfor -64, Ps = Pr = 35, A = 0). Only the mouth-to-ear delay T varies; we take Ta = T and Tr = 2T
 * (a symmetric four-wire path). These are the formulas of section 7; we compute them once per
 * delay value (see {@link EModel}'s table) so they need not be fast.
 */
final class G107Defaults {
    /** Total noise No for the default parameters (dBm0p), as tabulated in G.107. */
    static final double NO = -61.18;
    static final double SLR = 8;
    static final double RLR = 2;
    static final double STMR = 15;
    static final double TELR = 65;
    static final double WEPL = 110;
    static final double QDU = 1;
    static final double MT = 100;
    static final double ST = 1;

    private G107Defaults() {
    }

    /** Basic signal-to-noise ratio Ro = 15 - 1.5 (SLR + No). */
    static double ro() {
        return 15 - 1.5 * (SLR + NO);
    }

    /** Simultaneous impairment Is = Iolr + Ist + Iq at T = 0 (Ist depends on T only via STMRo, negligibly). */
    static double is() {
        double xolr = SLR + RLR + 0.2 * (64 + NO - RLR);
        double iolr = 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
        double stmro = -10 * Math.log10(Math.pow(10, -STMR / 10) + Math.pow(10, -TELR / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13) + 29;
        double q = 37 - 15 * Math.log10(QDU);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (ro() - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46 / 30.0 - g / 40;
        double iq = 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
        return iolr + ist + iq;
    }

    /** Delay impairment Id = Idte + Idle + Idd for mouth-to-ear delay {@code t} ms. */
    static double delayImpairment(double t) {
        return talkerEcho(t) + listenerEcho(2 * t) + absoluteDelay(t);
    }

    static double talkerEcho(double t) {
        double roe = -1.5 * (NO - RLR);
        double terv = TELR - 40 * Math.log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        double re = 80 + 2.5 * (terv - 14);
        double d = roe - re;
        return (d / 2 + Math.sqrt(d * d / 4 + 100) - 1) * (1 - Math.exp(-t));
    }

    static double listenerEcho(double tr) {
        double rle = 10.5 * (WEPL + 7) * Math.pow(tr + 1, -0.25);
        double d = ro() - rle;
        return d / 2 + Math.sqrt(d * d / 4 + 169);
    }

    static double absoluteDelay(double ta) {
        if (ta <= MT) {
            return 0;
        }
        double x = Math.log10(ta / MT) / Math.log10(2);
        double e = 6 * ST;
        return 25 * (Math.pow(1 + Math.pow(x, e), 1 / e) - 3 * Math.pow(1 + Math.pow(x / 3, e), 1 / e) + 2);
    }
}
