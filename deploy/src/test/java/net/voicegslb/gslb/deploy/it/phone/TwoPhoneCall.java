package net.voicegslb.gslb.deploy.it.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** One call between two registered phones: dial, answer, talk, hang up, then each phone's summary. */
record TwoPhoneCall(Baresip caller, Baresip callee, Baresip.CallSummary callerSide, Baresip.CallSummary calleeSide) {

    private static final Duration SIGNALLING = Duration.ofSeconds(15);

    /**
     * @param talk at least 6 s: the phones' counts come from their RTCP, which reports every ~5 s,
     *             so a shorter call ends with "No RTCP stats collected"
     */
    static TwoPhoneCall talk(Baresip caller, Baresip callee, String uri, Duration talk) {
        caller.awaitRegistered(Duration.ofSeconds(30));
        callee.awaitRegistered(Duration.ofSeconds(30));
        int callerMark = caller.mark();
        int calleeMark = callee.mark();
        caller.dial(uri);
        try {
            callee.awaitEvent("CALL_INCOMING", calleeMark, SIGNALLING);
        } catch (AssertionError e) {
            throw new AssertionError("the call never rang; the caller's side:\n" + Baresip.tail(caller.log(), 40)
                    + "\n--- the callee's side:\n" + Baresip.tail(callee.log(), 20), e);
        }
        callee.accept();
        caller.awaitEvent("CALL_ESTABLISHED", callerMark, SIGNALLING);
        try {
            Thread.sleep(talk.toMillis()); // the conversation: both phones send 50 packets/s meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        caller.hangup();
        callee.awaitEvent("CALL_CLOSED", calleeMark, SIGNALLING);
        TwoPhoneCall call = new TwoPhoneCall(caller, callee, caller.awaitCallSummary(SIGNALLING),
                callee.awaitCallSummary(SIGNALLING));
        // the phones' own figures, for the build log
        System.out.printf("call %s: caller %s%n  callee %s%n", uri, call.callerSide().line(), call.calleeSide().line());
        return call;
    }

    /** Each phone received at least {@code minPackets} and lost none, by its own count. */
    TwoPhoneCall assertMediaBothWays(long minPackets) {
        String why = "caller " + callerSide.line() + "\ncallee " + calleeSide.line();
        assertThat(callerSide.received()).as("packets the caller received\n%s", why)
                .isGreaterThanOrEqualTo(minPackets);
        assertThat(calleeSide.received()).as("packets the callee received\n%s", why)
                .isGreaterThanOrEqualTo(minPackets);
        assertThat(callerSide.lostReceiving()).as("caller's lost packets\n%s", why).isZero();
        assertThat(calleeSide.lostReceiving()).as("callee's lost packets\n%s", why).isZero();
        return this;
    }
}
