package net.voicegslb.gslb.dns.admin;

import java.util.Map;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.gslb.ExplainService;

/**
 * What the {@code /api/v1} routes serve from. Each part is optional: a route whose source is
 * missing (null, or a supplier that returns null) answers 503, so a server without a
 * {@code gslb:} section still runs the rest of the admin listener.
 *
 * @param explain {@code GET /api/v1/explain}; a supplier so that a reload can add or replace the GSLB
 * @param events  {@code GET /api/v1/events}
 * @param status  {@code GET /api/v1/status}: sites and nodes with their health, as a JSON-ready tree
 * @param sites   {@code POST /api/v1/sites/{site}/{action}[/preview]}
 * @param data    {@code GET /api/v1/heatmap} and {@code /api/v1/history}
 */
public record AdminApi(Supplier<ExplainService> explain, EventLog events, Supplier<Map<String, Object>> status,
                       Supplier<SiteActions> sites, Supplier<DashboardData> data) {

    public static AdminApi none() {
        return new AdminApi(() -> null, null, () -> null, () -> null, () -> null);
    }

    public AdminApi {
        explain = explain == null ? () -> null : explain;
        status = status == null ? () -> null : status;
        sites = sites == null ? () -> null : sites;
        data = data == null ? () -> null : data;
    }

    public AdminApi withExplain(Supplier<ExplainService> source) {
        return new AdminApi(source, events, status, sites, data);
    }

    public AdminApi withExplain(ExplainService service) {
        return withExplain(() -> service);
    }

    public AdminApi withEvents(EventLog log) {
        return new AdminApi(explain, log, status, sites, data);
    }

    public AdminApi withStatus(Supplier<Map<String, Object>> source) {
        return new AdminApi(explain, events, source, sites, data);
    }

    public AdminApi withSites(SiteActions actions) {
        return new AdminApi(explain, events, status, () -> actions, data);
    }

    public AdminApi withData(DashboardData source) {
        return new AdminApi(explain, events, status, sites, () -> source);
    }
}
