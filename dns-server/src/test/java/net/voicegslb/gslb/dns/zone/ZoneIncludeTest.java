package net.voicegslb.gslb.dns.zone;

import static net.voicegslb.gslb.dns.DnsFixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.voicegslb.gslb.dns.DnsFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class ZoneIncludeTest {

    private static final String HEAD = "$ORIGIN voip.example.test.\n$TTL 300\n"
            + "@ SOA ns1 hostmaster ( 1 3600 900 604800 60 )\n@ NS ns1\nns1 A 192.0.2.53\n";

    @TempDir
    Path tmp;
    private Path zones;

    @BeforeEach
    void dirs() throws Exception {
        zones = Files.createDirectories(tmp.resolve("zones"));
        Files.writeString(tmp.resolve("outside.inc"), "evil A 192.0.2.66\n");
    }

    private ZoneData load(String text) throws Exception {
        Path f = zones.resolve("z.zone");
        Files.writeString(f, text);
        return new ZoneLoader().load(f, ORIGIN);
    }

    @Test
    void includesInsideTheZoneDirectoryAreServed() throws Exception {
        Files.createDirectories(zones.resolve("parts"));
        Files.writeString(zones.resolve("parts/sip.inc"), "sip A 192.0.2.10\n$INCLUDE more.inc\n");
        Files.writeString(zones.resolve("parts/more.inc"), "more A 192.0.2.11\n");

        ZoneData z = load(HEAD + "$INCLUDE parts/sip.inc\n");

        assertThat(z.rrSet(DnsFixtures.name("sip.voip.example.test"), Type.A)).isNotNull();
        assertThat(z.rrSet(DnsFixtures.name("more.voip.example.test"), Type.A)).isNotNull();
    }

    @Test
    void anIncludeThatClimbsOutOfTheZoneDirectoryIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> load(HEAD + "www A 192.0.2.1\n$INCLUDE ../outside.inc\n"))
                .isInstanceOf(ZoneLoadException.class)
                .hasMessageContaining("z.zone:7:")
                .hasMessageContaining("outside the zone directory")
                .satisfies(e -> assertThat(((ZoneLoadException) e).line()).isEqualTo(7));
    }

    @Test
    void anAbsolutePathIsTakenRelativeToTheZoneDirectoryAsDnsjavaDoes() {
        // new File(parent, "/x") appends: the absolute file itself is never read.
        assertThatThrownBy(() -> load(HEAD + "$INCLUDE " + tmp.resolve("outside.inc").toAbsolutePath() + "\n"))
                .hasMessageContaining("z.zone:6:").hasMessageContaining("no such file");
    }

    @Test
    void aSymlinkOutOfTheZoneDirectoryIsRefused() throws Exception {
        Files.createSymbolicLink(zones.resolve("link.inc"), tmp.resolve("outside.inc"));

        assertThatThrownBy(() -> load(HEAD + "$INCLUDE link.inc\n"))
                .hasMessageContaining("z.zone:6:").hasMessageContaining("outside the zone directory");
    }

    @Test
    void aNestedEscapeNamesTheNestedFileAndItsLine() throws Exception {
        Files.writeString(zones.resolve("a.inc"), "a A 192.0.2.1\n\n$include ../outside.inc\n");

        assertThatThrownBy(() -> load(HEAD + "$INCLUDE a.inc\n"))
                .hasMessageContaining("a.inc:3:").hasMessageContaining("outside the zone directory");
    }

    @Test
    void anIncludeCycleStopsAtTheDepthLimit() throws Exception {
        Files.writeString(zones.resolve("loop.inc"), "$INCLUDE loop.inc\n");

        assertThatThrownBy(() -> load(HEAD + "$INCLUDE loop.inc\n"))
                .hasMessageContaining("loop.inc:1:").hasMessageContaining("deeper than " + IncludeGuard.MAX_DEPTH);
    }

    @Test
    void includeInsideParenthesesOrQuotesIsDataNotADirective() throws Exception {
        ZoneData z = load(HEAD + "t TXT ( \"a\"\n $INCLUDE )\nq TXT \"$INCLUDE ../outside.inc\"\n");

        assertThat(z.rrSet(DnsFixtures.name("t.voip.example.test"), Type.TXT)).isNotNull();
        assertThat(z.rrSet(DnsFixtures.name("q.voip.example.test"), Type.TXT)).isNotNull();
    }
}
