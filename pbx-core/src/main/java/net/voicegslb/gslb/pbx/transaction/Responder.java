package net.voicegslb.gslb.pbx.transaction;

import io.netty.buffer.ByteBuf;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;
import net.voicegslb.gslb.pbx.transport.SipConnection;

/** Answers a request within its server transaction (so retransmissions get the same answer). */
public final class Responder {

    private final ResponseWriter writer;
    private final SipMetrics metrics;

    public Responder(ResponseWriter writer, SipMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    public void respond(ServerTransaction tx, SipMessage request, int status, String reason, String toTag,
            String extraHeaders, byte[] body) {
        ByteBuf out = writer.write(tx.connection().channel().alloc(), request, status, reason, tx.connection().remote(),
                toTag, extraHeaders, body);
        metrics.response(status);
        tx.send(out, status);
    }

    public void respond(ServerTransaction tx, SipMessage request, int status, String reason) {
        respond(tx, request, status, reason, ToTags.local(request), null, null);
    }

    /**
     * Answers without a transaction: for requests whose processing has no effect (an OPTIONS
     * ping), so that a retransmission answered twice does no harm and nothing is kept.
     */
    public void respondStateless(SipConnection to, SipMessage request, int status, String reason, String toTag,
            String extraHeaders) {
        ByteBuf out = writer.write(to.channel().alloc(), request, status, reason, to.remote(), toTag, extraHeaders, null);
        metrics.response(status);
        to.sendInReadBurst(out);
    }

    public ResponseWriter writer() {
        return writer;
    }
}
