package net.voicegslb.gslb.pbx.lab;

import java.util.List;
import java.util.Objects;
import net.voicegslb.gslb.common.lab.NetworkEmulator;

/**
 * One client network of a {@link PhoneFleet}: its phones (accounts with addresses in the
 * network's range), the emulated paths they use, and how many calls between its own phones it
 * keeps going at once.
 */
public record FleetNetwork(NetworkEmulator network, List<PhoneAccount> phones, int concurrentCalls) {
    public FleetNetwork {
        Objects.requireNonNull(network, "network");
        phones = List.copyOf(phones);
        if (concurrentCalls < 0 || concurrentCalls * 2 > phones.size()) {
            throw new IllegalArgumentException("network " + network.name() + ": " + concurrentCalls
                    + " concurrent calls need at least " + concurrentCalls * 2 + " phones, it has " + phones.size());
        }
    }
}
