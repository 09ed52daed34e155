package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.Dig;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.GslbProcess;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gslb section on a running server: a reload applies a changed inventory to the dynamic names;
 * a broken one keeps serving the previous answers and names the file, line and field. Without
 * agents every node is down, so answers follow the fail-open rule (the configured order).
 */
class GslbReloadIT {

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(15);

    private Path dir;
    private Path config;
    private GslbProcess server;
    private Dig dig;

    @BeforeEach
    void startServer() {
        dir = Fixtures.copy();
        config = dir.resolve("gslb-reload.yaml");
        server = GslbProcess.start(config, true);
        dig = new Dig(server.dnsPort());
    }

    @AfterEach
    void stopServer() {
        try {
            server.close();
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private DnsReply sipA() {
        return dig.query("sip.voip.example.test", "A");
    }

    @Test
    void startsWithTheDynamicNamesAndTheirTokens() throws IOException {
        DnsReply a = sipA();
        assertThat(a.answerRdata()).as(a.text()).containsExactly("192.0.2.11");
        assertThat(a.flags()).as(a.text()).contains("aa");
        DnsReply srv = dig.query("_sip._udp.voip.example.test", "SRV");
        assertThat(srv.answerRdata()).as(srv.text()).containsExactly("10 100 5060 fra-1.nodes.voip.example.test.");
        assertThat(dig.query("nyc-1.nodes.voip.example.test", "A").answerRdata()).containsExactly("192.0.2.21");
        assertThat(Files.readString(dir.resolve("tokens/fra-1.token")).strip()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void reloadAppliesAChangedInventory() throws IOException {
        Files.writeString(config, Files.readString(config)
                .replace("pool: [fra, nyc]", "pool: [nyc, fra]")
                .replace("ipv4: [192.0.2.21]", "ipv4: [192.0.2.22]"));

        ToolRun.Result reload = GslbJar.run("reload", "--config", config.toString(),
                "--admin", "127.0.0.1:" + server.adminPort());

        assertThat(reload.exitCode()).as(reload.stdout() + reload.stderr()).isZero();
        await("new inventory served").atMost(RELOAD_TIMEOUT).untilAsserted(() -> {
            DnsReply a = sipA();
            assertThat(a.answerRdata()).as(a.text()).containsExactly("192.0.2.22");
        });
        assertThat(dig.query("nyc-1.nodes.voip.example.test", "A").answerRdata()).containsExactly("192.0.2.22");
    }

    @Test
    void brokenGslbSectionKeepsTheOldAnswersAndNamesFileLineAndField() throws IOException {
        String good = Files.readString(config);
        String broken = good.replace("nyc-1: {site: nyc,", "nyc-1: {site: lon,");
        Files.writeString(config, broken);
        int line = lineOf(broken, "nyc-1: {site: lon,");

        server.hangup();

        await("reload failure logged").atMost(RELOAD_TIMEOUT).until(() -> server.stderr()
                .contains("gslb-reload.yaml:" + line + ": gslb.nodes.nyc-1.site: unknown site 'lon'"));
        assertThat(sipA().answerRdata()).containsExactly("192.0.2.11");
        assertThat(dig.query("nyc-1.nodes.voip.example.test", "A").answerRdata()).containsExactly("192.0.2.21");

        ToolRun.Result check = GslbJar.run("check-config", config.toString());
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.stderr()).contains("gslb-reload.yaml:" + line + ": gslb.nodes.nyc-1.site");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in config");
    }
}
