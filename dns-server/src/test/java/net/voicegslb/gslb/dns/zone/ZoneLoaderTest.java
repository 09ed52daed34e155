package net.voicegslb.gslb.dns.zone;

import static net.voicegslb.gslb.dns.DnsFixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.voicegslb.gslb.dns.DnsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class ZoneLoaderTest {

    private static final String HEAD = "$ORIGIN voip.example.test.\n$TTL 300\n"
            + "@ SOA ns1 hostmaster ( 1 3600 900 604800 60 )\n@ NS ns1\nns1 A 192.0.2.53\n";

    @TempDir
    Path dir;

    private ZoneData load(String text) throws Exception {
        Path f = dir.resolve("z.zone");
        Files.writeString(f, text);
        return new ZoneLoader().load(f, ORIGIN);
    }

    @Test
    void loadsTheTestZoneWithEmptyNonTerminals() {
        ZoneData z = DnsFixtures.testZone();
        assertThat(z.serial()).isEqualTo(7);
        assertThat(z.exists(DnsFixtures.name("ent.voip.example.test"))).isTrue();
        assertThat(z.exists(DnsFixtures.name("b.ent.voip.example.test"))).isTrue();
        assertThat(z.exists(DnsFixtures.name("nope.voip.example.test"))).isFalse();
        assertThat(z.rrSet(DnsFixtures.name("sip.voip.example.test"), Type.A).records()).hasSize(2);
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(() -> load(HEAD + "sip A 192.0.2.1\nbad A not-an-address\n"))
                .isInstanceOf(ZoneLoadException.class)
                .hasMessageContaining("z.zone:7:")
                .satisfies(e -> assertThat(((ZoneLoadException) e).line()).isEqualTo(7));
    }

    @Test
    void rejectsAZoneWithoutSoa() {
        assertThatThrownBy(() -> load("$ORIGIN voip.example.test.\n@ 300 NS ns1\nns1 300 A 192.0.2.1\n"))
                .hasMessageContaining("no SOA");
    }

    @Test
    void rejectsCnameBesideOtherData() {
        assertThatThrownBy(() -> load(HEAD + "x CNAME ns1\nx TXT \"t\"\n")).hasMessageContaining("CNAME and other data");
    }

    @Test
    void rejectsRecordsOutsideTheOrigin() {
        assertThatThrownBy(() -> load(HEAD + "www.example.com. A 192.0.2.1\n")).hasMessageContaining("outside the zone");
    }

    @Test
    void rejectsInZoneNameServersWithoutAddresses() {
        assertThatThrownBy(() -> load(HEAD + "child NS ns.child\n")).hasMessageContaining("no A or AAAA");
    }

    @Test
    void unifiesTtlsOfOneRrset() throws Exception {
        ZoneData z = load(HEAD + "x 30 A 192.0.2.1\nx 60 A 192.0.2.2\n");
        assertThat(z.rrSet(DnsFixtures.name("x.voip.example.test"), Type.A).records())
                .allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(30));
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> new ZoneLoader().load(dir.resolve("none.zone"), ORIGIN))
                .hasMessageContaining("none.zone").hasMessageContaining("missing");
    }

    @Test
    void everyProblemIsReportedWithTheLineOfItsRecord() {
        // Lines 1-5 are HEAD; a multi-line record and comments must not shift the count.
        String zone = HEAD
                + "; a comment\n"                                 // 6
                + "\n"                                             // 7
                + "x CNAME ns1\n"                                  // 8
                + "x TXT ( \"split\"\n"                           // 9
                + "        \"over lines\" )\n"                   // 10
                + "www.example.com. A 192.0.2.1\n"                // 11
                + "child NS ns.child\n"                            // 12
                + "y CH TXT \"chaos\"\n";                          // 13
        assertThatThrownBy(() -> load(zone))
                .isInstanceOf(ZoneLoadException.class)
                .hasMessageContaining("z.zone:11: record www.example.com. A is outside the zone")
                .hasMessageContaining("z.zone:13: record y.voip.example.test. has class CH")
                .hasMessageContaining("z.zone:8: CNAME and other data (TXT)")
                .hasMessageContaining("z.zone:12: name server ns.child.voip.example.test.");
    }
}
