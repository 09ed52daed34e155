package net.voicegslb.gslb.dns.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.dashboard.DashboardSession;
import net.voicegslb.gslb.dns.dashboard.DashboardUser;
import net.voicegslb.gslb.dns.dashboard.DashboardUsers;
import net.voicegslb.gslb.dns.dashboard.LoginThrottle;
import net.voicegslb.gslb.dns.dashboard.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NOC dashboard's pages: {@code /ui/login} (a plain form, no script needed), {@code /ui/} (the
 * dashboard, which reads everything through {@code /api/v1} with its session), {@code /ui/logout}
 * and the static files. A login checks the password hash on a worker thread, at most
 * {@link #CONCURRENT_LOGINS} at a time, after the {@link LoginThrottle}; a form posted from another
 * origin is refused. Every response carries a Content-Security-Policy that allows only this
 * server's own scripts and styles, no inline script, and no framing.
 */
final class DashboardPages {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardPages.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final int CONCURRENT_LOGINS = 2;
    private static final int MAX_FORM_BYTES = 4096;
    private static final int MAX_NAME_CHARS = 64;
    /** The uPlot WebJar on the classpath (index.html names the same version). */
    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    private final Vertx vertx;
    private final SessionStore sessions;
    private final Supplier<DashboardUsers> users;
    private final LoginThrottle throttle = new LoginThrottle();
    private final Semaphore logins = new Semaphore(CONCURRENT_LOGINS);
    private final boolean tls;
    private final String cookieName;
    private final StaticAssets assets;

    DashboardPages(Vertx vertx, SessionStore sessions, Supplier<DashboardUsers> users, boolean tls) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.users = users;
        this.tls = tls;
        // __Host-: the browser takes it only over HTTPS, for this host, for every path
        this.cookieName = tls ? "__Host-gslb_session" : "gslb_session";
        String web = "net/voicegslb/gslb/dns/dashboard/web/";
        this.assets = new StaticAssets()
                .add("/ui/", web + "index.html", "text/html; charset=utf-8")
                .add("/ui/login", web + "login.html", "text/html; charset=utf-8")
                .add("/ui/assets/app.js", web + "app.js", "text/javascript; charset=utf-8")
                .add("/ui/assets/app.css", web + "app.css", "text/css; charset=utf-8")
                .addVersioned("/ui/assets/uplot/" + UPLOT_VERSION + "/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
                        "text/javascript; charset=utf-8")
                .addVersioned("/ui/assets/uplot/" + UPLOT_VERSION + "/uPlot.min.css", UPLOT + "uPlot.min.css",
                        "text/css; charset=utf-8");
    }

    String cookieName() {
        return cookieName;
    }

    /** Security headers on every answer of the admin listener, pages and API alike. */
    static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                // not no-referrer: with it a browser sends "Origin: null" on the login form's POST
                .putHeader("Referrer-Policy", "same-origin");
        ctx.next();
    }

    void mount(Router router) {
        router.get("/").handler(ctx -> redirect(ctx, 302, "/ui/"));
        router.get("/ui").handler(ctx -> {
            if (ctx.request().path().equals("/ui")) { // the route also matches "/ui/"
                redirect(ctx, 302, "/ui/");
            } else {
                ctx.next();
            }
        });
        router.get("/ui/").handler(ctx -> {
            if (session(ctx) == null) {
                redirect(ctx, 302, "/ui/login");
            } else {
                noStore(ctx);
                assets.serve(ctx);
            }
        });
        router.get("/ui/login").handler(ctx -> loginPage(ctx, 200, message(ctx.request().getParam("m"))));
        router.post("/ui/login").handler(BodyHandler.create().setBodyLimit(MAX_FORM_BYTES)
                .setHandleFileUploads(false)).handler(this::login);
        router.post("/ui/logout").handler(BodyHandler.create().setBodyLimit(MAX_FORM_BYTES)
                .setHandleFileUploads(false)).handler(this::logout);
        router.get("/ui/assets/*").handler(ctx -> {
            if (!assets.serve(ctx)) {
                ctx.response().setStatusCode(404).end("not found\n");
            }
        });
    }

    private DashboardSession session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(cookieName);
        return c == null ? null : sessions.get(c.getValue());
    }

    private static String message(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "bye" -> "Logged out.";
            case "ended" -> "Your session ended; log in again.";
            default -> "";
        };
    }

    private void loginPage(RoutingContext ctx, int status, String message) {
        noStore(ctx);
        String note = users.get().isEmpty()
                ? "No dashboard users are configured on this server: add admin.users to its config (hashes from"
                        + " gslb passwd) and reload."
                : message;
        String html = assets.text("/ui/login").replace("{{message}}", escape(note));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

    private void login(RoutingContext ctx) {
        if (!sameOrigin(ctx)) {
            ctx.response().setStatusCode(403).end("login form posted from another origin\n");
            return;
        }
        String name = ctx.request().getFormAttribute("user");
        String password = ctx.request().getFormAttribute("password");
        String source = ctx.request().remoteAddress().hostAddress();
        if (name == null || password == null || name.isBlank() || name.length() > MAX_NAME_CHARS
                || password.length() > 1024) {
            loginPage(ctx, 400, "Give a user name and a password.");
            return;
        }
        if (!throttle.allows(source, name)) {
            LOG.warn("dashboard login for '{}' from {} refused: too many failed attempts", printable(name), source);
            ctx.response().putHeader("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
            loginPage(ctx, 429, "Too many failed logins from this address; wait "
                    + LoginThrottle.WINDOW.toMinutes() + " minutes.");
            return;
        }
        if (!logins.tryAcquire()) {
            ctx.response().putHeader("Retry-After", "1");
            loginPage(ctx, 503, "The server is busy checking other logins; try again in a moment.");
            return;
        }
        vertx.executeBlocking(() -> users.get().authenticate(name, password), false).onComplete(ar -> {
            logins.release();
            Optional<DashboardUser> user = ar.succeeded() ? ar.result() : Optional.empty();
            if (user.isEmpty()) {
                throttle.failed(source, name);
                LOG.warn("dashboard login failed for '{}' from {}", printable(name), source);
                loginPage(ctx, 401, "Wrong user name or password.");
                return;
            }
            throttle.succeeded(source, name);
            DashboardSession s = sessions.create(user.get());
            LOG.info("dashboard login: {} from {}", user.get(), source);
            ctx.response().addCookie(cookie(s.id(), -1));
            redirect(ctx, 303, "/ui/");
        });
    }

    private void logout(RoutingContext ctx) {
        DashboardSession s = session(ctx);
        if (s != null) {
            if (!SessionStore.csrfMatches(s, ctx.request().getFormAttribute("csrf"))) {
                ctx.response().setStatusCode(403).end("missing or wrong CSRF token\n");
                return;
            }
            sessions.end(s.id());
            LOG.info("dashboard logout: {} ({})", s.user(), s.role().word());
        }
        ctx.response().addCookie(cookie("", 0));
        redirect(ctx, 303, "/ui/login?m=bye");
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        Cookie c = Cookie.cookie(cookieName, value).setPath("/").setHttpOnly(true).setSecure(tls)
                .setSameSite(CookieSameSite.STRICT);
        if (maxAgeSeconds >= 0) {
            c.setMaxAge(maxAgeSeconds);
        }
        return c;
    }

    /** A browser sends Origin on a form POST; when it does, it must be this server. */
    private boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        var authority = ctx.request().authority(); // Host, or :authority over HTTP/2
        return authority != null && origin.equals((tls ? "https://" : "http://") + authority.host()
                + (authority.port() >= 0 ? ":" + authority.port() : ""));
    }

    static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
    }

    private static void redirect(RoutingContext ctx, int status, String location) {
        ctx.response().setStatusCode(status).putHeader("Location", location).end();
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code GET /api/v1/session}: who is logged in, and the CSRF token the page must send back. */
    static Map<String, Object> sessionJson(Caller c) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("user", c.name());
        m.put("role", c.role().word());
        m.put("csrf", c.session() == null ? null : c.session().csrfToken());
        m.put("expires", c.session() == null ? null : java.time.Instant.ofEpochMilli(c.session().expiresMillis()).toString());
        return m;
    }
}
