package net.voicegslb.gslb.deploy.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's control channel ({@code gslb demo ctl}): HTTP on loopback with a bearer token from the
 * work directory, as the admin API is authenticated, so that another local user cannot kill sites
 * of someone else's demo. One request at a time; every fault is logged.
 *
 * <pre>
 *   POST /impair?network=ap&amp;site=sin&amp;delay=MS&amp;jitter=MS&amp;loss=PCT
 *   POST /clear
 *   POST /kill?site=nyc        POST /restore?site=nyc
 *   GET  /status
 * </pre>
 */
public final class DemoControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoControl.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final DemoLab lab;
    private final DemoView view;

    private DemoControl(HttpServer server, ExecutorService executor, byte[] token, DemoLab lab, DemoView view) {
        this.server = server;
        this.executor = executor;
        this.token = token;
        this.lab = lab;
        this.view = view;
    }

    public static DemoControl start(InetSocketAddress listen, DemoLab lab, DemoView view) throws IOException {
        byte[] token = Files.readString(lab.files().controlToken(), StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(listen, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        DemoControl control = new DemoControl(server, executor, token, lab, view);
        server.createContext("/", control::handle);
        server.start();
        Files.writeString(lab.files().controlAddressFile(),
                listen.getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "\n");
        return control;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                reply(ex, 401, "missing or wrong bearer token (the demo's work directory has it in demo.token)\n");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            boolean post = ex.getRequestMethod().equals("POST");
            try {
                switch (path) {
                    case "/status" -> reply(ex, 200, view.render(view.snapshot()));
                    case "/impair" -> {
                        requirePost(post);
                        lab.impair(required(q, "network"), required(q, "site"), number(q, "delay"),
                                number(q, "jitter"), number(q, "loss"));
                        String n = q.get("network");
                        String s = q.get("site");
                        DemoPlan.PathQuality now = lab.paths().quality(n, s);
                        LOG.warn("ctl: path {} -> {} now {} ms one way, jitter {} ms, loss {} %", n, s,
                                now.delayMillis(), now.jitterMillis(), now.lossPercent());
                        reply(ex, 200, "path " + n + " -> " + s + ": " + now.delayMillis() + " ms one way, jitter "
                                + now.jitterMillis() + " ms, loss " + now.lossPercent() + " %\n");
                    }
                    case "/clear" -> {
                        requirePost(post);
                        lab.clear();
                        LOG.warn("ctl: every path back to its baseline");
                        reply(ex, 200, "every path back to its baseline\n");
                    }
                    case "/kill" -> {
                        requirePost(post);
                        List<String> killed = lab.kill(required(q, "site"));
                        reply(ex, 200, killed.isEmpty() ? "site " + q.get("site") + " was already down\n"
                                : "killed " + String.join(", ", killed) + "\n");
                    }
                    case "/restore" -> {
                        requirePost(post);
                        List<String> started = lab.restore(required(q, "site"));
                        reply(ex, 200, started.isEmpty() ? "site " + q.get("site") + " was running\n"
                                : "started " + String.join(", ", started) + "\n");
                    }
                    default -> reply(ex, 404, "no such command: " + path + "\n");
                }
            } catch (IllegalArgumentException e) {
                reply(ex, 400, e.getMessage() + "\n");
            } catch (Exception e) {
                LOG.warn("ctl {} failed", path, e);
                reply(ex, 500, path + " failed: " + DemoLab.describe(e) + "\n");
            }
        }
    }

    private static void requirePost(boolean post) {
        if (!post) {
            throw new IllegalArgumentException("use POST");
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, h.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static Double number(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + v);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
