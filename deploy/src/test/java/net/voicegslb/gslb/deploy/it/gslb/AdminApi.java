package net.voicegslb.gslb.deploy.it.gslb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The server's {@code /api/v1} (explain, events, status) with the admin bearer token. */
final class AdminApi {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private final String token;

    AdminApi(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** {@code GET /api/v1/explain}: the decision for {@code client} (IP or IP/LEN) as JSON. */
    JsonObject explain(String client, String name, String type) {
        return new JsonObject(ok("/api/v1/explain?client=" + enc(client) + "&name=" + enc(name) + "&type=" + type));
    }

    /** {@code GET /api/v1/events?node=X}: newest first. */
    JsonArray events(String node) {
        return new JsonArray(ok("/api/v1/events?limit=100&node=" + enc(node)));
    }

    /** {@code GET /api/v1/status}: every site with its nodes' state, reason and last heartbeat. */
    JsonObject status() {
        return new JsonObject(ok("/api/v1/status"));
    }

    /** One node of a status answer. */
    static JsonObject statusNode(JsonObject status, String nodeId) {
        for (Object s : status.getJsonArray("sites")) {
            for (Object n : ((JsonObject) s).getJsonArray("nodes")) {
                if (nodeId.equals(((JsonObject) n).getString("node"))) {
                    return (JsonObject) n;
                }
            }
        }
        throw new AssertionError("no node " + nodeId + " in " + status.encodePrettily());
    }

    /** One site of an explanation's {@code sites}, by id. */
    static JsonObject site(JsonObject explain, String siteId) {
        for (Object o : explain.getJsonObject("explanation").getJsonArray("sites")) {
            JsonObject s = (JsonObject) o;
            if (siteId.equals(s.getString("siteId"))) {
                return s;
            }
        }
        throw new AssertionError("no site " + siteId + " in " + explain.encodePrettily());
    }

    /** One node line of a site in an explanation. */
    static JsonObject node(JsonObject explain, String siteId, String nodeId) {
        for (Object o : site(explain, siteId).getJsonArray("nodes")) {
            JsonObject n = (JsonObject) o;
            if (nodeId.equals(n.getString("nodeId"))) {
                return n;
            }
        }
        throw new AssertionError("no node " + nodeId + " in site " + siteId + " of " + explain.encodePrettily());
    }

    /** Site ids in the order the explanation lists them (answered ones first, in answer order). */
    static List<String> siteOrder(JsonObject explain) {
        return explain.getJsonObject("explanation").getJsonArray("sites").stream()
                .map(o -> ((JsonObject) o).getString("siteId")).toList();
    }

    private String ok(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
