package net.voicegslb.gslb.deploy.it;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.voicegslb.gslb.policy.testing.ExternalTool;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gslb pbx} as a real process on the shipped example config (copied, so its H2 file lands in
 * a temp dir): user 1001 registers with digest auth from SIPp, so does a user added with
 * {@code gslb pbx user add}, a wrong password is refused, /metrics counts it all; the store is
 * owner-only; after 1001 is removed from the file, SIGHUP makes the node refuse it; a store file
 * others can read is refused (exit 4); and a broken config exits 3 naming file, line and field.
 */
class PbxProcessIT {

    @TempDir
    Path dir;

    @Test
    void exampleNodeRegistersUser1001WithSipp() throws Exception {
        Path sipp = ExternalTool.require("sipp", "sip-tester");
        Path examples = GslbJar.examples();
        Path config = dir.resolve("pbx.yaml");
        Files.copy(examples.resolve("pbx.yaml"), config);
        int port = TestPorts.udpAndTcp();
        int metricsPort = TestPorts.tcp();
        // the admin path: a user added to the store before the node starts can register
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "SEQUENTIAL\n1003;added-by-cli;[authentication username=1003 password=added-by-cli]\n");
        ToolRun.Result added = GslbJar.run("pbx", "user", "add", "--config", config.toString(), "--tenant",
                "example.test", "--csv", extra.toString());
        assertThat(added.exitCode()).as(added.describe()).isZero();
        ToolRun.Result listed = GslbJar.run("pbx", "user", "list", "--config", config.toString(), "--tenant",
                "example.test");
        assertThat(listed.stdout()).as(listed.describe()).contains("1003");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", GslbJar.path().toString(), "pbx", "--config", config.toString(),
                "--listen", "127.0.0.1:" + port, "--metrics-listen", "127.0.0.1:" + metricsPort));
        Path log = dir.resolve("pbx.log");
        Process pbx = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("pbx serving SIP on")) {
                assertThat(pbx.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("startup within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            ToolRun.Result ok = ToolRun.run(Duration.ofSeconds(30), List.of(sipp.toString(), "127.0.0.1:" + port,
                    "-sf", examples.resolve("sipp/register-auth.xml").toString(),
                    "-inf", examples.resolve("sipp/users.csv").toString(), "-key", "domain", "example.test",
                    "-key", "contact", "127.0.0.1:5999", "-key", "expires", "600", "-m", "1", "-i", "127.0.0.1",
                    "-nostdin", "-timeout", "10s", "-timeout_error"));
            assertThat(ok.exitCode()).as(ok.describe()).isZero();
            ToolRun.Result cliUser = ToolRun.run(Duration.ofSeconds(30), List.of(sipp.toString(), "127.0.0.1:" + port,
                    "-sf", examples.resolve("sipp/register-auth.xml").toString(), "-inf", extra.toString(),
                    "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5998", "-key", "expires", "600",
                    "-m", "1", "-i", "127.0.0.1", "-nostdin", "-timeout", "10s", "-timeout_error"));
            assertThat(cliUser.exitCode()).as(cliUser.describe()).isZero();

            Path wrong = dir.resolve("wrong.csv");
            Files.writeString(wrong, "SEQUENTIAL\n1001;nope;[authentication username=1001 password=nope]\n");
            ToolRun.Result refused = ToolRun.run(Duration.ofSeconds(30), List.of(sipp.toString(), "127.0.0.1:" + port,
                    "-sf", examples.resolve("sipp/register-auth.xml").toString(), "-inf", wrong.toString(),
                    "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5999", "-key", "expires", "600",
                    "-m", "1", "-i", "127.0.0.1", "-nostdin", "-timeout", "5s", "-timeout_error"));
            assertThat(refused.exitCode()).as(refused.describe()).isNotZero();

            var http = java.net.http.HttpClient.newHttpClient();
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("gslb_sip_register_total{outcome=\"ok\"} 2.0")
                    .contains("gslb_sip_auth_total{outcome=\"failed\"} 1.0")
                    .contains("gslb_sip_location_bindings 2.0");

            // the store holds HA1 hashes: owner-only whatever the umask
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/pbx.mv.db"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                    .isEqualTo("rwx------");

            // 1001 leaves the config; SIGHUP applies it to the running node
            String yaml = Files.readString(config);
            String user1001 = "      - user: \"1001\"\n        password: \"example-1001-pw\"\n";
            assertThat(yaml).contains(user1001);
            Files.writeString(config, yaml.replace(user1001, ""));
            ToolRun.Result hup = ToolRun.run(Duration.ofSeconds(10), List.of("kill", "-HUP", Long.toString(pbx.pid())));
            assertThat(hup.exitCode()).as(hup.describe()).isZero();
            long reloadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("reloaded " + config)) {
                assertThat(pbx.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("reload within 20 s: " + Files.readString(log))
                        .isLessThan(reloadDeadline);
                Thread.sleep(100);
            }
            ToolRun.Result removed = ToolRun.run(Duration.ofSeconds(30), List.of(sipp.toString(), "127.0.0.1:" + port,
                    "-sf", examples.resolve("sipp/register-auth.xml").toString(),
                    "-inf", examples.resolve("sipp/users.csv").toString(), "-key", "domain", "example.test",
                    "-key", "contact", "127.0.0.1:5999", "-key", "expires", "600", "-m", "1", "-i", "127.0.0.1",
                    "-nostdin", "-timeout", "5s", "-timeout_error"));
            assertThat(removed.exitCode()).as("1001 after its removal: " + removed.describe()).isNotZero();
            String after = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(after).contains("gslb_sip_reloads_total{result=\"ok\"} 1.0")
                    .contains("gslb_sip_location_bindings 1.0");
        } finally {
            pbx.destroy();
            if (!pbx.waitFor(10, TimeUnit.SECONDS)) {
                pbx.destroyForcibly();
            }
        }
        assertThat(Files.exists(dir.resolve("data/pbx.mv.db"))).as("H2 store next to the config").isTrue();

        // someone made the store world-readable: the node refuses to serve from it
        Files.setPosixFilePermissions(dir.resolve("data/pbx.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        ToolRun.Result exposed = GslbJar.run("pbx", "--config", config.toString(), "--listen", "127.0.0.1:" + port,
                "--metrics-listen", "off");
        assertThat(exposed.exitCode()).as(exposed.describe()).isEqualTo(4);
        assertThat(exposed.stderr()).contains("pbx.mv.db").contains("chmod 600");
    }

    @Test
    void brokenConfigExitsThreeNamingLineAndField() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "sip:\n  listen: [127.0.0.1:5062]\ntenants:\n  - domain: a.test\n    auth: sometimes\n");
        ToolRun.Result r = GslbJar.run("pbx", "--config", config.toString());
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).contains("bad.yaml:5: tenants[0].auth: must be digest or none");
    }
}
