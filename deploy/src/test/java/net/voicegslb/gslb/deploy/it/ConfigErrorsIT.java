package net.voicegslb.gslb.deploy.it;

import net.voicegslb.gslb.policy.testing.TestPorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import net.voicegslb.gslb.deploy.it.support.Fixtures;
import net.voicegslb.gslb.deploy.it.support.GslbJar;
import net.voicegslb.gslb.deploy.it.support.ToolRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an operator sees for a bad configuration: 'check-config' and 'dns' both exit 3 and name
 * file, line and field of every problem; bad flags exit 2; an address in use exits 4.
 */
class ConfigErrorsIT {

    /** Line 5: payload below 512; line 7: not a duration; line 10: a key that does not exist. */
    private static final String BAD_CONFIG = """
            dns:
              listen:
                - 127.0.0.1:5353
              udp:
                max_payload: 100
              tcp:
                idle_timeout: forever
            zones:
              - origin: voip.example.test
                fiel: zones/voip.example.test.zone
            """;

    /** Line 5 of the zone has an address that is not one. */
    private static final String BAD_ZONE = """
            $ORIGIN voip.example.test.
            $TTL 300
            @     SOA  ns1 hostmaster ( 1 3600 900 604800 60 )
            @     NS   ns1
            ns1   A    192.0.2.530
            """;

    /** Zones that parse but cannot be served; the offending record is on line 6 of each. */
    private static final String ZONE_HEAD = """
            $ORIGIN voip.example.test.
            $TTL 300
            @     SOA  ns1 hostmaster ( 1 3600 900 604800 60 )
            @     NS   ns1
            ns1   A    192.0.2.53
            """;

    private static Path dir;

    @BeforeAll
    static void fixtures() throws IOException {
        dir = Fixtures.copy();
        Files.writeString(dir.resolve("bad.yaml"), BAD_CONFIG);
        Files.writeString(dir.resolve("zones/bad.zone"), BAD_ZONE);
        Files.writeString(dir.resolve("bad-zone.yaml"), """
                zones:
                  - origin: voip.example.test
                    file: zones/bad.zone
                admin:
                  listen: "off"
                """);
    }

    static Path semanticZone(String name, String line6) throws IOException {
        Files.writeString(dir.resolve("zones/" + name + ".zone"), ZONE_HEAD + line6 + "\n");
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "zones:\n  - origin: voip.example.test\n    file: zones/" + name + ".zone\n");
        return config;
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.deleteTree(dir);
    }

    @Test
    void checkConfigAcceptsTheFixture() {
        ToolRun.Result r = GslbJar.run("check-config", dir.resolve("gslb-it.yaml").toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).contains("voip.example.test. serial 2026112201").contains("OK");
    }

    @Test
    void checkConfigNamesFileLineAndFieldOfEveryProblem() {
        ToolRun.Result r = GslbJar.run("check-config", dir.resolve("bad.yaml").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        String out = r.stdout() + r.stderr();
        assertThat(out).as(r.describe())
                .contains("bad.yaml:5").contains("max_payload")
                .contains("bad.yaml:7").contains("idle_timeout")
                .contains("bad.yaml:10").contains("fiel");
    }

    @Test
    void checkConfigNamesTheZoneFileAndLine() {
        ToolRun.Result r = GslbJar.run("check-config", dir.resolve("bad-zone.yaml").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout() + r.stderr()).as(r.describe()).contains("bad.zone:5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outside     | elsewhere.example.com. A 192.0.2.1",
        "cname-apex  | @ CNAME ns1",
        "cname-other | ns1 CNAME sip",
        "wrong-class | x CH TXT \"chaos\"",
        "glueless    | lab NS ns1.lab"})
    void zoneThatParsesButCannotBeServedIsReportedWithItsLine(String name, String line6) throws IOException {
        ToolRun.Result r = GslbJar.run("check-config", semanticZone(name, line6).toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout() + r.stderr()).as("the message names file and line:\n%s", r.describe())
                .contains(name + ".zone:6");
    }

    @Test
    void serverRefusesToStartOnABadConfigWithFileAndLine() {
        ToolRun.Result r = GslbJar.run("dns", "--config", dir.resolve("bad.yaml").toString(),
                "--listen", "127.0.0.1:" + TestPorts.udpAndTcp(), "--admin-listen", "off");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).as(r.describe()).contains("bad.yaml:5").contains("max_payload")
                .contains("bad.yaml:7").contains("bad.yaml:10");
    }

    @Test
    void serverRefusesToStartOnABrokenZoneWithFileAndLine() {
        ToolRun.Result r = GslbJar.run("dns", "--config", dir.resolve("bad-zone.yaml").toString(),
                "--listen", "127.0.0.1:" + TestPorts.udpAndTcp());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).as(r.describe()).contains("bad.zone:5");
    }

    @Test
    void missingConfigFileExits3() {
        ToolRun.Result r = GslbJar.run("check-config", dir.resolve("nowhere.yaml").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout() + r.stderr()).as(r.describe()).contains("nowhere.yaml");
    }

    @Test
    void badFlagsExit2() {
        ToolRun.Result noConfig = GslbJar.run("dns");
        ToolRun.Result badThreads = GslbJar.run("dns", "--config", dir.resolve("gslb-it.yaml").toString(),
                "--threads", "999", "--admin-listen", "off");

        assertThat(noConfig.exitCode()).as(noConfig.describe()).isEqualTo(2);
        assertThat(badThreads.exitCode()).as(badThreads.describe()).isEqualTo(2);
    }

    @Test
    void addressInUseExits4() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ToolRun.Result r = GslbJar.run("dns", "--config", dir.resolve("gslb-it.yaml").toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort(), "--admin-listen", "off");

            assertThat(r.exitCode()).as(r.describe()).isEqualTo(4);
            assertThat(r.stderr()).as(r.describe()).contains("cannot start");
        }
    }
}
