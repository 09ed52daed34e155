package net.voicegslb.gslb.dns.telemetry;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Consumer;

/**
 * An authenticated agent's WebSocket frames, on the stream event loop: whole binary messages go to
 * its {@link AgentConnection}, pings are answered, a close is echoed, and an idle connection is
 * closed. {@code onClosed} runs once the channel is gone.
 */
final class StreamHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final AgentConnection connection;
    private final Consumer<AgentConnection> onClosed;

    StreamHandler(AgentConnection connection, Consumer<AgentConnection> onClosed) {
        this.connection = connection;
        this.onClosed = onClosed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            connection.onBinary(ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof TextWebSocketFrame) {
            connection.onText();
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // neither side sent anything for the idle timeout: a dead agent or half-open
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onException(cause);
        if (cause instanceof TooLongFrameException) {
            connection.close((short) WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message too big");
        } else {
            ctx.close(); // the decoder has sent its close frame where the protocol asks for one
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        onClosed.accept(connection);
        super.channelInactive(ctx);
    }
}
