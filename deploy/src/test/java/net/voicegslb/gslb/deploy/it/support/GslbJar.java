package net.voicegslb.gslb.deploy.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The built launcher jar ({@code gslb.jar}, passed by Failsafe) and one-shot runs of its subcommands. */
public final class GslbJar {

    /** Small heap, C1 only: these JVMs live for seconds and serve test traffic. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private GslbJar() {}

    public static Path path() {
        String configured = System.getProperty("gslb.jar");
        Path jar = Path.of(configured != null ? configured : "target/gslb.jar").toAbsolutePath();
        assertThat(jar).as("the launcher jar (system property gslb.jar; build it with ./mvnw -pl deploy -am package)")
                .isRegularFile();
        return jar;
    }

    /** The shipped example directory (system property gslb.examples). */
    public static Path examples() {
        String configured = System.getProperty("gslb.examples");
        Path dir = Path.of(configured != null ? configured : "examples").toAbsolutePath();
        assertThat(Files.isDirectory(dir)).as("examples directory %s", dir).isTrue();
        return dir;
    }

    /**
     * A copy of the shipped examples in {@code into}/examples, without the runtime state an earlier
     * run left beside them (git-ignored tokens and data): what a fresh clone has.
     */
    public static Path copyOfExamples(Path into) {
        Path from = examples();
        Path target = into.resolve("examples");
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path relative = from.relativize(p);
                if (relative.toString().endsWith(".token") || relative.startsWith("data")
                        || relative.startsWith("tokens")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target;
    }

    /** The command line that runs {@code gslb ARGS} from the built jar. */
    public static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-jar");
        cmd.add(path().toString());
        cmd.addAll(args);
        return cmd;
    }

    /** Runs {@code gslb ARGS} to completion (check-config, reload, a dns start that must fail). */
    public static ToolRun.Result run(String... args) {
        return ToolRun.run(Duration.ofSeconds(60), command(List.of(args)));
    }
}
