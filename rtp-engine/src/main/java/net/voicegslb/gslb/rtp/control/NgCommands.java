package net.voicegslb.gslb.rtp.control;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.voicegslb.gslb.rtp.transport.IpLiteral;

/**
 * The subset of rtpengine's ng commands that lets Kamailio's or OpenSIPS's rtpengine module drive
 * this relay: ping, offer, answer, delete. Flags such as "replace" or "ICE" are accepted and
 * ignored because our rewriting already replaces origin and connection and removes ICE.
 */
public final class NgCommands implements Function<Map<String, Object>, Map<String, Object>> {

    private final MediaControl control;

    public NgCommands(MediaControl control) {
        this.control = control;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> command) {
        String name = string(command, "command");
        try {
            return switch (name == null ? "" : name) {
                case "ping" -> Map.of("result", "pong");
                case "offer" -> ok("sdp", control.offer(required(command, "call-id"), required(command, "from-tag"),
                        required(command, "sdp"), receivedFrom(command)));
                case "answer" -> ok("sdp", control.answer(required(command, "call-id"), required(command, "from-tag"),
                        required(command, "to-tag"), required(command, "sdp"), receivedFrom(command)));
                case "delete" -> control.delete(required(command, "call-id"))
                        ? Map.of("result", "ok")
                        : error("Unknown call-id");
                default -> error("Unsupported command: " + name);
            };
        } catch (BadCommandException | RelayFullException | UnknownCallException | SdpException e) {
            return error(e.getMessage());
        }
    }

    private static Map<String, Object> ok(String key, Object value) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", "ok");
        reply.put(key, value);
        return reply;
    }

    private static Map<String, Object> error(String reason) {
        return Map.of("result", "error", "error-reason", reason);
    }

    private static String string(Map<String, Object> command, String key) {
        return command.get(key) instanceof String s ? s : null;
    }

    private static String required(Map<String, Object> command, String key) throws BadCommandException {
        String value = string(command, key);
        if (value == null) {
            throw new BadCommandException("missing key: " + key);
        }
        return value;
    }

    /**
     * rtpengine's {@code received-from: [IP4|IP6, address]}: where the proxy received the SIP
     * message carrying this SDP (Kamailio's rtpengine module always sends it). A phone behind NAT
     * may latch its leg from that IP; absent, only the SDP's own IP may.
     */
    private static InetAddress receivedFrom(Map<String, Object> command) throws BadCommandException {
        Object value = command.get("received-from");
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.size() == 2 && list.get(1) instanceof String ip) {
            Optional<InetAddress> address = IpLiteral.parse(ip);
            if (address.isPresent()) {
                return address.get();
            }
        }
        throw new BadCommandException("invalid received-from: expected [IP4|IP6, IP literal]");
    }

    /** A command the relay cannot act on; its message is the ng error-reason. */
    private static final class BadCommandException extends Exception {
        BadCommandException(String message) {
            super(message);
        }
    }
}
