package net.voicegslb.gslb.pbx.transaction;

import io.netty.buffer.ByteBuf;
import net.voicegslb.gslb.pbx.codec.ResponseWriter;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.metrics.SipMetrics;

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

    public ResponseWriter writer() {
        return writer;
    }
}
