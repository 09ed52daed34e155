package net.voicegslb.gslb.pbx.lab;

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

    PhoneStats snapshot(boolean registered, long rtpLostOfActiveCalls) {
        return new PhoneStats(registered ? 1 : 0, registrations.get(), registrationFailures.get(),
                keepalivesAnswered.get(), callsPlaced.get(), callsAnswered.get(), callsFailed.get(),
                callsCompleted.get(), rtpSent.get(), rtpReceived.get(), rtpLostOfEndedCalls.get() + rtpLostOfActiveCalls,
                rtcpSent.get(), rtcpReceived.get(), flowKeepalives.get(), flowFailures.get(), callsDropped.get());
    }
}
