package net.voicegslb.gslb.rtp.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.voicegslb.gslb.rtp.codec.Bencode;
import net.voicegslb.gslb.rtp.codec.BencodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rtpengine's "ng" control protocol over UDP: each datagram is {@code COOKIE SP bencoded-dict},
 * each reply the same cookie and a bencoded dict. Commands run one at a time on a dedicated
 * thread (they bind sockets, which must not happen on an event loop). Replies are cached by cookie,
 * because a proxy retransmits a command whose reply was lost and must not create a second call.
 */
public final class NgControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NgControlServer.class);
    private static final int REPLY_CACHE = 4096;

    private final EventLoopGroup group;
    private final ExecutorService commands;
    private final Channel channel;
    private final Function<Map<String, Object>, Map<String, Object>> handler;
    private final Map<String, byte[]> replies = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REPLY_CACHE;
        }
    };

    /**
     * @param handler turns a decoded command dictionary into the reply dictionary
     */
    public NgControlServer(InetSocketAddress listen, Function<Map<String, Object>, Map<String, Object>> handler) {
        this.handler = handler;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ng-io", true), NioIoHandler.newFactory());
        this.commands = Executors.newSingleThreadExecutor(new DefaultThreadFactory("ng-control", true));
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                        byte[] data = ByteBufUtil.getBytes(msg.content());
                        InetSocketAddress from = msg.sender();
                        commands.execute(() -> handle(data, from));
                    }
                })
                .bind(listen).syncUninterruptibly().channel();
        log.info("ng control listening on {}", listen);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    private void handle(byte[] data, InetSocketAddress from) {
        int space = indexOf(data, (byte) ' ');
        if (space <= 0) {
            log.debug("ng datagram without cookie from {}", from);
            return;
        }
        String cookie = new String(data, 0, space, StandardCharsets.ISO_8859_1);
        byte[] reply = replies.get(cookie);
        if (reply == null) {
            reply = Bencode.encode(execute(data, space + 1));
            replies.put(cookie, reply);
        }
        byte[] out = new byte[space + 1 + reply.length];
        System.arraycopy(data, 0, out, 0, space + 1);
        System.arraycopy(reply, 0, out, space + 1, reply.length);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out), from));
    }

    private Map<String, Object> execute(byte[] data, int offset) {
        try {
            if (!(Bencode.decode(data, offset) instanceof Map<?, ?> dict)) {
                return error("command is not a dictionary");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> command = (Map<String, Object>) dict;
            return handler.apply(command);
        } catch (BencodeException e) {
            return error("malformed bencode: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("ng command failed", e);
            return error("internal error: " + e);
        }
    }

    private static Map<String, Object> error(String reason) {
        return Map.of("result", "error", "error-reason", reason);
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        commands.shutdown();
        try {
            commands.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
