package net.voicegslb.gslb.dns.admin;

import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * How {@code /api/v1} answers: JSON through Vert.x's own {@link JsonObject} (Jackson's streaming
 * core, already on the classpath; the trees are plain maps and lists, so no data binding is
 * needed), or plain text for a terminal. Errors are {@code {"error": "..."}} or one text line.
 */
final class ApiResponses {

    private ApiResponses() {}

    /** Plain text when asked for by {@code format=text} or an {@code Accept} that prefers it. */
    static boolean wantsText(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("text");
        }
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("text/plain") && !accept.contains("application/json");
    }

    /** Validates {@code format}; answers 400 and returns false when it is neither json nor text. */
    static boolean formatOk(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format == null || format.equalsIgnoreCase("json") || format.equalsIgnoreCase("text")) {
            return true;
        }
        error(ctx, 400, "format: '" + format + "' is neither json nor text");
        return false;
    }

    static void json(RoutingContext ctx, Object tree) {
        String body;
        try {
            body = tree instanceof List<?> list ? new JsonArray(list).encode()
                    : new JsonObject(castMap(tree)).encode();
        } catch (EncodeException | ClassCastException e) {
            error(ctx, 500, "the answer holds a value JSON cannot carry: " + e.getMessage());
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body + "\n");
    }

    static void text(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body.endsWith("\n") ? body : body + "\n");
    }

    static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status);
        if (wantsText(ctx)) {
            text(ctx, message);
        } else {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", message).encode() + "\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object tree) {
        return (Map<String, Object>) tree;
    }
}
