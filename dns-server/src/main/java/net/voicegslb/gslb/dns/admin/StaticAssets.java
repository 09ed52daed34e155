package net.voicegslb.gslb.dns.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's files, read from the classpath once at start and served from memory with an
 * ETag, so a browser revalidates with a 304 instead of downloading again, and nothing is unpacked
 * to disk. Only the files listed here are served: no path from a request reaches the classpath.
 */
final class StaticAssets {

    private record Asset(Buffer body, String contentType, String etag, String cacheControl) {}

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    /** Adds {@code resource} (a classpath path) under {@code path}; revalidated on every use. */
    StaticAssets add(String path, String resource, String contentType) {
        return add(path, resource, contentType, "no-cache");
    }

    /** A file whose path carries its version (a WebJar): cached for a year. */
    StaticAssets addVersioned(String path, String resource, String contentType) {
        return add(path, resource, contentType, "public, max-age=31536000, immutable");
    }

    private StaticAssets add(String path, String resource, String contentType, String cacheControl) {
        byte[] bytes;
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + resource + " is missing from the classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byPath.put(path, new Asset(Buffer.buffer(bytes), contentType, "\"" + sha256(bytes) + "\"", cacheControl));
        return this;
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    /** Sends the file at the request's path; false when there is none (the caller answers 404). */
    boolean serve(RoutingContext ctx) {
        return serve(ctx, ctx.request().path());
    }

    boolean serve(RoutingContext ctx, String path) {
        Asset a = byPath.get(path);
        if (a == null) {
            return false;
        }
        ctx.response().putHeader("ETag", a.etag()).putHeader("Cache-Control", a.cacheControl());
        if (a.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
        } else {
            ctx.response().putHeader("Content-Type", a.contentType()).end(a.body());
        }
        return true;
    }

    /** The text of a served file (the login page is filled in per request). */
    String text(String path) {
        return byPath.get(path).body().toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
