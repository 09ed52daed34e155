package net.voicegslb.gslb.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import net.voicegslb.gslb.dns.answer.AnswerCompiler;
import net.voicegslb.gslb.dns.answer.AnswerSnapshot;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneLoadException;
import net.voicegslb.gslb.dns.zone.ZoneLoader;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The test zone (src/test/resources/zones/test.zone) and helpers shared by the unit tests. */
public final class DnsFixtures {

    public static final Name ORIGIN = name("voip.example.test.");

    private DnsFixtures() {}

    public static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Path resource(String path) {
        try {
            return Path.of(DnsFixtures.class.getResource("/" + path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource " + path, e);
        }
    }

    public static ZoneData testZone() {
        try {
            return new ZoneLoader().load(resource("zones/test.zone"), ORIGIN);
        } catch (ZoneLoadException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    public static AnswerSnapshot testSnapshot() {
        return new AnswerSnapshot(new ZoneSet(java.util.List.of(testZone())), new AnswerCompiler(), 1000);
    }
}
