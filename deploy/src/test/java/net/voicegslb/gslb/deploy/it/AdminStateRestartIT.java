package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's {@code gslb site disable} on the real jar takes the site out of the answers, and a
 * restarted server still has it out: the state comes back from the event history (an H2 file here,
 * as in production). Without agents every node is down, so answers follow the fail-open rule, which
 * never answers a disabled site.
 */
class AdminStateRestartIT {

    private Path dir;
    private GslbProcess server;

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    @Test
    void aDisabledSiteStaysOutAfterARestart() throws Exception {
        dir = Fixtures.copy();
        Path config = dir.resolve("gslb-reload.yaml");
        Files.writeString(config, Files.readString(config).replace("jdbc:h2:mem:gslb-reload-it;DB_CLOSE_DELAY=-1",
                "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath()));
        server = GslbProcess.start(config, true);
        assertThat(answer(server)).containsExactly("192.0.2.11"); // fra first, as configured

        ToolRun.Result disable = GslbJar.run("site", "disable", "fra", "--reason", "fibre cut", "--config",
                config.toString(), "--admin", "127.0.0.1:" + server.adminPort());
        assertThat(disable.exitCode()).as(disable.stdout() + disable.stderr()).isZero();
        assertThat(disable.stdout()).isEqualTo("fra: ACTIVE -> DISABLED, by api: fibre cut\n");
        await("fra out of the answer").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> answer(server).equals(java.util.List.of("192.0.2.21")));

        server.close();
        server = GslbProcess.start(config, true);
        assertThat(answer(server)).as(server.stderr()).containsExactly("192.0.2.21");
        assertThat(server.stderr()).contains("config admin_restored: fra disabled (by api)");

        ToolRun.Result enable = GslbJar.run("site", "enable", "fra", "--config", config.toString(), "--admin",
                "127.0.0.1:" + server.adminPort());
        assertThat(enable.exitCode()).as(enable.stdout() + enable.stderr()).isZero();
        await("fra back").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> answer(server).equals(java.util.List.of("192.0.2.11")));
    }

    private static java.util.List<String> answer(GslbProcess s) {
        DnsReply a = new Dig(s.dnsPort()).query("sip.voip.example.test", "A");
        return a.answerRdata();
    }
}
