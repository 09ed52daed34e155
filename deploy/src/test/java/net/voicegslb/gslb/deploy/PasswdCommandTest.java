package net.voicegslb.gslb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import net.voicegslb.gslb.dns.dashboard.PasswordHashes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PasswdCommandTest {

    private record Run(int code, String out, String err) { }

    private static Run run(String stdin) {
        PasswdCommand c = new PasswdCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        c.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new CommandLine(c).execute("--stdin");
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsABcryptHashTheConfigLoaderAcceptsAndThatMatchesOnlyThePassword() {
        Run r = run("correct horse battery staple\n");
        assertThat(r.code()).isZero();
        String hash = r.out().strip();
        assertThat(PasswordHashes.isHash(hash)).isTrue();
        assertThat(hash).startsWith("$2a$" + PasswordHashes.COST + "$").doesNotContain("correct horse");
        assertThat(new PasswordHashes().matches("correct horse battery staple", hash)).isTrue();
        assertThat(new PasswordHashes().matches("correct horse battery stapler", hash)).isFalse();
        assertThat(run("correct horse battery staple\n").out().strip()).as("salted: never the same twice")
                .isNotEqualTo(hash);
    }

    @Test
    void aShortPasswordIsRefusedAndNothingIsPrinted() {
        Run r = run("short\n");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("at least 12 characters");
    }
}
