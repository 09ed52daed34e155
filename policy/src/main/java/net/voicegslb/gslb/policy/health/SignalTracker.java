package net.voicegslb.gslb.policy.health;

/**
 * Rise/fall debouncing of a boolean signal: flips to passing after {@code rise} consecutive good
 * observations and to failing after {@code fall} consecutive bad ones. The product's one rise/fall
 * rule: node heartbeats and SIP checks per transport in the DNS server, and the agent's check of a
 * third-party PBX. Not thread-safe; each owner serializes its calls.
 */
public final class SignalTracker {
    private final int rise;
    private final int fall;
    private boolean passing;
    private int goodStreak;
    private int badStreak;

    public SignalTracker(int rise, int fall, boolean initiallyPassing) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
        this.rise = rise;
        this.fall = fall;
        this.passing = initiallyPassing;
    }

    public void observe(boolean good) {
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

    public void reset(boolean nowPassing) {
        passing = nowPassing;
        goodStreak = 0;
        badStreak = 0;
    }

    public boolean passing() {
        return passing;
    }

    public int goodStreak() {
        return goodStreak;
    }

    public int badStreak() {
        return badStreak;
    }

    public int rise() {
        return rise;
    }
}
