package net.voicegslb.gslb.dns.sipcheck;

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

/** Short, stable failure details for transport exceptions: what an operator reads in the event log. */
final class TransportErrors {
    private TransportErrors() {
    }

    static String describe(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof PortUnreachableException)
                && !(c instanceof ConnectException)) {
            c = c.getCause();
        }
        String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
        if (c instanceof PortUnreachableException || msg.contains("port unreachable")) {
            return "port unreachable";
        }
        if (c instanceof ConnectTimeoutException) {
            return "TCP connect timed out";
        }
        if (c instanceof NoRouteToHostException || msg.contains("no route to host")) {
            return "no route to host";
        }
        if (c instanceof ConnectException || msg.contains("connection refused")) {
            return msg.contains("connection refused") ? "connection refused" : "connect failed: " + msg;
        }
        if (c instanceof ClosedChannelException) {
            return "connection closed";
        }
        if (c instanceof CertificateExpiredException) {
            return "TLS certificate expired: " + OptionsResponseParser.printable(String.valueOf(c.getMessage()));
        }
        if (c instanceof CertificateNotYetValidException) {
            return "TLS certificate not yet valid: " + OptionsResponseParser.printable(String.valueOf(c.getMessage()));
        }
        if (c instanceof CertificateException || c instanceof GeneralSecurityException || c instanceof SSLException
                || hasCause(cause, SSLException.class)) {
            return "TLS handshake failed: " + c.getClass().getSimpleName()
                    + (msg.isEmpty() ? "" : ": " + OptionsResponseParser.printable(msg));
        }
        if (cause instanceof DecoderException) {
            return "unframeable SIP stream: " + OptionsResponseParser.printable(String.valueOf(c.getMessage()));
        }
        return c.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + OptionsResponseParser.printable(msg));
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
