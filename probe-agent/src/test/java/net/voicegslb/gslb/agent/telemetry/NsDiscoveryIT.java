package net.voicegslb.gslb.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.voicegslb.gslb.agent.lab.KnotDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NS discovery against a real authoritative server, Knot DNS, serving the zone on 127.0.0.1. */
class NsDiscoveryIT {

    @TempDir
    Path dir;

    @Test
    void findsTheZonesNameServers() throws Exception {
        // Listed out of order, one in upper case: the result is sorted, and names stay names.
        try (KnotDns knot = KnotDns.serve(dir, "voip.test", """
                @ NS dns-b.voip.test.
                @ NS dns-a.voip.test.
                dns-a A 127.0.0.1
                dns-b A 127.0.0.2
                www A 127.0.0.3
                """)) {
            assertThat(NsDiscovery.nameServers("voip.test", knot.address())).as(knot.output())
                    .containsExactly("dns-a.voip.test", "dns-b.voip.test");
        }
    }
}
