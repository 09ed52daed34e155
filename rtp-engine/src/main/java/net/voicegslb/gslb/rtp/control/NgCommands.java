package net.voicegslb.gslb.rtp.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
                        required(command, "sdp")));
                case "answer" -> ok("sdp", control.answer(required(command, "call-id"), required(command, "from-tag"),
                        required(command, "to-tag"), required(command, "sdp")));
                case "delete" -> control.delete(required(command, "call-id"))
                        ? Map.of("result", "ok")
                        : error("Unknown call-id");
                default -> error("Unsupported command: " + name);
            };
        } catch (MissingKeyException | RelayFullException | UnknownCallException | SdpException e) {
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

    private static String required(Map<String, Object> command, String key) throws MissingKeyException {
        String value = string(command, key);
        if (value == null) {
            throw new MissingKeyException(key);
        }
        return value;
    }

    private static final class MissingKeyException extends Exception {
        MissingKeyException(String key) {
            super("missing key: " + key);
        }
    }
}
