package net.voicegslb.gslb.policy.quality;

/**
 * The E-model's verdict with its parts, so an explanation can show where the points went.
 *
 * @param oneWayDelayMillis mouth-to-ear delay T = Ta (RTT/2 + jitter buffer + codec + extra)
 * @param delayImpairment   Id = Idte + Idle + Idd
 * @param equipmentImpairment Ie,eff from codec and loss
 * @param rFactor           R = Ro - Is - Id - Ie,eff + A
 * @param mos               estimated MOS (CQE) from R
 */
public record CallQuality(double oneWayDelayMillis, double delayImpairment, double equipmentImpairment,
                          double rFactor, double mos) {
}
