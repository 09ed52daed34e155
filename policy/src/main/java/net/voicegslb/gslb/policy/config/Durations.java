package net.voicegslb.gslb.policy.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations the way operators write them: {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 30d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m|h|d)?\\s*");

    private Durations() {}

    /** The duration, or null when the text is not one; a bare number means seconds. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
