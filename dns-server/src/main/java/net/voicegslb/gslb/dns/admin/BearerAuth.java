package net.voicegslb.gslb.dns.admin;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Bearer <admin token>}, compared in constant time. The token is never
 * logged, and the source address earns no trust: a request from loopback needs the token too.
 */
final class BearerAuth {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

    private final byte[] token;

    BearerAuth(byte[] token) {
        this.token = token.clone();
    }

    /** True when the request carries the token; otherwise answers 401 and returns false. */
    boolean check(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (token.length == 0 || !MessageDigest.isEqual(given, token)) {
            LOG.warn("admin request {} {} from {} rejected: {}", ctx.request().method(), ctx.request().path(),
                    ctx.request().remoteAddress(), header == null ? "no credentials" : "wrong token");
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end("unauthorized\n");
            return false;
        }
        return true;
    }
}
