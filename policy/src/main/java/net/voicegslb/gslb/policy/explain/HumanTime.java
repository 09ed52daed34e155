package net.voicegslb.gslb.policy.explain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times and durations as people read them in `explain`, logs and pages: an ISO-8601 UTC instant with
 * its age ({@code 2026-12-03T20:14:42Z, 26 s ago}), never raw epoch milliseconds. The policy has no
 * clock, so "now" is always passed in; in a running server both values are wall-clock milliseconds.
 */
public final class HumanTime {

    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    /** {@code 2026-12-03T20:14:42Z, 26 s ago}, or {@code ..., in 4 s} for a time still ahead. */
    public static String instant(long epochMillis, long nowMillis) {
        if (epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE) {
            return "never";
        }
        String when = ISO_SECONDS.format(Instant.ofEpochMilli(epochMillis));
        long delta = nowMillis - epochMillis;
        if (delta == 0) {
            return when + ", now";
        }
        return delta > 0 ? when + ", " + duration(delta) + " ago" : when + ", in " + duration(-delta);
    }

    /**
     * A non-negative duration in the largest unit that keeps it readable: {@code 850 ms},
     * {@code 26 s}, {@code 4 min 10 s}, {@code 3 h 5 min}, {@code 2 d 4 h}.
     */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-" + duration(-millis);
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        long s = millis / 1_000;
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        if (s < 120) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 120) {
            return s % 60 == 0 ? min + " min" : min + " min " + s % 60 + " s";
        }
        long h = min / 60;
        if (h < 48) {
            return min % 60 == 0 ? h + " h" : h + " h " + min % 60 + " min";
        }
        return h % 24 == 0 ? h / 24 + " d" : h / 24 + " d " + h % 24 + " h";
    }
}
