package net.voicegslb.gslb.pbx.lab;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One phone's running counts: written on the loop, read by whoever asks for {@link PhoneStats}. */
final class PhoneCounters {
    final AtomicLong registrations = new AtomicLong();
    final AtomicLong registrationFailures = new AtomicLong();
    final AtomicLong keepalivesAnswered = new AtomicLong();
    final AtomicLong callsPlaced = new AtomicLong();
    final AtomicLong callsAnswered = new AtomicLong();
    final AtomicLong callsFailed = new AtomicLong();
    final AtomicLong callsCompleted = new AtomicLong();
    final AtomicLong rtpSent = new AtomicLong();
    final AtomicLong rtpReceived = new AtomicLong();
    final AtomicLong rtpLostOfEndedCalls = new AtomicLong();
    final AtomicLong rtcpSent = new AtomicLong();
    final AtomicLong rtcpReceived = new AtomicLong();
    final AtomicLong flowKeepalives = new AtomicLong();
    final AtomicLong flowFailures = new AtomicLong();
    final AtomicLong callsDropped = new AtomicLong();
    /** Failed calls by cause ("404", "timeout", "no media port", "not registered", "node died"): a few keys. */
    private final Map<String, AtomicLong> failureCauses = new ConcurrentHashMap<>();

    void callFailed(String cause) {
        callsFailed.incrementAndGet();
        failureCauses.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> failureCauses() {
        Map<String, Long> out = new TreeMap<>();
        failureCauses.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    PhoneStats snapshot(boolean registered, long rtpLostOfActiveCalls) {
        return new PhoneStats(registered ? 1 : 0, registrations.get(), registrationFailures.get(),
                keepalivesAnswered.get(), callsPlaced.get(), callsAnswered.get(), callsFailed.get(),
                callsCompleted.get(), rtpSent.get(), rtpReceived.get(), rtpLostOfEndedCalls.get() + rtpLostOfActiveCalls,
                rtcpSent.get(), rtcpReceived.get(), flowKeepalives.get(), flowFailures.get(), callsDropped.get());
    }
}
