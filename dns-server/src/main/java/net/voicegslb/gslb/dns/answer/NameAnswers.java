package net.voicegslb.gslb.dns.answer;

/**
 * The prepared answers for one owner name: those that depend on the question type, and one for
 * every other type (NODATA, a referral, or a CNAME chain ending in NODATA).
 */
final class NameAnswers {

    private final int[] types;
    private final PreparedAnswer[] answers;
    private final PreparedAnswer otherwise;

    NameAnswers(int[] types, PreparedAnswer[] answers, PreparedAnswer otherwise) {
        this.types = types;
        this.answers = answers;
        this.otherwise = otherwise;
    }

    PreparedAnswer forType(int qtype) {
        // A handful of types per name: a linear scan beats any map here.
        for (int i = 0; i < types.length; i++) {
            if (types[i] == qtype) {
                return answers[i];
            }
        }
        return otherwise;
    }

    int size() {
        return types.length + 1;
    }
}
