package net.voicegslb.gslb.pbx.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import net.voicegslb.gslb.pbx.codec.NameAddr;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.rtp.control.Sdp;
import net.voicegslb.gslb.rtp.control.SdpException;
import net.voicegslb.gslb.rtp.control.SdpMedia;

/**
 * One call at one synthetic phone, as caller or callee: the dialog (tags, route set, remote
 * target, CSeq) and its {@link MediaStream}. The caller sends INVITE (answering a 407 once), ACKs,
 * and hangs up after the call's duration; the callee sends 180 and 200 at once, retransmits the
 * 200 until the ACK, and starts its media on the ACK, when the node's relay has seen both SDPs.
 * Loop thread only.
 */
final class PhoneCall {

    private final SyntheticPhone phone;
    private final String callId;
    private final boolean caller;
    private final MediaStream media;
    private final String localTag;
    private InetSocketAddress node;
    private String remoteUser;
    private String remoteTag;
    private String fromHeader;
    private String toHeader;
    private String requestUri;
    private InetSocketAddress firstHop;
    private List<String> routeSet = List.of();
    private String remoteTarget;
    private long localCseq = 1;
    private SdpMedia remoteMedia;
    private String ackText;
    private InetSocketAddress ackTo;
    private String okText;
    private InetSocketAddress okTo;
    private long okInterval;
    private boolean established;
    private boolean ended;
    private ScheduledFuture<?> timer;

    private PhoneCall(SyntheticPhone phone, String callId, boolean caller, MediaStream media) {
        this.phone = phone;
        this.callId = callId;
        this.caller = caller;
        this.media = media;
        this.localTag = phone.token();
    }

    String callId() {
        return callId;
    }

    /** The node the call was set up through (the caller's registrar, or whoever sent the INVITE). */
    InetSocketAddress node() {
        return node;
    }

    long lost() {
        return media.lost();
    }

    // ---- caller -------------------------------------------------------------------------------

    /** Places a call to {@code user} via {@code node}; null (counted as failed) if no media socket. */
    static PhoneCall place(SyntheticPhone phone, String callId, String user, InetSocketAddress node, long durationMillis) {
        MediaStream media = openMedia(phone);
        phone.counters().callsPlaced.incrementAndGet();
        if (media == null) {
            phone.counters().callFailed("no media port");
            return null;
        }
        PhoneCall call = new PhoneCall(phone, callId, true, media);
        call.remoteUser = user;
        call.requestUri = "sip:" + user + "@" + phone.domain();
        call.fromHeader = "<sip:" + phone.account().user() + "@" + phone.domain() + ">;tag=" + call.localTag;
        call.toHeader = "<sip:" + user + "@" + phone.domain() + ">";
        call.firstHop = node;
        call.node = node;
        call.sendInvite(null, durationMillis);
        return call;
    }

    private void sendInvite(String proxyAuthorization, long durationMillis) {
        String branch = phone.branch();
        long cseq = localCseq;
        String sdp = SipText.sdp(phone.account().address().getHostAddress(), media.rtpPort(), media.rtcpPort(),
                phone.random().nextInt(1 << 30));
        String text = SipText.request("INVITE", requestUri, phone.via(), branch, fromHeader, toHeader, callId, cseq,
                "INVITE", List.of(), "Contact: " + phone.contact() + "\r\n"
                        + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n"),
                "application/sdp", sdp);
        phone.request(branch, text, firstHop, true,
                r -> onInviteResponse(r, branch, cseq, proxyAuthorization != null, durationMillis), () -> failed("timeout"));
    }

    private void onInviteResponse(SipMessage r, String branch, long cseq, boolean answered, long durationMillis) {
        if (ended) {
            return;
        }
        int status = r.status();
        if (status >= 300) {
            // the ACK of a non-2xx final response: same branch, hop by hop (RFC 3261 17.1.1.3)
            phone.send(firstHop, SipText.request("ACK", requestUri, phone.via(), branch, fromHeader,
                    toWithTag(r), callId, cseq, "ACK", List.of(), "", null, null));
            DigestChallenge challenge = status == 407 || status == 401
                    ? DigestChallenge.choose(SyntheticPhone.challenges(r, status), phone.settings().algorithm()) : null;
            if (challenge != null && !answered) {
                localCseq++;
                sendInvite(challenge.answer("INVITE", requestUri, phone.account().user(), phone.account().password(),
                        1, phone.token()), durationMillis);
            } else {
                failed(Integer.toString(status));
            }
            return;
        }
        remoteTag = r.to() == null ? null : r.to().tag();
        toHeader = toWithTag(r);
        List<String> routes = new ArrayList<>();
        for (NameAddr rr : r.recordRoutes()) {
            routes.add(0, SipText.raw(r, rr)); // the caller's route set is the Record-Route reversed
        }
        routeSet = List.copyOf(routes);
        remoteTarget = r.contacts().isEmpty() || r.contacts().get(0).uri() == null ? requestUri
                : r.contacts().get(0).uri().text();
        firstHop = hop(r.recordRoutes().isEmpty() ? null : r.recordRoutes().get(r.recordRoutes().size() - 1), firstHop);
        ackText = SipText.request("ACK", remoteTarget, phone.via(), phone.branch(), fromHeader, toHeader, callId, cseq,
                "ACK", routeSet, "", null, null);
        ackTo = firstHop;
        phone.send(ackTo, ackText);
        try {
            remoteMedia = Sdp.audio(r.body());
        } catch (SdpException e) {
            hangUp(); // an answer we cannot send media to: end the call as a phone would
            return;
        }
        established = true;
        media.start(remoteMedia.rtp(), remoteMedia.rtcp());
        timer = phone.io().schedule(this::hangUp, durationMillis);
    }

    void onRetransmitted2xx() {
        if (ackText != null) {
            phone.send(ackTo, ackText);
        }
    }

    private void hangUp() {
        if (ended) {
            return;
        }
        if (remoteTarget == null) {
            end(); // a peer that gave no Contact cannot be sent a BYE
            return;
        }
        String branch = phone.branch();
        long cseq = ++localCseq;
        String text = SipText.request("BYE", remoteTarget, phone.via(), branch, fromHeader, toHeader, callId, cseq,
                "BYE", routeSet, "", null, null);
        boolean completed = established;
        end();
        // the call ran its course whether or not the BYE's answer comes back
        if (caller && completed) {
            phone.counters().callsCompleted.incrementAndGet();
        }
        phone.request(branch, text, firstHop, false, r -> { }, () -> { });
    }

    private void failed(String cause) {
        if (!ended) {
            phone.counters().callFailed(cause);
            end();
        }
    }

    private String toWithTag(SipMessage r) {
        return r.to() != null && r.to().tag() != null
                ? "<sip:" + remoteUser + "@" + phone.domain() + ">;tag=" + r.to().tag() : toHeader;
    }

    // ---- callee -------------------------------------------------------------------------------

    /** Answers an INVITE at once: 180, then 200 with our SDP; 488 if its offer is not usable. */
    static PhoneCall answer(SyntheticPhone phone, SipMessage invite, InetSocketAddress from) {
        SdpMedia offer;
        try {
            offer = Sdp.audio(invite.body());
        } catch (SdpException e) {
            phone.send(from, SipText.response(invite, "488 Not Acceptable Here", phone.token(), false, "", null, null));
            return null;
        }
        MediaStream media = openMedia(phone);
        if (media == null) {
            phone.send(from, SipText.response(invite, "503 Service Unavailable", phone.token(), false, "", null, null));
            return null;
        }
        PhoneCall call = new PhoneCall(phone, invite.callId(), false, media);
        call.remoteMedia = offer;
        call.remoteTag = invite.from() == null ? null : invite.from().tag();
        // our requests in this dialog: From is the INVITE's To (with our tag), To is its From
        call.fromHeader = SipText.raw(invite, invite.to()) + ";tag=" + call.localTag;
        call.toHeader = SipText.raw(invite, invite.from());
        List<String> routes = new ArrayList<>();
        for (NameAddr rr : invite.recordRoutes()) {
            routes.add(SipText.raw(invite, rr));
        }
        call.routeSet = List.copyOf(routes);
        call.remoteTarget = invite.contacts().isEmpty() || invite.contacts().get(0).uri() == null ? null
                : invite.contacts().get(0).uri().text();
        call.firstHop = hop(invite.recordRoutes().isEmpty() ? null : invite.recordRoutes().get(0), from);
        call.node = from;
        call.localCseq = 1;
        String contact = "Contact: " + phone.contact() + "\r\n";
        phone.send(from, SipText.response(invite, "180 Ringing", call.localTag, true, contact, null, null));
        String sdp = SipText.sdp(phone.account().address().getHostAddress(), media.rtpPort(), media.rtcpPort(),
                phone.random().nextInt(1 << 30));
        call.okText = SipText.response(invite, "200 OK", call.localTag, true, contact, "application/sdp", sdp);
        call.okTo = from;
        call.okInterval = 500;
        phone.send(from, call.okText);
        phone.counters().callsAnswered.incrementAndGet();
        call.timer = phone.io().schedule(call::retransmitOk, call.okInterval);
        return call;
    }

    /** Retransmits the 200 until the ACK comes (RFC 3261 13.3.1.4); without one, hangs up. */
    private void retransmitOk() {
        if (ended || established) {
            return;
        }
        if (okInterval >= phone.settings().transactionTimeout().toMillis()) {
            established = true; // for the BYE's sake: the dialog exists, it was only never confirmed
            hangUp();
            return;
        }
        phone.send(okTo, okText);
        okInterval = Math.min(okInterval * 2, 4000);
        timer = phone.io().schedule(this::retransmitOk, okInterval);
    }

    void onRetransmittedInvite(InetSocketAddress from) {
        if (okText != null && !ended) {
            phone.send(from, okText);
        }
    }

    void onAck() {
        if (caller || ended || established) {
            return;
        }
        established = true;
        if (timer != null) {
            timer.cancel(false);
        }
        media.start(remoteMedia.rtp(), remoteMedia.rtcp());
    }

    /** The other side hung up. */
    void onBye() {
        if (caller && established && !ended) {
            phone.counters().callsCompleted.incrementAndGet();
        }
        end();
    }

    /**
     * The flow to the call's node died: stop media, no BYE (nobody would answer it). The caller
     * counts an established call as dropped, one still being set up as failed.
     */
    void drop() {
        if (ended) {
            return;
        }
        if (caller) {
            if (established) {
                phone.counters().callsDropped.incrementAndGet();
            } else {
                phone.counters().callFailed("node died");
            }
        }
        end();
    }

    /** The phone is switched off: stop media, no BYE. */
    void abandon() {
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        phone.ended(this, media.stop());
    }

    private static MediaStream openMedia(SyntheticPhone phone) {
        try {
            return new MediaStream(phone.io(), phone.network(), phone.account().address(),
                    phone.account().user() + "@" + phone.account().address().getHostAddress(),
                    new java.util.Random(phone.random().nextLong()), phone.counters(),
                    phone.settings().rtcpInterval().toMillis());
        } catch (IOException e) {
            return null;
        }
    }

    /** Where the next in-dialog request goes: the first route's host and port, else {@code fallback}. */
    private static InetSocketAddress hop(NameAddr route, InetSocketAddress fallback) {
        if (route == null || route.uri() == null || route.uri().host() == null) {
            return fallback;
        }
        String host = route.uri().host();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, route.uri().portOrDefault());
    }
}
