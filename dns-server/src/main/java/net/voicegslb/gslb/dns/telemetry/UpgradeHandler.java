package net.voicegslb.gslb.dns.telemetry;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP request a telemetry connection may send, on the handshake event loop: anything but
 * a WebSocket upgrade of {@link TelemetryServer#PATH} is answered (404, 426) and closed, an upgrade
 * without a valid credential gets 401, and an authenticated one is upgraded and handed to
 * {@link Gatekeeper#adopt}, which moves it to the stream event loop.
 */
final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeHandler.class);

    /** What the handler needs from the server: authentication and a home for the stream. */
    interface Gatekeeper {
        /** Null while the server is not ready (answered 503), else the identity or empty. */
        Optional<AgentIdentity> authenticate(String authorization, List<Certificate> peerCertificates);

        void authFailed(Channel channel, String authorization, List<Certificate> peerCertificates);

        void adopt(Channel channel, AgentIdentity identity);
    }

    private final Gatekeeper gatekeeper;
    private final AdmissionHandler admission;
    private final WebSocketDecoderConfig decoderConfig;

    UpgradeHandler(Gatekeeper gatekeeper, AdmissionHandler admission, int maxFrameBytes) {
        this.gatekeeper = gatekeeper;
        this.admission = admission;
        // No extensions (no compression): frames are small binary records, and inflating what an
        // untrusted peer sends only adds work and risk.
        this.decoderConfig = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false).closeOnProtocolViolation(true).build();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (!TelemetryServer.PATH.equals(path)) {
            respond(ctx, HttpResponseStatus.NOT_FOUND);
            return;
        }
        if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            respond(ctx, HttpResponseStatus.UPGRADE_REQUIRED);
            return;
        }
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        List<Certificate> certificates = peerCertificates(ctx);
        Optional<AgentIdentity> who = gatekeeper.authenticate(authorization, certificates);
        if (who == null) {
            respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE); // bound but not yet set up: the agent retries
            return;
        }
        if (who.isEmpty()) {
            gatekeeper.authFailed(ctx.channel(), authorization, certificates);
            respond(ctx, HttpResponseStatus.UNAUTHORIZED);
            return;
        }
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        String url = (tls ? "wss://" : "ws://") + req.headers().get(HttpHeaderNames.HOST, "localhost") + path;
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, decoderConfig)
                .newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false); // nothing more is read here: the stream loop reads from now on
        admission.authenticated(ctx);
        ctx.pipeline().remove(this);
        AgentIdentity identity = who.get();
        handshaker.handshake(ch, req).addListener(f -> {
            if (f.isSuccess()) {
                gatekeeper.adopt(ch, identity);
            } else {
                LOG.debug("telemetry upgrade of {} failed: {}", identity.nodeId(), f.cause().toString());
                ch.close();
            }
        });
    }

    private static List<Certificate> peerCertificates(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            return List.of(ssl.engine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: the token decides
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status) {
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpUtil.setContentLength(res, 0);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("telemetry connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close(); // TLS handshake failures, resets, garbage before the upgrade
    }
}
