package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-site example and the standalone agent example run together as shipped (from a copy of
 * deploy/examples; only the DNS and admin ports are overridden): the agent, fra-2, authenticates with
 * the token the DNS node wrote at its first start, its heartbeats reach the server, and the server
 * answers the service domain. The telemetry port (8444) and the agent's ports are the examples'.
 */
class ShippedExamplesIT {

    @TempDir
    Path dir;

    @Test
    void threeSiteExampleAndAgentExampleWorkTogether() throws Exception {
        Path examples = GslbJar.copyOfExamples(dir);
        try (GslbProcess dns = GslbProcess.start(examples.resolve("gslb-sites.yaml"), true)) {
            DnsReply a = new Dig(dns.dnsPort()).query("sip.voip.example.test", "A", "+subnet=198.51.100.0/24");
            assertThat(a.status()).as(a.text()).isEqualTo("NOERROR");
            assertThat(a.answerRdata()).as("fail-open answer from the example's node addresses\n%s", a.text())
                    .isNotEmpty().allMatch(ip -> ip.startsWith("127.0."));

            Path log = dir.resolve("agent.log");
            Process agent = new ProcessBuilder(GslbJar.command(List.of("agent", "--config",
                    examples.resolve("agent.yaml").toString()))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                String token = Files.readString(examples.resolve("admin.token"), StandardCharsets.UTF_8).strip();
                await("fra-2's heartbeats (the agent example) at the three-site example's DNS node")
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .untilAsserted(() -> {
                            assertThat(agent.isAlive()).as("agent running; log:\n%s", read(log)).isTrue();
                            assertThat(fra2(status(dns.adminPort(), token)).getLong("lastHeartbeatMillis"))
                                    .as("fra-2's last heartbeat").isNotNull();
                        });
            } finally {
                agent.destroy();
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
        }
    }

    private static JsonObject status(int adminPort, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + "/api/v1/status"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static JsonObject fra2(JsonObject status) {
        for (Object s : status.getJsonArray("sites")) {
            for (Object n : ((JsonObject) s).getJsonArray("nodes")) {
                if ("fra-2".equals(((JsonObject) n).getString("node"))) {
                    return (JsonObject) n;
                }
            }
        }
        throw new AssertionError("no fra-2 in " + status.encodePrettily());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
