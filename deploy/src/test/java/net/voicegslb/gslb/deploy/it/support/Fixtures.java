package net.voicegslb.gslb.deploy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The IT fixtures ({@code src/test/resources/it}: configs and zones), copied to a fresh directory
 * per server so that tests may edit zones and the server may write its admin token.
 */
public final class Fixtures {

    private Fixtures() {}

    public static Path source() {
        URL url = Fixtures.class.getResource("/it");
        if (url == null) {
            throw new IllegalStateException("test resource directory /it is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A temp directory holding a copy of every fixture. */
    public static Path copy() {
        try {
            Path target = Files.createTempDirectory("gslb-it-");
            Path source = source();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (!p.getFileName().toString().endsWith(".token")) {
                        Files.copy(p, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
