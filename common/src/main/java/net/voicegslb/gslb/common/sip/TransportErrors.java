package net.voicegslb.gslb.common.sip;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import net.voicegslb.gslb.policy.sip.OptionsResponseParser;

/**
 * Transport exceptions as a {@link TransportError} and a short, stable detail: what an operator
 * reads in the event log. The peer's words are made printable first.
 */
final class TransportErrors {
    private TransportErrors() {
    }

    static OptionsOutcome outcome(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof PortUnreachableException)
                && !(c instanceof ConnectException)) {
            c = c.getCause();
        }
        String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
        if (c instanceof PortUnreachableException || msg.contains("port unreachable")) {
            return OptionsOutcome.failed(TransportError.PORT_UNREACHABLE, "port unreachable");
        }
        if (c instanceof ConnectTimeoutException) {
            return OptionsOutcome.failed(TransportError.CONNECT_TIMEOUT, "TCP connect timed out");
        }
        if (c instanceof NoRouteToHostException || msg.contains("no route to host")) {
            return OptionsOutcome.failed(TransportError.NO_ROUTE, "no route to host");
        }
        if (c instanceof ConnectException || msg.contains("connection refused")) {
            return msg.contains("connection refused")
                    ? OptionsOutcome.failed(TransportError.CONNECTION_REFUSED, "connection refused")
                    : OptionsOutcome.failed(TransportError.OTHER, "connect failed: " + OptionsResponseParser.printable(msg));
        }
        if (c instanceof ClosedChannelException) {
            return OptionsOutcome.failed(TransportError.CONNECTION_CLOSED, "connection closed");
        }
        if (c instanceof CertificateExpiredException) {
            return OptionsOutcome.failed(TransportError.TLS_CERTIFICATE_EXPIRED,
                    "TLS certificate expired: " + OptionsResponseParser.printable(String.valueOf(c.getMessage())));
        }
        if (c instanceof CertificateNotYetValidException) {
            return OptionsOutcome.failed(TransportError.TLS_CERTIFICATE_NOT_YET_VALID,
                    "TLS certificate not yet valid: " + OptionsResponseParser.printable(String.valueOf(c.getMessage())));
        }
        if (c instanceof CertificateException || c instanceof GeneralSecurityException || c instanceof SSLException
                || hasCause(cause, SSLException.class)) {
            return OptionsOutcome.failed(TransportError.TLS_HANDSHAKE, "TLS handshake failed: "
                    + c.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + OptionsResponseParser.printable(msg)));
        }
        if (cause instanceof DecoderException) {
            return OptionsOutcome.failed(TransportError.UNFRAMEABLE_STREAM,
                    "unframeable SIP stream: " + OptionsResponseParser.printable(String.valueOf(c.getMessage())));
        }
        return OptionsOutcome.failed(TransportError.OTHER, c.getClass().getSimpleName()
                + (msg.isEmpty() ? "" : ": " + OptionsResponseParser.printable(msg)));
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
