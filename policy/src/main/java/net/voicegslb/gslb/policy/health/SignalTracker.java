package net.voicegslb.gslb.policy.health;

/**
 * Rise/fall debouncing of a boolean signal: flips to passing after {@code rise} consecutive good
 * observations and to failing after {@code fall} consecutive bad ones. Not thread-safe; owned by
 * one {@link NodeHealthMachine}.
 */
final class SignalTracker {
    private final int rise;
    private final int fall;
    private boolean passing;
    private int goodStreak;
    private int badStreak;

    SignalTracker(int rise, int fall, boolean initiallyPassing) {
        this.rise = rise;
        this.fall = fall;
        this.passing = initiallyPassing;
    }

    void observe(boolean good) {
        if (good) {
            goodStreak++;
            badStreak = 0;
            if (!passing && goodStreak >= rise) {
                passing = true;
            }
        } else {
            badStreak++;
            goodStreak = 0;
            if (passing && badStreak >= fall) {
                passing = false;
            }
        }
    }

    void reset(boolean nowPassing) {
        passing = nowPassing;
        goodStreak = 0;
        badStreak = 0;
    }

    boolean passing() {
        return passing;
    }

    int goodStreak() {
        return goodStreak;
    }

    int badStreak() {
        return badStreak;
    }

    int rise() {
        return rise;
    }
}
