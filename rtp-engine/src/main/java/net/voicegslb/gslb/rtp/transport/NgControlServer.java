package net.voicegslb.gslb.rtp.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.voicegslb.gslb.rtp.codec.Bencode;
import net.voicegslb.gslb.rtp.codec.BencodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rtpengine's "ng" control protocol over UDP: each datagram is {@code COOKIE SP bencoded-dict},
 * each reply the same cookie and a bencoded dict. Commands run one at a time on a dedicated
 * thread (they bind sockets, which must not happen on an event loop). Replies are cached by sender
 * and cookie, because a proxy retransmits a command whose reply was lost and must not create a
 * second call; keying by sender too means nobody can fetch another sender's reply (its SDP) by
 * guessing the cookie.
 *
 * <p>The socket controls call set-up, so before any work a datagram must come from an allowed
 * sender and carry a 1-64 byte cookie, and at most {@link NgControlConfig#queueLimit} commands
 * wait for the command thread; everything else is dropped unanswered (no reflection towards a
 * forged source) and counted in {@code gslb.rtp.ng.rejected{reason}}.
 */
public final class NgControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NgControlServer.class);
    /** rtpengine's and Kamailio's cookies are short tokens; 64 bytes is generous. */
    static final int MAX_COOKIE = 64;

    private final EventLoopGroup group;
    private final ThreadPoolExecutor commands;
    private final Channel channel;
    private final NgControlConfig config;
    private final Function<Map<String, Object>, Map<String, Object>> handler;
    private final Counter notAllowed;
    private final Counter badCookie;
    private final Counter queueFull;
    private final Map<ReplyKey, byte[]> replies;

    /**
     * @param handler turns a decoded command dictionary into the reply dictionary
     */
    public NgControlServer(NgControlConfig config, MeterRegistry registry,
            Function<Map<String, Object>, Map<String, Object>> handler) {
        this.config = config;
        this.handler = handler;
        this.notAllowed = rejected(registry, "not_allowed", "from a sender outside --ng-allow");
        this.badCookie = rejected(registry, "bad_cookie", "no cookie, or one longer than 64 bytes");
        this.queueFull = rejected(registry, "queue_full", "command queue full (flood or stalled relay)");
        int cacheSize = config.replyCache();
        this.replies = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ReplyKey, byte[]> eldest) {
                return size() > cacheSize;
            }
        };
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ng-io", true), NioIoHandler.newFactory());
        this.commands = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueLimit()), new DefaultThreadFactory("ng-control", true),
                new ThreadPoolExecutor.AbortPolicy());
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                        admit(msg);
                    }
                })
                .bind(config.listen()).syncUninterruptibly().channel();
        log.info("ng control listening on {}, senders allowed from {}", config.listen(), config.allowed());
    }

    private static Counter rejected(MeterRegistry registry, String reason, String description) {
        return Counter.builder("gslb.rtp.ng.rejected").tag("reason", reason)
                .description("ng datagrams dropped unanswered: " + description).register(registry);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** On the io thread: the cheap checks first, so that refused datagrams cost no copy and no queue slot. */
    private void admit(DatagramPacket msg) {
        InetSocketAddress from = msg.sender();
        if (from.getAddress() == null || !config.allowed().allows(from.getAddress())) {
            notAllowed.increment();
            log.debug("ng datagram from {} refused: not in the allow list", from);
            return;
        }
        ByteBuf content = msg.content();
        int space = content.indexOf(content.readerIndex(),
                content.readerIndex() + Math.min(content.readableBytes(), MAX_COOKIE + 1), (byte) ' ');
        int cookieLength = space - content.readerIndex();
        if (space < 0 || cookieLength < 1) {
            badCookie.increment();
            log.debug("ng datagram from {} refused: no cookie of 1-{} bytes", from, MAX_COOKIE);
            return;
        }
        byte[] data = ByteBufUtil.getBytes(content);
        try {
            commands.execute(() -> handle(data, cookieLength, from));
        } catch (RejectedExecutionException e) {
            if (!commands.isShutdown()) {
                queueFull.increment();
                log.debug("ng datagram from {} dropped: {} commands already queued", from, config.queueLimit());
            }
        }
    }

    private void handle(byte[] data, int space, InetSocketAddress from) {
        ReplyKey key = new ReplyKey(from, new String(data, 0, space, StandardCharsets.ISO_8859_1));
        byte[] reply = replies.get(key);
        if (reply == null) {
            reply = Bencode.encode(execute(data, space + 1));
            replies.put(key, reply);
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

    /** A cached reply belongs to the socket that asked, not just to the cookie. */
    private record ReplyKey(InetSocketAddress sender, String cookie) {}
}
