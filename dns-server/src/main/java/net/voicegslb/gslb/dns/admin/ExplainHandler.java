package net.voicegslb.gslb.dns.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.gslb.ExplainService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/explain?client=IP[/LEN]&name=NAME&type=A|AAAA|SRV|NAPTR}: the whole decision
 * for one client, as JSON or (with {@code Accept: text/plain} or {@code format=text}) as text.
 * 400 for bad parameters, 404 for a name that is not dynamic, 503 when no GSLB is configured.
 */
final class ExplainHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExplainHandler.class);

    private final Vertx vertx;
    private final Supplier<ExplainService> source;

    ExplainHandler(Vertx vertx, Supplier<ExplainService> source) {
        this.vertx = vertx;
        this.source = source;
    }

    void handle(RoutingContext ctx) {
        if (!ApiResponses.formatOk(ctx)) {
            return;
        }
        ExplainQuery query;
        try {
            query = ExplainQuery.parse(ctx.request().getParam("client"), ctx.request().getParam("name"),
                    ctx.request().getParam("type"));
        } catch (IllegalArgumentException e) {
            ApiResponses.error(ctx, 400, e.getMessage());
            return;
        }
        ExplainService service = source.get();
        if (service == null) {
            ApiResponses.error(ctx, 503, "no GSLB is configured (the config has no gslb section): nothing to explain");
            return;
        }
        // The service walks policy state that the answer path updates; keep it off the event loop.
        vertx.executeBlocking(() -> service.explain(query.client(), query.prefixLength(), query.name(),
                query.qtype()), false).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ExplainService.Result r = ar.result();
                        if (ApiResponses.wantsText(ctx)) {
                            ApiResponses.text(ctx, r.text());
                        } else {
                            ApiResponses.json(ctx, r.json());
                        }
                    } else if (ar.cause() instanceof IllegalArgumentException e) {
                        ApiResponses.error(ctx, 404, e.getMessage());
                    } else {
                        LOG.warn("explain {} for {} failed", query.name(), query.client(), ar.cause());
                        ApiResponses.error(ctx, 500, "explain failed: " + ar.cause());
                    }
                });
    }
}
