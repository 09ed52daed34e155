package net.voicegslb.gslb.policy.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EModelTest {
    private final EModel model = new EModel();

    @Test
    void defaultConnectionGivesR93_2AndMos4_41() {
        // G.107 section 7 / Table 3: all defaults (T = 0, no loss, Ie = 0) give R = 93.2.
        double r = model.rFactor(0, 0);
        assertThat(r).isCloseTo(93.2, within(0.1));
        assertThat(EModel.mosFromR(93.2)).isCloseTo(4.41, within(0.005));
    }

    @ParameterizedTest
    @CsvSource({"0,1.0", "6,1.0", "50,2.58", "60,3.10", "70,3.60", "80,4.02", "90,4.34", "100,4.5", "120,4.5"})
    void mosFromRMatchesAnnexB(double r, double mos) {
        // Values of the G.107 Annex B curve (Figure B.1 / G.109 Table 1 category boundaries).
        assertThat(EModel.mosFromR(r)).isCloseTo(mos, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({"50", "100", "150", "200", "250", "300"})
    void delayImpairmentAgreesWithColeRosenbluthFit(double t) {
        // Cole & Rosenbluth (ACM CCR 2001) fitted Id = 0.024 d + 0.11 (d - 177.3) H(d - 177.3) to the
        // full E-model with default parameters; the full formulas must land within ~1 R point of it
        // up to 300 ms (beyond that the straight-line fit drifts from the curved Idd, ~3 R at 400 ms).
        double fit = 0.024 * t + (t > 177.3 ? 0.11 * (t - 177.3) : 0);
        assertThat(model.delayImpairment(t)).isCloseTo(fit, within(1.2));
    }

    @Test
    void tableInterpolationMatchesDirectFormula() {
        for (double t = 0; t < 1500; t += 7.3) {
            assertThat(model.delayImpairment(t)).isCloseTo(G107Defaults.delayImpairment(t), within(0.02));
        }
    }

    @Test
    void lossImpairmentUsesCodecIeAndBpl() {
        // Ie,eff = Ie + (95 - Ie) Ppl / (Ppl + Bpl) with BurstR = 1.
        assertThat(model.effectiveEquipmentImpairment(0.01, Codec.G711_PLC)).isCloseTo(95.0 / 26.1, within(1e-9));
        assertThat(model.effectiveEquipmentImpairment(0.02, Codec.G729A)).isCloseTo(11 + 84.0 * 2 / 21, within(1e-9));
        assertThat(model.effectiveEquipmentImpairment(0, Codec.G729A)).isEqualTo(11.0);
        // Without PLC G.711 suffers much more from the same loss.
        assertThat(model.effectiveEquipmentImpairment(0.01, Codec.G711))
                .isGreaterThan(3 * model.effectiveEquipmentImpairment(0.01, Codec.G711_PLC));
    }

    @Test
    void oneWayDelayAddsHalfRttJitterBufferAndCodec() {
        // 100 ms RTT, 10 ms jitter, G.729A (20 ms packet + 5 ms look-ahead), k = 2.
        assertThat(model.oneWayDelayMillis(100, 10, Codec.G729A)).isEqualTo(50 + 20 + 25.0);
    }

    @Test
    void typicalGoodPathIsAboveFourAndBadPathBelowThree() {
        assertThat(model.mos(40, 2, 0.001, Codec.G711_PLC)).isGreaterThan(4.3);
        assertThat(model.mos(500, 40, 0.08, Codec.G711_PLC)).isLessThan(3.0);
    }

    @Property
    void mosNeverIncreasesWithDelay(@ForAll @DoubleRange(min = 0, max = 3000) double rtt,
                                    @ForAll @DoubleRange(min = 0, max = 500) double more,
                                    @ForAll @DoubleRange(min = 0, max = 100) double jitter,
                                    @ForAll @DoubleRange(min = 0, max = 1) double loss) {
        for (Codec c : Codec.values()) {
            assertThat(model.mos(rtt + more, jitter, loss, c)).isLessThanOrEqualTo(model.mos(rtt, jitter, loss, c));
        }
    }

    @Property
    void mosNeverIncreasesWithJitter(@ForAll @DoubleRange(min = 0, max = 3000) double rtt,
                                     @ForAll @DoubleRange(min = 0, max = 200) double jitter,
                                     @ForAll @DoubleRange(min = 0, max = 100) double more,
                                     @ForAll @DoubleRange(min = 0, max = 1) double loss) {
        assertThat(model.mos(rtt, jitter + more, loss, Codec.OPUS))
                .isLessThanOrEqualTo(model.mos(rtt, jitter, loss, Codec.OPUS));
    }

    @Property
    void mosNeverIncreasesWithLoss(@ForAll @DoubleRange(min = 0, max = 3000) double rtt,
                                   @ForAll @DoubleRange(min = 0, max = 100) double jitter,
                                   @ForAll @DoubleRange(min = 0, max = 0.5) double loss,
                                   @ForAll @DoubleRange(min = 0, max = 0.5) double more) {
        for (Codec c : Codec.values()) {
            assertThat(model.mos(rtt, jitter, loss + more, c)).isLessThanOrEqualTo(model.mos(rtt, jitter, loss, c));
        }
    }

    @Property
    void mosStaysOnTheScale(@ForAll double r) {
        assertThat(EModel.mosFromR(r)).isBetween(1.0, 4.5);
    }

    @Property
    void mosFromRIsMonotone(@ForAll @DoubleRange(min = -50, max = 150) double r,
                            @ForAll @DoubleRange(min = 0, max = 50) double more) {
        assertThat(EModel.mosFromR(r + more)).isGreaterThanOrEqualTo(EModel.mosFromR(r));
    }

    @Test
    void assessAgreesWithMos() {
        CallQuality q = model.assess(80, 5, 0.01, Codec.G722);
        assertThat(q.mos()).isEqualTo(model.mos(80, 5, 0.01, Codec.G722));
        assertThat(q.rFactor()).isCloseTo(model.baseR() - q.delayImpairment() - q.equipmentImpairment(), within(1e-9));
    }
}
