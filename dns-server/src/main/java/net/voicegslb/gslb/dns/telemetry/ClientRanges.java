package net.voicegslb.gslb.dns.telemetry;

import net.voicegslb.gslb.policy.model.ClientPrefix;

/**
 * Which prefixes can hold DNS clients and phones, so measurements about them are worth keeping.
 * Loopback and private ranges are accepted on purpose: labs and private deployments measure them.
 */
final class ClientRanges {

    /** Shorter prefixes cover a sizeable part of the address space: no measurement describes them. */
    static final int MIN_IPV4_LENGTH = 8;
    static final int MIN_IPV6_LENGTH = 16;

    private ClientRanges() {
    }

    static boolean isClientPrefix(ClientPrefix p) {
        if (p.ipv6()) {
            int firstByte = (int) (p.hi() >>> 56);
            boolean unspecified = p.length() == 128 && p.hi() == 0 && p.lo() == 0;
            return p.length() >= MIN_IPV6_LENGTH && firstByte != 0xFF && !unspecified;
        }
        int firstOctet = (int) (p.hi() >>> 56);
        // 0/8 is "this network"; 224/4 multicast, 240/4 reserved and the broadcast address above it.
        return p.length() >= MIN_IPV4_LENGTH && firstOctet != 0 && firstOctet < 224;
    }
}
