package net.voicegslb.gslb.dns.telemetry;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.net.SocketAddress;

/** An {@link AgentSocket} over an upgraded Netty channel. */
final class ChannelAgentSocket implements AgentSocket {

    private final Channel channel;

    ChannelAgentSocket(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void sendBinary(byte[] frame) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close(short code, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }
}
