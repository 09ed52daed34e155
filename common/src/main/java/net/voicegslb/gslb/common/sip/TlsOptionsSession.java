package net.voicegslb.gslb.common.sip;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import net.voicegslb.gslb.policy.explain.HumanTime;

/**
 * OPTIONS over TLS (RFC 3261 §26.2, {@code SIPS+D2T}): the checks a phone's own connection would
 * pass, in order. The handshake sends the target's host name as SNI and verifies the certificate
 * chain against the configured trust and the host name against the certificate (RFC 6125), so a
 * node presenting a wrong, self-signed or expired certificate fails over TLS: a phone would refuse
 * it the same way. Then the certificate's expiry is checked on every request, also on a connection
 * kept open from earlier ones, and reported with the outcome (the caller decides when to warn). The
 * connection is kept between requests like TCP's.
 */
final class TlsOptionsSession extends TcpOptionsSession {
    private static final Pattern NOT_AFTER = Pattern.compile("NotAfter: (.+)$");
    private static final DateTimeFormatter JDK_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
    private boolean handshaking;
    private long notAfter = -1;

    TlsOptionsSession(OptionsTarget target, EventLoop loop, OptionsSettings settings) {
        super(target, loop, settings);
        if (settings.tls() == null) {
            throw new IllegalArgumentException("TLS target " + target + " needs a TLS context in the settings");
        }
    }

    @Override
    protected void initPipeline(SocketChannel ch) {
        SslHandler ssl = settings.tls().newHandler(ch.alloc(), target.peerName(), target.address().getPort());
        SSLParameters p = ssl.engine().getSSLParameters();
        // Verify the name, not only the chain: any certificate from the same CA must not pass.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.engine().setSSLParameters(p);
        // The request's own timeout bounds the handshake; Netty's default 10 s would outlive it.
        ssl.setHandshakeTimeout(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        ch.pipeline().addLast(ssl);
        handshaking = true;
        super.initPipeline(ch);
    }

    @Override
    protected void ready(Channel ch) {
        notAfter = -1;
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        ssl.handshakeFuture().addListener(f -> {
            if (channel() != ch || !waiting()) {
                return;
            }
            handshaking = false;
            if (!f.isSuccess()) {
                failed(f.cause());
                dropChannel();
                return;
            }
            afterHandshake(ch, ssl);
        });
    }

    private void afterHandshake(Channel ch, SslHandler ssl) {
        X509Certificate leaf;
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            leaf = (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            finish(OptionsOutcome.failed(TransportError.TLS_NO_CERTIFICATE, "TLS peer sent no X.509 certificate"));
            dropChannel();
            return;
        }
        long now = settings.clockMillis().getAsLong();
        notAfter = leaf.getNotAfter().getTime();
        if (notAfter <= now) {
            // The handshake checked validity when the connection opened; a kept connection outlives it.
            finish(OptionsOutcome.failed(TransportError.TLS_CERTIFICATE_EXPIRED,
                    "TLS certificate expired " + HumanTime.instant(notAfter, now)));
            dropChannel();
            return;
        }
        write(ch);
    }

    @Override
    protected OptionsOutcome annotate(OptionsOutcome outcome) {
        return notAfter < 0 ? outcome : outcome.withCertificate(notAfter);
    }

    @Override
    protected OptionsOutcome timeoutOutcome() {
        return handshaking && channel() != null && channel().isActive()
                ? OptionsOutcome.failed(TransportError.TLS_HANDSHAKE_TIMEOUT,
                        "TLS handshake not completed within " + settings.timeout().toMillis() + " ms")
                : super.timeoutOutcome();
    }

    /**
     * An expired certificate fails the handshake before we hold it; the JDK's message carries its
     * NotAfter in {@link java.util.Date#toString} form, which we restate as people read times here.
     */
    @Override
    protected OptionsOutcome describe(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateExpiredException && c.getMessage() != null) {
                Matcher m = NOT_AFTER.matcher(c.getMessage());
                if (m.find()) {
                    try {
                        long expired = ZonedDateTime.parse(m.group(1), JDK_DATE).toInstant().toEpochMilli();
                        return OptionsOutcome.failed(TransportError.TLS_CERTIFICATE_EXPIRED, "TLS certificate expired "
                                + HumanTime.instant(expired, settings.clockMillis().getAsLong()));
                    } catch (DateTimeParseException e) {
                        break; // keep the JDK's wording
                    }
                }
            }
        }
        return super.describe(cause);
    }
}
