package net.voicegslb.gslb.dns.gslb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.policy.admin.AdminAction;
import net.voicegslb.gslb.policy.admin.AdminRequest;
import net.voicegslb.gslb.policy.model.Inventory;
import net.voicegslb.gslb.policy.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting gauges follow the policy at scrape time: health and admin states as state sets,
 * heartbeat age (also of a node never heard from), serving sites per service, the site-wide
 * quality (NaN until measured), and a reload that removes a node removes its series.
 */
class SiteMetricsTest {

    private static final String SERVICE = "voip.example.test";

    @TempDir
    Path dir;
    private GslbLab lab;
    private PrometheusMeterRegistry registry;
    private SiteMetrics metrics;

    @BeforeEach
    void setUp() throws Exception {
        lab = new GslbLab(dir);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new SiteMetrics(lab.engine(), lab.clock::get, registry);
        metrics.follow(lab.config.gslb().inventory());
    }

    @AfterEach
    void tearDown() {
        lab.close();
        registry.close();
    }

    private double gauge(String name, String... tags) {
        RequiredSearch s = registry.get(name);
        if (tags.length > 0) {
            s = s.tags(tags);
        }
        return s.gauge().value();
    }

    @Test
    void healthStatesAreStateSetsPerSiteAndNode() {
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");

        assertThat(gauge("gslb.site.state", "site", "fra", "state", "up")).isEqualTo(1);
        assertThat(gauge("gslb.site.state", "site", "fra", "state", "down")).isZero();
        assertThat(gauge("gslb.node.state", "node", "fra-2", "site", "fra", "state", "up")).isEqualTo(1);
        assertThat(gauge("gslb.service.sites.serving", "service", SERVICE)).isEqualTo(3);

        lab.advance(3_500); // every heartbeat timed out
        lab.service.record(lab.engine().tick(lab.now()));

        assertThat(gauge("gslb.site.state", "site", "fra", "state", "down")).isEqualTo(1);
        assertThat(gauge("gslb.site.state", "site", "fra", "state", "up")).isZero();
        assertThat(gauge("gslb.node.state", "node", "nyc-1", "site", "nyc", "state", "down")).isEqualTo(1);
        assertThat(gauge("gslb.service.sites.serving", "service", SERVICE)).isZero();
    }

    @Test
    void heartbeatAgeCountsFromTheLastBeatOrFromWhenTheNodeWasFirstWatched() {
        lab.advance(1_000);
        lab.beat("fra-1");
        lab.advance(2_500);

        assertThat(gauge("gslb.node.heartbeat.age.seconds", "node", "fra-1")).isCloseTo(2.5, within(1e-9));
        assertThat(gauge("gslb.node.heartbeat.age.seconds", "node", "sin-1")).as("never beat: since follow()")
                .isCloseTo(3.5, within(1e-9));
    }

    @Test
    void aDisabledSiteIsNotServingAndShowsItsAdminState() {
        lab.beat("fra-1", "fra-2", "nyc-1", "sin-1");
        lab.engine().changeSiteAdmin(AdminRequest.of("nyc", AdminAction.DISABLE, "test", "maintenance", false),
                lab.now());

        assertThat(gauge("gslb.site.admin.state", "site", "nyc", "state", "disabled")).isEqualTo(1);
        assertThat(gauge("gslb.site.admin.state", "site", "nyc", "state", "active")).isZero();
        assertThat(gauge("gslb.site.admin.state", "site", "fra", "state", "active")).isEqualTo(1);
        assertThat(gauge("gslb.service.sites.serving", "service", SERVICE)).isEqualTo(2);
    }

    @Test
    void siteQualityIsNanUntilMeasuredThenTheSiteWideAverage() {
        assertThat(gauge("gslb.site.mos", "service", SERVICE, "site", "fra")).isNaN();
        assertThat(gauge("gslb.site.rtt.seconds", "site", "fra")).isNaN();

        lab.measure("fra-1", "fra", "10.1.1.0/24", 20);

        assertThat(gauge("gslb.site.rtt.seconds", "site", "fra")).isCloseTo(0.020, within(1e-6));
        assertThat(gauge("gslb.site.jitter.seconds", "site", "fra")).isCloseTo(0.001, within(1e-6));
        assertThat(gauge("gslb.site.loss.ratio", "site", "fra")).isZero();
        double mos = gauge("gslb.site.mos", "service", SERVICE, "site", "fra");
        assertThat(mos).isBetween(4.0, 4.5);
        assertThat(gauge("gslb.site.mos", "service", SERVICE, "site", "nyc")).as("nyc not measured").isNaN();
    }

    @Test
    void aReloadWithoutANodeDropsItsSeriesAndPrometheusNamesAreTheDocumentedOnes() {
        Inventory before = lab.config.gslb().inventory();
        List<Node> nodes = before.nodes().stream().filter(n -> !n.id().equals("fra-2")).toList();
        metrics.follow(new Inventory(before.sites(), nodes, before.services(), before.tenants()));

        assertThat(registry.find("gslb.node.state").tag("node", "fra-2").gauges()).isEmpty();
        assertThat(registry.find("gslb.node.heartbeat.age.seconds").tag("node", "fra-2").gauges()).isEmpty();
        assertThat(registry.find("gslb.node.state").tag("node", "fra-1").gauges()).hasSize(3);
        String text = registry.scrape();
        assertThat(text).contains("gslb_site_state{site=\"fra\",state=\"up\"}",
                "gslb_site_admin_state{site=\"fra\",state=\"drain\"}",
                "gslb_node_state{node=\"fra-1\",site=\"fra\",state=\"down\"}",
                "gslb_node_heartbeat_age_seconds{node=\"fra-1\",site=\"fra\"}",
                "gslb_service_sites_serving{service=\"voip.example.test\"}",
                "gslb_site_mos{service=\"voip.example.test\",site=\"sin\"}",
                "gslb_site_rtt_seconds{site=\"nyc\"}", "gslb_site_jitter_seconds{site=\"nyc\"}",
                "gslb_site_loss_ratio{site=\"nyc\"}");
        assertThat(registry.getMeters()).filteredOn(m -> m instanceof Gauge)
                .noneMatch(m -> "fra-2".equals(m.getId().getTag("node")));
    }
}
