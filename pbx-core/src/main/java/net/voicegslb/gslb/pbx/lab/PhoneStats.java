package net.voicegslb.gslb.pbx.lab;

/**
 * What synthetic phones have done, summed over phones when it comes from a fleet. Calls are
 * counted on the caller's side (placed, failed, completed) except {@code callsAnswered}, counted
 * by the callee that sent the 200. RTP counts are packets; {@code rtpLost} is expected minus
 * received per RFC 3550, summed over the calls' streams. {@code flowKeepalives} are the phone's own
 * OPTIONS to its registrar, {@code flowFailures} the times the flow to it was found dead (a keepalive,
 * REGISTER refresh, INVITE or BYE unanswered) and the phone re-registered at once;
 * {@code callsDropped} are established calls the caller ended locally because their node's flow
 * died (a call still being set up then counts as failed).
 */
public record PhoneStats(
        long registered,
        long registrations,
        long registrationFailures,
        long keepalivesAnswered,
        long callsPlaced,
        long callsAnswered,
        long callsFailed,
        long callsCompleted,
        long rtpSent,
        long rtpReceived,
        long rtpLost,
        long rtcpSent,
        long rtcpReceived,
        long flowKeepalives,
        long flowFailures,
        long callsDropped) {

    public static final PhoneStats ZERO = new PhoneStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public PhoneStats plus(PhoneStats o) {
        return new PhoneStats(registered + o.registered, registrations + o.registrations,
                registrationFailures + o.registrationFailures, keepalivesAnswered + o.keepalivesAnswered,
                callsPlaced + o.callsPlaced, callsAnswered + o.callsAnswered, callsFailed + o.callsFailed,
                callsCompleted + o.callsCompleted, rtpSent + o.rtpSent, rtpReceived + o.rtpReceived,
                rtpLost + o.rtpLost, rtcpSent + o.rtcpSent, rtcpReceived + o.rtcpReceived,
                flowKeepalives + o.flowKeepalives, flowFailures + o.flowFailures, callsDropped + o.callsDropped);
    }
}
