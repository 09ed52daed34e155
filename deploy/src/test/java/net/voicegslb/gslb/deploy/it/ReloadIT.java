package net.voicegslb.gslb.deploy.it;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import net.voicegslb.gslb.deploy.it.support.AdminHttp;
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
 * Zone reloads on a running server, by SIGHUP and through 'gslb reload' (the admin API): new data
 * is served at once; a broken zone keeps the old data and the log names the file and line.
 * Each test gets its own server and its own copy of reload.yaml and zones/reload.test.zone.
 */
class ReloadIT {

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(15);

    private static final String ZONE_V2 = """
            $ORIGIN reload.test.
            $TTL 60
            @     SOA  ns1 hostmaster ( 2 3600 900 604800 60 )
            @     NS   ns1
            ns1   A    192.0.2.53
            sip   A    192.0.2.2
            new   A    192.0.2.77
            """;

    /** Line 7 has an address that is not one. */
    private static final String ZONE_BROKEN = """
            $ORIGIN reload.test.
            $TTL 60
            @     SOA  ns1 hostmaster ( 3 3600 900 604800 60 )
            @     NS   ns1
            ns1   A    192.0.2.53
            sip   A    192.0.2.3
            broken A   192.0.2.999
            """;

    private Path dir;
    private Path config;
    private Path zone;
    private GslbProcess server;
    private Dig dig;

    @BeforeEach
    void startServer() {
        dir = Fixtures.copy();
        config = dir.resolve("reload.yaml");
        zone = dir.resolve("zones/reload.test.zone");
        server = GslbProcess.start(config, true);
        dig = new Dig(server.dnsPort());
        assertServes(1, "192.0.2.1");
    }

    @AfterEach
    void stopServer() {
        try {
            server.close();
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    @Test
    void sighupServesTheNewSerialAndRecord() throws IOException {
        Files.writeString(zone, ZONE_V2);

        server.hangup();

        await("new serial after SIGHUP").atMost(RELOAD_TIMEOUT).untilAsserted(() -> assertServes(2, "192.0.2.2"));
        DnsReply added = dig.query("new.reload.test", "A");
        assertThat(added.answerRdata()).as(added.text()).containsExactly("192.0.2.77");
        AdminHttp admin = new AdminHttp(server.adminPort());
        assertThat(admin.metrics().sum("dns_zone_serial", "zone", "reload.test.")).isEqualTo(2);
        assertThat(admin.metrics().sum("dns_reloads_total", "result", "ok")).isEqualTo(1);
    }

    @Test
    void brokenZoneOnSighupKeepsTheOldDataAndTheLogNamesFileAndLine() throws IOException {
        Files.writeString(zone, ZONE_BROKEN);

        server.hangup();

        await("reload failure logged").atMost(RELOAD_TIMEOUT)
                .until(() -> server.stderr().contains("reload.test.zone:7"));
        assertServes(1, "192.0.2.1");
        DnsReply broken = dig.query("broken.reload.test", "A");
        assertThat(broken.status()).as(broken.text()).isEqualTo("NXDOMAIN");
        assertThat(new AdminHttp(server.adminPort()).metrics().sum("dns_reloads_total", "result", "failed"))
                .isEqualTo(1);

        // and once the file is fixed, the next SIGHUP takes it
        Files.writeString(zone, ZONE_V2);
        server.hangup();
        await("fixed zone served").atMost(RELOAD_TIMEOUT).untilAsserted(() -> assertServes(2, "192.0.2.2"));
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void sighupAlsoRereadsTheConfigAndServesAnAddedZone() throws IOException {
        Files.writeString(dir.resolve("zones/extra.test.zone"), """
                $ORIGIN extra.test.
                $TTL 60
                @     SOA  ns1.reload.test. hostmaster.reload.test. ( 7 3600 900 604800 60 )
                @     NS   ns1.reload.test.
                www   A    192.0.2.80
                """);
        Files.writeString(config, Files.readString(config).replace("zones:\n", """
                zones:
                  - origin: extra.test
                    file: zones/extra.test.zone
                """));
        assertThat(dig.query("www.extra.test", "A").status()).isEqualTo("REFUSED");

        server.hangup();

        await("added zone served after SIGHUP").atMost(RELOAD_TIMEOUT).untilAsserted(() -> {
            DnsReply r = dig.query("www.extra.test", "A");
            assertThat(r.answerRdata()).as(r.text()).containsExactly("192.0.2.80");
            assertThat(r.flags()).as(r.text()).contains("aa");
        });
        assertServes(1, "192.0.2.1");
    }

    @Test
    void sighupWithAZoneRemovedFromTheConfigStopsServingIt() throws IOException {
        Files.writeString(config, Files.readString(config)
                .replace("  - origin: reload.test\n    file: zones/reload.test.zone\n", """
                          - origin: other.test
                            file: zones/other.test.zone
                        """));
        Files.writeString(dir.resolve("zones/other.test.zone"), """
                $ORIGIN other.test.
                @     SOA  ns1 hostmaster ( 1 3600 900 604800 60 )
                @     NS   ns1
                ns1   A    192.0.2.53
                """);

        server.hangup();

        await("reload.test no longer served").atMost(RELOAD_TIMEOUT).untilAsserted(() -> {
            DnsReply r = dig.query("sip.reload.test", "A");
            assertThat(r.status()).as(r.text()).isEqualTo("REFUSED");
        });
        assertThat(dig.query("ns1.other.test", "A").answerRdata()).containsExactly("192.0.2.53");
    }

    @Test
    void brokenConfigOnSighupKeepsTheOldZonesAndTheLogNamesFileAndLine() throws IOException {
        Files.writeString(config, """
                dns:
                  threads: 1
                zones:
                  - origin: reload.test
                    file: [zones/reload.test.zone
                """);
        Files.writeString(zone, ZONE_V2);

        server.hangup();

        await("reload failure logged").atMost(RELOAD_TIMEOUT).until(() -> server.stderr().contains("reload failed"));
        assertThat(server.stderr()).contains("reload.yaml:");
        assertServes(1, "192.0.2.1");
    }

    @Test
    void sighupWithAChangedUdpPayloadAppliesItOrSaysItNeedsARestart() throws IOException {
        // an operator lowers dns.udp.max_payload and sends SIGHUP, which "reloads config and zones"
        Files.writeString(zone, ZONE_V2 + "$GENERATE 1-40 mid A 10.0.1.$\n");
        Files.writeString(config, Files.readString(config).replace("  threads: 1\n",
                "  threads: 1\n  udp:\n    max_payload: 512\n"));

        server.hangup();

        await("reload done").atMost(RELOAD_TIMEOUT).untilAsserted(() -> assertServes(2, "192.0.2.2"));
        DnsReply mid = dig.query("+ignore", "+bufsize=1232", "mid.reload.test", "A");
        boolean applied = mid.hasFlag("tc") && mid.edns() != null && mid.edns().udpSize() == 512;
        boolean toldToRestart = server.stderr().contains("max_payload");
        assertThat(applied || toldToRestart)
                .as("after SIGHUP, max_payload 512 is either in force (TC on a ~690-byte answer, OPT size 512) "
                        + "or the log says the change needs a restart; got:\n%s\nlog:\n%s", mid.text(), server.stderr())
                .isTrue();
    }

    @Test
    void reloadNamesTheChangedSettingsThatNeedARestart() throws IOException {
        Files.writeString(config, Files.readString(config).replace("  threads: 1\n",
                "  threads: 1\n  tcp:\n    idle_timeout: 3s\n"));

        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString(),
                "--admin", "127.0.0.1:" + server.adminPort());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout() + r.stderr()).as(r.describe()).contains("dns.tcp.idle_timeout").contains("restart");
        assertThat(server.stderr()).contains("dns.tcp.idle_timeout");
    }

    @Test
    void reloadCommandReloadsThroughTheAdminApi() throws IOException {
        Files.writeString(zone, ZONE_V2);

        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString(),
                "--admin", "127.0.0.1:" + server.adminPort());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).contains("reload.test").contains("2");
        // the command returns once the reload is done: no waiting needed
        assertServes(2, "192.0.2.2");
    }

    @Test
    void reloadCommandFindsTheAdminAddressInTheConfig() throws IOException {
        // what an operator types: no --admin, the address comes from admin.listen
        Files.writeString(config, Files.readString(config)
                .replace("listen: 127.0.0.1:8053", "listen: 127.0.0.1:" + server.adminPort()));
        Files.writeString(zone, ZONE_V2);

        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertServes(2, "192.0.2.2");
    }

    @Test
    void reloadCommandWithTheAdminListenerOffSaysToUseSighup() throws IOException {
        Files.writeString(config, Files.readString(config).replace("listen: 127.0.0.1:8053", "listen: \"off\""));

        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).as(r.describe()).contains("SIGHUP");
    }

    @Test
    void reloadCommandReportsABrokenZoneAndFails() throws IOException {
        Files.writeString(zone, ZONE_BROKEN);

        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString(),
                "--admin", "127.0.0.1:" + server.adminPort());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).as(r.describe()).contains("reload.test.zone:7");
        assertServes(1, "192.0.2.1");
    }

    @Test
    void adminReloadNeedsTheBearerToken() throws IOException {
        AdminHttp admin = new AdminHttp(server.adminPort());
        String token = Files.readString(dir.resolve("admin.token"), StandardCharsets.UTF_8).trim();

        HttpResponse<String> none = admin.post("/admin/reload", null);
        HttpResponse<String> wrong = admin.post("/admin/reload", token + "x");
        HttpResponse<String> get = admin.get("/admin/reload");
        assertThat(admin.metrics().sum("dns_reloads_total")).as("nothing reloaded without the token").isZero();
        HttpResponse<String> right = admin.post("/admin/reload", token);

        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(get.statusCode()).as("GET is not a way to reload: %s", get.body()).isNotEqualTo(200);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(admin.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void missingTokenFileIsCreatedPrivateWithARandomToken() throws IOException {
        Path tokenFile = dir.resolve("admin.token");

        assertThat(tokenFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(Files.readString(tokenFile).trim()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(server.stderr()).as("the token itself is never logged")
                .doesNotContain(Files.readString(tokenFile).trim());
    }

    @Test
    void reloadCommandWithNoServerListeningFails() {
        ToolRun.Result r = GslbJar.run("reload", "--config", config.toString(), "--admin", "127.0.0.1:" + TestPorts.tcp());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).as(r.describe()).contains("no server answers");
    }

    private void assertServes(long serial, String sipAddress) {
        DnsReply soa = dig.query("reload.test", "SOA");
        assertThat(soa.answer()).as(soa.text()).singleElement()
                .satisfies(rr -> assertThat(rr.rdata().split("\\s+")[2]).isEqualTo(Long.toString(serial)));
        DnsReply sip = dig.query("sip.reload.test", "A");
        assertThat(sip.answerRdata()).as(sip.text()).containsExactly(sipAddress);
    }
}
