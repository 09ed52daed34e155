package net.voicegslb.gslb.deploy.it.gslb;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.policy.quality.Codec;
import net.voicegslb.gslb.policy.quality.EModel;

/**
 * One client network's A answers over a watch, as a phone's resolver would see them: how often the
 * answer changed, and, beside it, how often the server's raw measured order (best site by score
 * alone, no margin, no hold) changed, which is what the answer would have done without hysteresis.
 * Only answers decided for the network's /24 (ECS scope 24) count; others are counted apart.
 */
final class AnswerSwitches {

    /** The lab's E-model: default settings, the codec of gslb.yaml's ranking. */
    private static final EModel E_MODEL = new EModel();
    private static final Codec CODEC = Codec.G711_PLC;

    private final ClientNetwork client;
    private final long startMillis;
    private final List<String> switches = new ArrayList<>();
    private final List<Long> switchMillis = new ArrayList<>();
    private List<String> answer;
    private String rawLeader;
    private int rawLeaderChanges;
    private int polls;
    private int unscoped;
    private double largestLeadMos = Double.NaN;

    AnswerSwitches(ClientNetwork client, long startMillis) {
        this.client = client;
        this.startMillis = startMillis;
    }

    /** One A answer, received at {@code atMillis}. */
    void answer(DnsReply reply, long atMillis) {
        polls++;
        if (reply.edns() == null || !reply.edns().options().contains(LabDns.scope24(client))) {
            unscoped++;
            return;
        }
        List<String> addresses = LabDns.addresses(reply);
        if (answer != null && !answer.equals(addresses)) {
            switches.add(String.format("+%.1f s %s -> %s", (atMillis - startMillis) / 1e3, answer, addresses));
            switchMillis.add(atMillis);
        }
        answer = addresses;
    }

    /**
     * One explanation of the same question: notes the site that leads by score alone, and how far
     * it leads the runner-up. Explain rounds scores to 0.001 MOS, about the whole difference between
     * two near-equal paths, so the score is recomputed from the path estimate (rounded to 0.001 ms)
     * with the server's E-model, then the explained penalties and bonus are applied.
     */
    void explained(JsonObject explain) {
        String best = null;
        double bestScore = -Double.MAX_VALUE;
        double second = -Double.MAX_VALUE;
        for (Object o : explain.getJsonObject("explanation").getJsonArray("sites")) {
            JsonObject s = (JsonObject) o;
            Double rtt = s.getDouble("rttMillis");
            if (!"ELIGIBLE".equals(s.getString("eligibility")) || rtt == null) {
                continue;
            }
            double sortScore = E_MODEL.mos(rtt, s.getDouble("jitterMillis"), s.getDouble("lossRatio"), CODEC)
                    - s.getDouble("evidencePenalty", 0.0) - s.getDouble("capacityPenalty", 0.0)
                    - s.getDouble("degradedPenalty", 0.0) + s.getDouble("homeBonus", 0.0);
            if (sortScore > bestScore) {
                second = bestScore;
                bestScore = sortScore;
                best = s.getString("siteId");
            } else if (sortScore > second) {
                second = sortScore;
            }
        }
        if (best == null) {
            return;
        }
        if (rawLeader != null && !rawLeader.equals(best)) {
            rawLeaderChanges++;
        }
        rawLeader = best;
        if (second > -Double.MAX_VALUE) {
            largestLeadMos = Double.isNaN(largestLeadMos) ? bestScore - second
                    : Math.max(largestLeadMos, bestScore - second);
        }
    }

    int switchCount() {
        return switches.size();
    }

    List<Long> switchMillis() {
        return List.copyOf(switchMillis);
    }

    List<String> answer() {
        return answer;
    }

    int rawLeaderChanges() {
        return rawLeaderChanges;
    }

    int polls() {
        return polls;
    }

    int unscoped() {
        return unscoped;
    }

    ClientNetwork client() {
        return client;
    }

    String summary() {
        return String.format("%s: %d polls, %d answer switches %s, raw measured leader changed %d times (largest"
                        + " lead over the runner-up %.4f MOS), %d answers not decided for the /24", client, polls, switches.size(),
                switches, rawLeaderChanges, largestLeadMos,
                unscoped);
    }
}
