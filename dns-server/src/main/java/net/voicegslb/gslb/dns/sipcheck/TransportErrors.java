package net.voicegslb.gslb.dns.sipcheck;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

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
        if (cause instanceof DecoderException) {
            return "unframeable SIP stream: " + OptionsResponseParser.printable(String.valueOf(c.getMessage()));
        }
        return c.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + OptionsResponseParser.printable(msg));
    }
}
