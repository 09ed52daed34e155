package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reloads against live answers (agents streaming, answers decided per client /24 from their
 * measurements), where the old and the new config give different answers: a broken file that
 * would also disable fra changes nothing (clientA keeps fra, decided for its /24, and the file,
 * line and field are named); the same change in a valid file moves clientA to nyc at once, still
 * decided from measurements (not fail-open), and leaves clientB alone; undoing it brings fra back.
 */
class GslbLiveReloadIT {

    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final String FRA_ACTIVE = "fra: {region: eu, capacity_calls: 2000}";
    private static final String FRA_DISABLED = "fra: {region: eu, capacity_calls: 2000, state: disabled}";

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(HOLD);

    @Test
    void aBrokenReloadKeepsLiveAnswersAndAGoodOneChangesThem() throws Exception {
        GslbLab lab = LAB.lab();
        LabDns dns = LAB.dns();
        AdminApi api = LAB.api();
        Path config = lab.dnsConfig();
        String good = Files.readString(config);
        assertThat(good).contains(FRA_ACTIVE);
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
        dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, api);

        // broken: fra disabled (which would move clientA) and a node in a site that does not exist
        String broken = good.replace(FRA_ACTIVE, FRA_DISABLED).replace("site: sin\n      hostname: sin-2",
                "site: lon\n      hostname: sin-2");
        assertThat(broken).as("the lab config still has sin-2 where this test expects it").contains("site: lon");
        Files.writeString(config, broken);
        // SIGHUP: `gslb reload` would refuse the file itself before asking the server
        lab.dns().hangup();
        lab.dns().awaitLog("gslb.yaml:" + lineOf(broken, "site: lon") + ": gslb.nodes.sin-2.site", 1,
                Duration.ofSeconds(15));
        for (int i = 0; i < 10; i++) { // 2 s of answers: still the live, measured fra
            DnsReply a = dns.a(CLIENT_A);
            assertThat(LabDns.addresses(a)).as("after the refused reload\n%s", a.text())
                    .containsExactly(FRA_1.address());
            assertThat(a.edns().options()).as(a.text()).contains(LabDns.scope24(CLIENT_A));
            LabDns.sleep(200);
        }

        Files.writeString(config, good.replace(FRA_ACTIVE, FRA_DISABLED));
        ToolRun.Result applied = reload(lab);
        assertThat(applied.exitCode()).as(applied.describe()).isZero();
        long t0 = System.nanoTime();
        DnsReply moved = dns.awaitA(CLIENT_A, List.of(NYC_1.address()), Duration.ofSeconds(10), api);
        System.out.printf("GSLB: fra disabled by reload: clientA on nyc (decided for its /24) %d ms after the"
                + " reload returned%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(moved.edns().options()).contains(LabDns.scope24(CLIENT_A));
        DnsReply b = dns.a(CLIENT_B);
        assertThat(LabDns.addresses(b)).as("clientB untouched\n%s", b.text()).containsExactly(NYC_1.address());
        assertThat(api.explain(CLIENT_A.prefix(), LabPlan.SERVICE, "A").encode()).as("explain names the reason")
                .containsIgnoringCase("disabled");

        Files.writeString(config, good);
        assertThat(reload(lab).exitCode()).isZero();
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, api);
    }

    private static ToolRun.Result reload(GslbLab lab) {
        return GslbJar.run("reload", "--config", lab.dnsConfig().toString(), "--admin",
                "127.0.0.1:" + lab.dns().adminPort());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the config");
    }
}
