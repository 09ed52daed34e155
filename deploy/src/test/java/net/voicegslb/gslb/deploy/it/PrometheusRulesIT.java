package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.voicegslb.gslb.deploy.it.gslb.GslbLabExtension;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import net.voicegslb.gslb.deploy.it.support.PromQlNames;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What deploy ships for NOCs that run Prometheus and Grafana: the alert rules pass
 * {@code promtool check rules} and their unit tests ({@code promtool test rules}), every alert has
 * {@code for:}, a severity, a summary and a description, and tests that show it firing and not
 * firing; the Grafana dashboard is valid JSON whose every panel has the Prometheus datasource and
 * queries that promtool accepts as PromQL. And every metric name the rules and the dashboard read
 * exists in a real scrape of the GSLB lab's DNS node and agents, so a renamed meter fails here and
 * not in a NOC at 3 a.m.
 */
class PrometheusRulesIT {

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(Duration.ofSeconds(2));

    private static final Path MODULE = GslbJar.examples().getParent();
    private static final Path RULES = MODULE.resolve("prometheus/gslb-alerts.yml");
    private static final Path RULE_TESTS = MODULE.resolve("prometheus/gslb-alerts.test.yml");
    private static final Path DASHBOARD = MODULE.resolve("grafana/voice-gslb.json");
    private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(60);
    /** Series with labels appear once set: SIP checks run every second, telemetry streams already. */
    private static final Duration SERIES_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> REQUIRED_ALERTS = Set.of("GslbSiteDown", "GslbServiceNoServingSite",
            "GslbTelemetrySilent", "GslbSiteMosLow", "GslbSipCheckFailing");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning");
    private static final String DATASOURCE_UID = "${DS_PROMETHEUS}";

    @TempDir
    Path tmp;

    @Test
    void promtoolAcceptsTheRules() {
        ToolRun.Result r = promtool("check", "rules", RULES.toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).contains("SUCCESS");
    }

    @Test
    void ruleUnitTestsPass() {
        ToolRun.Result r = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasForSeveritySummaryDescriptionAndTestsThatFireAndDoNot() throws IOException {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts.keySet()).containsAll(REQUIRED_ALERTS);

        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Map<String, Object> test : list(yaml(RULE_TESTS).get("tests"))) {
            for (Map<String, Object> t : list(test.get("alert_rule_test"))) {
                String name = (String) t.get("alertname");
                (list(t.get("exp_alerts")).isEmpty() ? quiet : firing).add(name);
            }
        }
        alerts.forEach((name, rule) -> {
            assertThat(rule.get("for")).as("%s: for:", name).isNotNull();
            assertThat(map(rule.get("labels")).get("severity")).as("%s: severity label", name).isIn(SEVERITIES);
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat((String) annotations.get("summary")).as("%s: summary", name).contains("{{ $labels.");
            assertThat((String) annotations.get("description")).as("%s: description", name)
                    .contains("{{ $labels.instance }}").contains("Check:");
            assertThat(firing).as("%s: a promtool test where it fires", name).contains(name);
            assertThat(quiet).as("%s: a promtool test where it does not fire (yet)", name).contains(name);
        });
    }

    @Test
    void dashboardIsGrafanaJsonWithThePrometheusDatasourceAndQueriesOnEveryPanel() throws IOException {
        JsonObject dashboard = dashboard();
        assertThat(dashboard.getInteger("schemaVersion")).isGreaterThanOrEqualTo(39);
        Map<String, JsonObject> variables = new LinkedHashMap<>();
        for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
            variables.put(((JsonObject) v).getString("name"), (JsonObject) v);
        }
        assertThat(variables).containsKeys("DS_PROMETHEUS", "instance", "site", "node");
        assertThat(variables.get("DS_PROMETHEUS").getString("type")).isEqualTo("datasource");
        assertThat(variables.get("DS_PROMETHEUS").getString("query")).isEqualTo("prometheus");

        List<JsonObject> panels = panels(dashboard);
        assertThat(panels).hasSizeGreaterThan(10);
        Set<Integer> ids = new HashSet<>();
        for (JsonObject p : panels) {
            String title = p.getString("title");
            assertThat(ids.add(p.getInteger("id"))).as("panel id %s of '%s' unique", p.getInteger("id"), title).isTrue();
            assertThat(p.getJsonObject("gridPos")).as("'%s': gridPos", title).isNotNull();
            if ("row".equals(p.getString("type"))) {
                continue;
            }
            assertDatasource(p.getJsonObject("datasource"), title);
            JsonArray targets = p.getJsonArray("targets");
            assertThat(targets).as("'%s': targets", title).isNotNull().isNotEmpty();
            for (Object o : targets) {
                JsonObject t = (JsonObject) o;
                assertDatasource(t.getJsonObject("datasource"), title + " " + t.getString("refId"));
                assertThat(t.getString("expr")).as("'%s': expr", title).isNotBlank();
            }
        }
    }

    /** promtool has no expression checker, so each query becomes a recording rule in a file it checks. */
    @Test
    void dashboardQueriesAreValidPromQl() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonObject p : panels(dashboard())) {
            for (Object o : p.getJsonArray("targets", new JsonArray())) {
                JsonObject t = (JsonObject) o;
                rules.add(Map.of("record", "dashboard_panel_" + p.getInteger("id") + "_" + t.getString("refId"),
                        "expr", withVariablesSet(t.getString("expr"))));
            }
        }
        Path file = tmp.resolve("dashboard-queries.yml");
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))),
                StandardCharsets.UTF_8);

        ToolRun.Result r = promtool("check", "rules", file.toString());

        assertThat(r.exitCode()).as("%s\n--- queries\n%s", r.describe(), Files.readString(file)).isZero();
    }

    @Test
    void everyMetricTheRulesAndTheDashboardReadIsInARealScrape() throws IOException {
        Map<String, Set<String>> used = usedMetricNames();
        assertThat(used).as("metric names found in the rules and the dashboard").hasSizeGreaterThan(15);
        // dns_queries_total{...} is registered on the first query of its kind
        LAB.dig().query("sip.voip.example.test", "A");

        await("every metric in the rules and the dashboard scraped").atMost(SERIES_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Set<String> scraped = new TreeSet<>(LAB.dnsMetrics().names());
                    for (String node : GslbLabExtension.NODE_IDS) {
                        scraped.addAll(LAB.agentMetrics(node).names());
                    }
                    Map<String, Set<String>> missing = new TreeMap<>();
                    used.forEach((name, where) -> {
                        if (!scraped(name, scraped)) {
                            missing.put(name, where);
                        }
                    });
                    assertThat(missing).as("metric names (and where they are used) in no scrape of the lab's"
                            + " DNS node or agents; the scrape has:\n%s", String.join("\n", scraped)).isEmpty();
                });
    }

    // --- the files

    private static Map<String, Map<String, Object>> alerts() throws IOException {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Map<String, Object> group : list(yaml(RULES).get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                alerts.put((String) rule.get("alert"), rule);
            }
        }
        return alerts;
    }

    /** Metric name to the places that read it ("alert GslbSiteDown", "panel 'Site health' A", ...). */
    private static Map<String, Set<String>> usedMetricNames() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        alerts().forEach((name, rule) -> PromQlNames.of((String) rule.get("expr"))
                .forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>()).add("alert " + name)));
        JsonObject dashboard = dashboard();
        for (JsonObject p : panels(dashboard)) {
            for (Object o : p.getJsonArray("targets", new JsonArray())) {
                JsonObject t = (JsonObject) o;
                PromQlNames.of(t.getString("expr")).forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>())
                        .add("panel '" + p.getString("title") + "' " + t.getString("refId")));
            }
        }
        for (Object o : dashboard.getJsonObject("templating").getJsonArray("list")) {
            JsonObject v = (JsonObject) o;
            if ("query".equals(v.getString("type"))) {
                PromQlNames.ofVariableQuery(v.getString("definition")).forEach(m ->
                        used.computeIfAbsent(m, k -> new TreeSet<>()).add("variable $" + v.getString("name")));
            }
        }
        return used;
    }

    /**
     * In the scrape as such, or a histogram's or summary's {@code _bucket/_sum/_count} series of a
     * family the scrape declares.
     */
    private static boolean scraped(String name, Set<String> scraped) {
        if (scraped.contains(name)) {
            return true;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix) && scraped.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject dashboard() throws IOException {
        return new JsonObject(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    }

    /** Every panel, those inside collapsed rows too. */
    private static List<JsonObject> panels(JsonObject dashboard) {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : dashboard.getJsonArray("panels")) {
            JsonObject p = (JsonObject) o;
            out.add(p);
            for (Object nested : p.getJsonArray("panels", new JsonArray())) {
                out.add((JsonObject) nested);
            }
        }
        return out;
    }

    private static void assertDatasource(JsonObject ds, String where) {
        assertThat(ds).as("'%s': datasource", where).isNotNull();
        assertThat(ds.getString("type")).as("'%s': datasource type", where).isEqualTo("prometheus");
        assertThat(ds.getString("uid")).as("'%s': datasource uid", where).isEqualTo(DATASOURCE_UID);
    }

    /** Grafana's variables as a query would run with them (a 5m rate interval, every site and node). */
    private static String withVariablesSet(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$instance", "dns-1:8053")
                .replace("$site", ".*").replace("$node", ".*");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static ToolRun.Result promtool(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ExternalTool.require("promtool", "prometheus").toString());
        cmd.addAll(List.of(args));
        return ToolRun.run(PROMTOOL_TIMEOUT, cmd);
    }
}
