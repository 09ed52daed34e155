package net.voicegslb.gslb.common.sip;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import net.voicegslb.gslb.policy.sip.SipFraming;
import net.voicegslb.gslb.policy.sip.SipFramingException;

/**
 * Cuts a SIP byte stream into whole messages (RFC 3261 §18.3): headers up to the blank line, then
 * Content-Length bytes of body. Skips keep-alive CRLFs between messages (RFC 5626 §3.5.1). Emits
 * each message as a {@link ByteBuf}; anything that cannot be framed is an exception, after which the
 * connection is useless and the client closes it.
 */
public final class SipStreamFramer extends ByteToMessageDecoder {
    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            // Past a framing error no message boundary can be trusted; drop everything until closed.
            in.skipBytes(in.readableBytes());
            return;
        }
        while (true) {
            int length;
            try {
                length = frameLength(in);
            } catch (RuntimeException e) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (length < 0) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }

    /**
     * Length of the complete message at the reader index (after skipping leading CRLFs, which it
     * consumes), or -1 if more bytes are needed. The arithmetic is policy's {@link SipFraming}.
     */
    static int frameLength(ByteBuf in) {
        in.skipBytes(SipFraming.keepAliveBytes(i -> in.getByte(in.readerIndex() + i), in.readableBytes()));
        int start = in.readerIndex();
        try {
            return SipFraming.frameLength(i -> in.getByte(start + i), in.readableBytes());
        } catch (SipFramingException e) {
            throw e.tooLong() ? new TooLongFrameException(e.getMessage()) : new CorruptedFrameException(e.getMessage());
        }
    }
}
