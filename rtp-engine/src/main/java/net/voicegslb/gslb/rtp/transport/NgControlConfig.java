package net.voicegslb.gslb.rtp.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The ng control socket and its guards, with defaults in {@link #defaults}. Construction validates
 * every field and reports all problems at once.
 *
 * @param listen UDP address the ng socket binds
 * @param allowed senders whose commands are executed; anything else is dropped unanswered
 *     (default loopback only: the proxy normally runs on the same host)
 * @param queueLimit commands waiting for the single command thread; beyond it datagrams are
 *     dropped (the proxy retransmits), so a flood costs bounded memory
 * @param replyCache replies remembered per (sender, cookie) for retransmissions
 */
public record NgControlConfig(InetSocketAddress listen, CidrAllowList allowed, int queueLimit, int replyCache) {

    public static final int DEFAULT_QUEUE_LIMIT = 256;
    public static final int DEFAULT_REPLY_CACHE = 4096;

    public NgControlConfig {
        List<String> errors = new ArrayList<>();
        if (listen == null) {
            errors.add("listen is required");
        }
        if (allowed == null) {
            errors.add("allowed is required");
        }
        if (queueLimit < 1 || queueLimit > 65_536) {
            errors.add("queueLimit must be 1-65536, was " + queueLimit);
        }
        if (replyCache < 1 || replyCache > 1_000_000) {
            errors.add("replyCache must be 1-1000000, was " + replyCache);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ng control config: " + String.join("; ", errors));
        }
    }

    public static NgControlConfig defaults(InetSocketAddress listen) {
        return new NgControlConfig(listen, CidrAllowList.parse(CidrAllowList.LOOPBACK), DEFAULT_QUEUE_LIMIT,
                DEFAULT_REPLY_CACHE);
    }

    public NgControlConfig withAllowed(CidrAllowList list) {
        return new NgControlConfig(listen, list, queueLimit, replyCache);
    }

    public NgControlConfig withQueueLimit(int limit) {
        return new NgControlConfig(listen, allowed, limit, replyCache);
    }
}
