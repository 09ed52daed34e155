package net.voicegslb.gslb.rtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an RTP relay instance needs, with defaults in {@link #defaults}. Construction
 * validates every field and reports all problems at once.
 *
 * @param bindAddress local address the media ports are bound on
 * @param advertisedAddress address written into rewritten SDP (differs from bind behind 1:1 NAT)
 * @param portMin first port of the media range (rounded up to even: RTP even, RTCP = RTP + 1)
 * @param portMax last port of the media range
 * @param maxSessions calls admitted at once; the next offer fails with "relay full"
 * @param mediaTimeout a call whose peer sent nothing for this long is closed and its ports freed
 * @param statsInterval how often stream statistics are published
 * @param relatchAfter silence of the latched peer after which the same SSRC may move the latch
 * @param ioThreads event loops for media (0 = number of CPUs)
 */
public record RelayConfig(
        InetAddress bindAddress,
        InetAddress advertisedAddress,
        int portMin,
        int portMax,
        int maxSessions,
        Duration mediaTimeout,
        Duration statsInterval,
        Duration relatchAfter,
        int ioThreads) {

    public RelayConfig {
        List<String> errors = problems(bindAddress, advertisedAddress, portMin, portMax, maxSessions, mediaTimeout,
                statsInterval, relatchAfter, ioThreads);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid rtp relay config: " + String.join("; ", errors));
        }
    }

    public static RelayConfig defaults(InetAddress bindAddress) {
        return new RelayConfig(bindAddress, bindAddress, 30000, 31000, 250, Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 0);
    }

    public RelayConfig withPorts(int min, int max) {
        return new RelayConfig(bindAddress, advertisedAddress, min, max, maxSessions, mediaTimeout, statsInterval,
                relatchAfter, ioThreads);
    }

    public RelayConfig withMaxSessions(int max) {
        return new RelayConfig(bindAddress, advertisedAddress, portMin, portMax, max, mediaTimeout, statsInterval,
                relatchAfter, ioThreads);
    }

    public RelayConfig withTimeouts(Duration media, Duration stats, Duration relatch) {
        return new RelayConfig(bindAddress, advertisedAddress, portMin, portMax, maxSessions, media, stats, relatch,
                ioThreads);
    }

    public RelayConfig withAdvertisedAddress(InetAddress address) {
        return new RelayConfig(bindAddress, address, portMin, portMax, maxSessions, mediaTimeout, statsInterval,
                relatchAfter, ioThreads);
    }

    public RelayConfig withIoThreads(int threads) {
        return new RelayConfig(bindAddress, advertisedAddress, portMin, portMax, maxSessions, mediaTimeout,
                statsInterval, relatchAfter, threads);
    }

    /** Port pairs in the range: each call needs two (one per leg). */
    public int portPairs() {
        int first = portMin + (portMin & 1);
        return Math.max(0, (portMax - first + 1) / 2);
    }

    private static List<String> problems(InetAddress bind, InetAddress advertised, int min, int max, int sessions,
            Duration timeout, Duration stats, Duration relatch, int threads) {
        List<String> errors = new ArrayList<>();
        if (bind == null) {
            errors.add("bindAddress is required");
        }
        if (advertised == null) {
            errors.add("advertisedAddress is required");
        }
        if (min < 1024 || max > 65535 || min > max) {
            errors.add("ports " + min + "-" + max + " must lie within 1024-65535 with min <= max");
        } else if ((max - (min + (min & 1)) + 1) / 2 < 2) {
            errors.add("ports " + min + "-" + max + " hold fewer than the 2 even/odd pairs one call needs");
        }
        if (sessions < 1) {
            errors.add("maxSessions must be at least 1, was " + sessions);
        }
        requirePositive(errors, "mediaTimeout", timeout);
        requirePositive(errors, "statsInterval", stats);
        requirePositive(errors, "relatchAfter", relatch);
        if (threads < 0) {
            errors.add("ioThreads must be >= 0 (0 = CPUs), was " + threads);
        }
        return errors;
    }

    private static void requirePositive(List<String> errors, String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            errors.add(name + " must be positive, was " + d);
        }
    }
}
