package net.voicegslb.gslb.dns.answer;

import java.util.Arrays;

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

    /**
     * The same answers with the given name's dynamic types marked, so that one table probe tells
     * the query path both "this name exists" and "ask the GSLB layer"; the marker still carries
     * the static placeholder bytes, served if no GSLB layer is attached.
     */
    NameAnswers markDynamic(DynamicName d) {
        int[] dynTypes = d.types();
        int[] newTypes = Arrays.copyOf(types, types.length + dynTypes.length);
        PreparedAnswer[] newAnswers = Arrays.copyOf(answers, answers.length + dynTypes.length);
        int n = types.length;
        for (int t : dynTypes) {
            DynamicAnswer marker = new DynamicAnswer(forType(t), d, d.slot(t), t);
            int existing = indexOf(newTypes, n, t);
            if (existing >= 0) {
                newAnswers[existing] = marker;
            } else {
                newTypes[n] = t;
                newAnswers[n] = marker;
                n++;
            }
        }
        return new NameAnswers(Arrays.copyOf(newTypes, n), Arrays.copyOf(newAnswers, n), otherwise);
    }

    private static int indexOf(int[] a, int length, int v) {
        for (int i = 0; i < length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return types.length + 1;
    }
}
