package net.voicegslb.gslb.deploy;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.dns.dashboard.PasswordHashes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb passwd}: a password hash for {@code admin.users[].password_hash}. The password is
 * asked for twice on the terminal (not echoed), or read from the first line of stdin for scripts;
 * it is never an argument, which {@code ps} and shell history would show.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Print a BCrypt hash of a dashboard password, for admin.users[].password_hash.",
            "Asks for the password on the terminal, or reads it from stdin with --stdin."})
final class PasswdCommand implements Callable<Integer> {

    static final int MIN_LENGTH = 12;

    @Option(names = "--stdin", description = "read the password from the first line of stdin")
    boolean stdin;

    // the process's streams; a test hands its own
    java.io.InputStream in = System.in;
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
        char[] password;
        Console console = System.console();
        if (stdin || console == null) {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        } else {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || !Arrays.equals(password, again)) {
                err.println("gslb passwd: the two passwords differ");
                return ExitCodes.USAGE;
            }
        }
        if (password.length < MIN_LENGTH) {
            err.println("gslb passwd: a dashboard password needs at least " + MIN_LENGTH + " characters");
            return ExitCodes.USAGE;
        }
        out.println(new PasswordHashes().hash(java.nio.CharBuffer.wrap(password)));
        Arrays.fill(password, '\0');
        return ExitCodes.OK;
    }
}
