package net.voicegslb.gslb.pbx.proxy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import net.voicegslb.gslb.pbx.codec.HeaderName;
import net.voicegslb.gslb.pbx.codec.MessageRewriter;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipMethod;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.transaction.ClientListener;
import net.voicegslb.gslb.pbx.transaction.ClientTransaction;
import net.voicegslb.gslb.pbx.transaction.Responder;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/**
 * What comes back for a request the proxy forwarded: responses relayed upstream (the 2xx's SDP
 * answer anchored first), the next peer tried after a 404/480, non-2xx finals ACKed hop by hop,
 * and the dialog confirmed (2xx) or ended with its media (failure or timeout of the initial
 * INVITE; a failed re-INVITE leaves the call as it was).
 */
final class Downstream implements ClientListener {

    private final Proxy proxy;
    private final Forwarded f;
    private final MediaAnchor media;
    private final Executor workers;
    private final Dialogs dialogs;
    private final Responder responder;
    private final SipMetrics metrics;

    Downstream(Proxy proxy, Forwarded f, MediaAnchor media, Executor workers, Dialogs dialogs, Responder responder,
            SipMetrics metrics) {
        this.proxy = proxy;
        this.f = f;
        this.media = media;
        this.workers = workers;
        this.dialogs = dialogs;
        this.responder = responder;
        this.metrics = metrics;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipMessage response, SipConnection from) {
        int status = response.status();
        if (status == 100) {
            return; // hop by hop (RFC 3261 16.7 item 5)
        }
        boolean invite = f.request().method() == SipMethod.INVITE;
        if ((status == 404 || status == 480) && !f.next().isEmpty()) {
            // this site does not have the user either: ACK the failure and try the next peer
            if (invite) {
                ackFailure(response);
            }
            proxy.tryNextPeer(f);
            return;
        }
        if (invite && status >= 200) {
            proxy.inviteDone(f);
        }
        if (invite && status >= 200 && status < 300 && f.initial()) {
            dialogs.confirmed(f.request().callId(), f.request().from().tag());
        }
        if (invite && status >= 300) {
            ackFailure(response);
            if (f.initial()) {
                // the call did not happen; a failed re-INVITE leaves the call as it was
                dialogs.close(f.request().callId(), f.request().from().tag(), null);
                if (f.anchored()) {
                    workers.execute(() -> media.release(f.request().callId()));
                }
            }
        }
        if (invite && status < 300 && f.anchored() && response.hasSdpBody()) {
            workers.execute(() -> {
                try {
                    String sdp = media.answer(response.callId(), f.request().from().tag(), response.to().tag(),
                            response.body(), from.remote().getAddress());
                    relay(response, sdp.getBytes(StandardCharsets.UTF_8));
                } catch (MediaException | RuntimeException e) {
                    metrics.proxyMediaError.increment();
                    relay(response, null);
                }
            });
            return;
        }
        relay(response, null);
    }

    private void relay(SipMessage response, byte[] body) {
        if (response.vias().size() < 2) {
            // only our own Via: the response was meant for this element and is not forwarded
            // (RFC 3261 16.7 step 3); relaying it would send the caller a response without any Via
            metrics.proxyResponseForUs.increment();
            return;
        }
        f.upstream().send(Unpooled.wrappedBuffer(MessageRewriter.relayResponse(response, body)), response.status());
    }

    /** The ACK for a non-2xx final response is ours to send, hop by hop (RFC 3261 17.1.1.3). */
    private void ackFailure(SipMessage response) {
        SipMessage r = f.request();
        int toIndex = response.indexOf(HeaderName.TO);
        String to = "To: " + new String(response.buffer(), response.headerValueStart(toIndex),
                response.headerValueEnd(toIndex) - response.headerValueStart(toIndex), StandardCharsets.UTF_8);
        String ack = "ACK " + f.requestUri() + " SIP/2.0\r\n" + f.viaLine() + Proxy.header(r, HeaderName.FROM) + to
                + "\r\n" + Proxy.header(r, HeaderName.CALL_ID) + "CSeq: " + r.cseq().number()
                + " ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        f.downstream().send(Unpooled.wrappedBuffer(ack.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
        proxy.inviteDone(f);
        if (f.initial()) {
            dialogs.close(f.request().callId(), f.request().from().tag(), null);
            if (f.anchored()) {
                workers.execute(() -> media.release(f.request().callId()));
            }
        }
        if (f.upstream().lastStatus() < 200) {
            responder.respond(f.upstream(), f.request(), 408, "Request Timeout");
        }
    }
}
