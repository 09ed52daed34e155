package net.voicegslb.gslb.pbx.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

/**
 * The demo's phones: every account of every network a {@link SyntheticPhone} on one shared
 * {@link PhoneIo}, all registering where the {@link RegistrarLocator} says, and each network
 * keeping {@code concurrentCalls} calls going between its own idle phones that are registered over a
 * live flow ({@link SyntheticPhone#flowAlive}), each lasting
 * a random time in [minCall, maxCall]. At most one new call per network per second, so a fleet
 * that starts, or recovers, does not storm the nodes.
 */
public final class PhoneFleet implements AutoCloseable {

    private static final long PACE_MILLIS = 1000;

    private final PhoneIo io;
    private final Map<String, List<SyntheticPhone>> phonesByNetwork = new LinkedHashMap<>();
    private final Map<String, Integer> callsByNetwork = new LinkedHashMap<>();
    private final Duration minCall;
    private final Duration maxCall;
    private final Random random;
    private ScheduledFuture<?> pacer;

    /**
     * Creates (but does not start) the phones; their sockets are open from here on.
     *
     * @param domain the SIP domain every account belongs to
     * @param minCall shortest call, e.g. 20 s
     * @param maxCall longest call, e.g. 40 s
     * @param seed all phones' randomness derives from it, so a run can be repeated
     */
    public PhoneFleet(String domain, List<FleetNetwork> networks, RegistrarLocator locator, PhoneSettings settings,
            Duration minCall, Duration maxCall, long seed) throws IOException {
        if (minCall.isNegative() || maxCall.compareTo(minCall) < 0) {
            throw new IllegalArgumentException("call duration range " + minCall + ".." + maxCall);
        }
        this.minCall = minCall;
        this.maxCall = maxCall;
        this.random = new Random(seed);
        this.io = new PhoneIo("phones");
        try {
            for (FleetNetwork n : networks) {
                List<SyntheticPhone> phones = new ArrayList<>();
                for (PhoneAccount a : n.phones()) {
                    phones.add(new SyntheticPhone(a, domain, settings, locator, n.network(), io, random.nextLong()));
                }
                phonesByNetwork.put(n.network().name(), List.copyOf(phones));
                callsByNetwork.put(n.network().name(), n.concurrentCalls());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Registers every phone (spread over the first second) and starts placing calls. */
    public void start() {
        for (List<SyntheticPhone> phones : phonesByNetwork.values()) {
            for (SyntheticPhone p : phones) {
                io.schedule(p::start, random.nextInt(1000));
            }
        }
        pacer = io.every(this::pace, PACE_MILLIS, PACE_MILLIS);
    }

    /** The phones of network {@code name}, e.g. to ask where each registered. */
    public List<SyntheticPhone> phones(String network) {
        return phonesByNetwork.getOrDefault(network, List.of());
    }

    /** Counters summed over the phones of one network. */
    public PhoneStats stats(String network) {
        PhoneStats sum = PhoneStats.ZERO;
        for (SyntheticPhone p : phones(network)) {
            sum = sum.plus(p.stats());
        }
        return sum;
    }

    /** Counters summed over every phone. */
    public PhoneStats stats() {
        PhoneStats sum = PhoneStats.ZERO;
        for (String n : phonesByNetwork.keySet()) {
            sum = sum.plus(stats(n));
        }
        return sum;
    }

    /** Failed calls of every phone by cause, e.g. {404=2, timeout=1}. */
    public java.util.Map<String, Long> failureCauses() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (List<SyntheticPhone> phones : phonesByNetwork.values()) {
            for (SyntheticPhone p : phones) {
                p.failureCauses().forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        return out;
    }

    /** Loop tasks that threw: should stay 0; a lab report shows it. */
    public long taskFailures() {
        return io.taskFailures();
    }

    /** Each network: if fewer calls than wanted are up, one more between two idle registered phones. */
    private void pace() {
        for (Map.Entry<String, List<SyntheticPhone>> e : phonesByNetwork.entrySet()) {
            List<SyntheticPhone> idle = new ArrayList<>();
            int busy = 0;
            for (SyntheticPhone p : e.getValue()) {
                if (p.activeCalls() > 0) {
                    busy++;
                } else if (p.flowAlive()) { // not a phone whose node has just stopped answering
                    idle.add(p);
                }
            }
            // each call occupies two phones of the network
            if (busy / 2 >= callsByNetwork.get(e.getKey()) || idle.size() < 2) {
                continue;
            }
            SyntheticPhone caller = idle.remove(random.nextInt(idle.size()));
            SyntheticPhone callee = idle.get(random.nextInt(idle.size()));
            long span = maxCall.toMillis() - minCall.toMillis();
            long duration = minCall.toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * span));
            caller.call(callee.account().user(), Duration.ofMillis(duration));
        }
    }

    /** Stops calling, switches every phone off and frees every socket and thread. */
    @Override
    public void close() {
        if (pacer != null) {
            pacer.cancel(false);
        }
        for (List<SyntheticPhone> phones : phonesByNetwork.values()) {
            for (SyntheticPhone p : phones) {
                p.close();
            }
        }
        io.close();
    }
}
