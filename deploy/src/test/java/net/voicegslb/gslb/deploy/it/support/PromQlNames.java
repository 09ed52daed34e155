package net.voicegslb.gslb.deploy.it.support;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query over one) reads: what is left once
 * strings, label matchers, ranges, label lists of {@code by/without/on/ignoring/group_*},
 * Grafana variables, function calls, keywords and numbers are taken out. Not a PromQL parser
 * (promtool checks the syntax); enough to check that the names exist in a real scrape.
 */
public final class PromQlNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** {@code $var}, {@code ${var}}, {@code ${var:format}}, {@code [[var]]} (ranges are gone by then). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    /** An identifier not inside a word or number and not called: {@code rate(} is a function. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "atan2", "inf", "nan");
    /** Grafana's {@code label_values(metric{...}, label)}: only the first argument is a metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*\\w+\\s*\\)\\s*$");

    private PromQlNames() {}

    /** Metric names in a PromQL expression, sorted. */
    public static Set<String> of(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        s = VARIABLE.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Metric names in a Grafana Prometheus variable query: {@code label_values(metric, label)} reads
     * {@code metric}; {@code label_values(label)} reads none; anything else is PromQL
     * ({@code query_result(...)} included).
     */
    public static Set<String> ofVariableQuery(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.matches()) {
            return of(lv.group(1));
        }
        if (query.strip().startsWith("label_values")) {
            return Set.of();
        }
        return of(query);
    }
}
