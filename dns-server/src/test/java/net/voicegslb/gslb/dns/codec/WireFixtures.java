package net.voicegslb.gslb.dns.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.voicegslb.gslb.dns.DnsFixtures;

/** The byte fixtures of src/test/resources/wire/dns: hex, '#' comments, whitespace ignored. */
final class WireFixtures {

    private WireFixtures() {}

    static byte[] read(String name) {
        return parse(DnsFixtures.resource("wire/dns/" + name));
    }

    static byte[] parse(Path file) {
        try {
            String hex = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining()).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(DnsFixtures.resource("wire/dns"))) {
            return s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
