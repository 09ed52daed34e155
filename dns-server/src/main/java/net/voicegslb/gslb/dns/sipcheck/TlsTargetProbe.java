package net.voicegslb.gslb.dns.sipcheck;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import net.voicegslb.gslb.dns.config.SipCheckTarget;
import net.voicegslb.gslb.policy.explain.HumanTime;

/**
 * OPTIONS over TLS (RFC 3261 §26.2, {@code SIPS+D2T}): the checks a phone's own connection would
 * pass, in order. The handshake sends the node's host name as SNI and verifies the certificate
 * chain against the configured trust and the host name against the certificate (RFC 6125), so a
 * node presenting a wrong, self-signed or expired certificate is down on TLS: a phone would refuse
 * it the same way. Then the certificate's expiry is checked on every round, also on a connection
 * kept open from earlier rounds; one that expires within the warning window is reported in the
 * check detail. The connection is kept between rounds like TCP's.
 */
final class TlsTargetProbe extends TcpTargetProbe {
    private static final Pattern NOT_AFTER = Pattern.compile("NotAfter: (.+)$");
    private static final DateTimeFormatter JDK_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
    private final SslContext tls;
    private final Duration expiryWarning;
    private final LongSupplier clockMillis;
    private final CertificateSink certificates;
    private boolean handshaking;
    private String note;

    /** Where the node's certificate expiry goes (a gauge). */
    interface CertificateSink {
        void notAfter(SipCheckTarget target, long notAfterMillis);
    }

    TlsTargetProbe(SipCheckTarget target, EventLoop loop, Duration timeout, String fromUser, RandomGenerator random,
                   SslContext tls, Duration expiryWarning, LongSupplier clockMillis, CertificateSink certificates) {
        super(target, loop, timeout, fromUser, random);
        this.tls = tls;
        this.expiryWarning = expiryWarning;
        this.clockMillis = clockMillis;
        this.certificates = certificates;
    }

    @Override
    protected void initPipeline(SocketChannel ch) {
        String peer = serverName();
        SslHandler ssl = tls.newHandler(ch.alloc(), peer, target.address().getPort());
        SSLParameters p = ssl.engine().getSSLParameters();
        // Verify the name, not only the chain: any certificate from the same CA must not pass.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.engine().setSSLParameters(p);
        // The check's own timeout bounds the handshake; Netty's default 10 s would outlive it.
        ssl.setHandshakeTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        ch.pipeline().addLast(ssl);
        handshaking = true;
        super.initPipeline(ch);
    }

    @Override
    protected void ready(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        ssl.handshakeFuture().addListener(f -> {
            if (channel() != ch || !checking()) {
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
            finish(TargetOutcome.failed(target, "TLS peer sent no X.509 certificate"));
            dropChannel();
            return;
        }
        long now = clockMillis.getAsLong();
        long notAfter = leaf.getNotAfter().getTime();
        certificates.notAfter(target, notAfter);
        if (notAfter <= now) {
            // The handshake checked validity when the connection opened; a kept connection outlives it.
            finish(TargetOutcome.failed(target, "TLS certificate expired " + HumanTime.instant(notAfter, now)));
            dropChannel();
            return;
        }
        note = notAfter - now <= expiryWarning.toMillis()
                ? "TLS certificate expires " + HumanTime.instant(notAfter, now) : null;
        send(ch);
    }

    @Override
    protected TargetOutcome annotate(TargetOutcome outcome) {
        return note == null ? outcome : outcome.withNote(note);
    }

    @Override
    protected TargetOutcome timeoutOutcome() {
        return handshaking && channel() != null && channel().isActive()
                ? TargetOutcome.failed(target, "TLS handshake not completed within " + timeout.toMillis() + " ms")
                : super.timeoutOutcome();
    }

    /**
     * An expired certificate fails the handshake before we hold it; the JDK's message carries its
     * NotAfter in {@link java.util.Date#toString} form, which we restate as people read times here.
     */
    @Override
    protected String describe(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateExpiredException && c.getMessage() != null) {
                Matcher m = NOT_AFTER.matcher(c.getMessage());
                if (m.find()) {
                    try {
                        long notAfter = ZonedDateTime.parse(m.group(1), JDK_DATE).toInstant().toEpochMilli();
                        return "TLS certificate expired " + HumanTime.instant(notAfter, clockMillis.getAsLong());
                    } catch (DateTimeParseException e) {
                        break; // keep the JDK's wording
                    }
                }
            }
        }
        return super.describe(cause);
    }

    /** SNI and the name the certificate must carry: the node's host name, else its address. */
    private String serverName() {
        return target.hostname() != null ? target.hostname()
                : NetUtil.toAddressString(target.address().getAddress());
    }
}
