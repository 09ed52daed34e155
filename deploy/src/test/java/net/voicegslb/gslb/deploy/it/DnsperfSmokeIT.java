package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.Metrics;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A short, rate-limited dnsperf run over the peer-benchmark names: a correctness check that every
 * query gets an answer under sustained load, not a benchmark (bench/ measures throughput).
 */
class DnsperfSmokeIT {

    @RegisterExtension
    static final GslbServer SERVER = GslbServer.withConfig("gslb-it.yaml");

    private static final int SECONDS = 3;
    private static final int QPS = 5_000;

    @Test
    void everyQueryIsAnsweredAtAModestRate() {
        String dnsperf = ExternalTool.require("dnsperf", "dnsperf").toString();
        Metrics before = SERVER.metrics();

        ToolRun.Result r = ToolRun.run(Duration.ofSeconds(SECONDS + 30), List.of(dnsperf,
                "-s", "127.0.0.1", "-p", Integer.toString(SERVER.port()),
                "-d", SERVER.dir().resolve("dnsperf-queries.txt").toString(),
                "-l", Integer.toString(SECONDS), "-Q", Integer.toString(QPS), "-c", "4", "-t", "2"));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        long sent = number(r, "Queries sent:\\s+(\\d+)");
        long completed = number(r, "Queries completed:\\s+(\\d+)");
        long lost = number(r, "Queries lost:\\s+(\\d+)");
        assertThat(sent).as(r.describe()).isGreaterThan(QPS);
        assertThat(lost).as(r.describe()).isZero();
        assertThat(completed).as(r.describe()).isEqualTo(sent);
        assertThat(r.stdout()).as(r.describe()).contains("NOERROR").contains("NXDOMAIN")
                .doesNotContain("SERVFAIL").doesNotContain("FORMERR").doesNotContain("REFUSED");
        assertThat(SERVER.metrics().sum("dns_queries_total", "transport", "udp")
                - before.sum("dns_queries_total", "transport", "udp")).isGreaterThanOrEqualTo(completed);
    }

    @Test
    void reloadsDuringTheRunLoseNoQuery() throws Exception {
        String dnsperf = ExternalTool.require("dnsperf", "dnsperf").toString();
        String token = Files.readString(SERVER.dir().resolve("admin.token")).trim();

        CompletableFuture<ToolRun.Result> run = CompletableFuture.supplyAsync(
                () -> ToolRun.run(Duration.ofSeconds(SECONDS + 30), List.of(dnsperf,
                        "-s", "127.0.0.1", "-p", Integer.toString(SERVER.port()),
                        "-d", SERVER.dir().resolve("dnsperf-queries.txt").toString(),
                        "-l", Integer.toString(SECONDS), "-Q", Integer.toString(QPS), "-c", "4", "-t", "2")));
        int reloads = 0;
        for (int i = 0; i < 20 && !run.isDone(); i++) {
            assertThat(SERVER.admin().post("/admin/reload", token).statusCode()).isEqualTo(200);
            reloads++;
        }
        ToolRun.Result r = run.get(SECONDS + 40, TimeUnit.SECONDS);

        assertThat(reloads).as("reloads done while dnsperf ran").isGreaterThanOrEqualTo(2);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(number(r, "Queries lost:\\s+(\\d+)")).as(r.describe()).isZero();
        assertThat(number(r, "Queries completed:\\s+(\\d+)")).as(r.describe())
                .isEqualTo(number(r, "Queries sent:\\s+(\\d+)"));
        assertThat(r.stdout()).as(r.describe()).doesNotContain("SERVFAIL").doesNotContain("REFUSED");
    }

    private static long number(ToolRun.Result r, String regex) {
        Matcher m = Pattern.compile(regex).matcher(r.stdout());
        assertThat(m.find()).as("'%s' in dnsperf output:\n%s", regex, r.describe()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
