package net.voicegslb.gslb.deploy.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extraction PrometheusRulesIT relies on: functions, keywords, labels and variables are not names. */
class PromQlNamesTest {

    @Test
    void aSelectorIsItsName() {
        assertThat(PromQlNames.of("gslb_site_mos < 3.6")).containsExactly("gslb_site_mos");
    }

    @Test
    void labelMatchersStringsAndRangesAreNotNames() {
        assertThat(PromQlNames.of("rate(dns_queries_total{transport=\"udp\", rcode=~\"NX.*|up\"}[5m] offset 1h)"))
                .containsExactly("dns_queries_total");
        assertThat(PromQlNames.of("max_over_time(gslb_node_state{state='down'}[10m:1m])")).containsExactly("gslb_node_state");
    }

    @Test
    void aggregationLabelListsAndSetOperatorsAreNotNames() {
        String expr = """
                (gslb_site_state{state="down"} == 1)
                  unless ignoring(state)
                (gslb_site_admin_state{state=~"drain|disabled"} == bool 1)
                or on (site, instance) group_left(region) sum without (result) (rate(gslb_sip_checks_total[5m]))
                and sum(up) by (job)
                """;
        assertThat(PromQlNames.of(expr))
                .containsExactly("gslb_sip_checks_total", "gslb_site_admin_state", "gslb_site_state", "up");
    }

    @Test
    void histogramBucketsKeepTheirSuffixAndNumbersAreNotNames() {
        assertThat(PromQlNames.of(
                "histogram_quantile(0.99, sum by (le) (rate(dns_answer_seconds_bucket[$__rate_interval]))) * 1e3 > Inf"))
                .containsExactly("dns_answer_seconds_bucket");
    }

    @Test
    void grafanaVariablesAreNotNames() {
        assertThat(PromQlNames.of("gslb_site_mos{instance=\"$instance\",site=~\"${site:regex}\"} / $scale"))
                .containsExactly("gslb_site_mos");
    }

    @Test
    void variableQueriesNameOnlyTheirMetric() {
        assertThat(PromQlNames.ofVariableQuery("label_values(gslb_node_state{site=~\"$site\"}, node)"))
                .containsExactly("gslb_node_state");
        assertThat(PromQlNames.ofVariableQuery("label_values(instance)")).isEmpty();
        assertThat(PromQlNames.ofVariableQuery("query_result(topk(3, gslb_answers_client_keys))"))
                .containsExactly("gslb_answers_client_keys");
    }
}
