package net.voicegslb.gslb.pbx.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk users as {@code user;password[;anything]} lines, the format of SIPp injection files
 * (the sip-peers harness's users.csv): a first line SEQUENTIAL/RANDOM/USER and blank or '#'
 * lines are skipped; ',' is accepted as separator too.
 */
public final class UsersCsv {

    private UsersCsv() {}

    public static List<UserCredentials> read(Path file, String domain) throws IOException {
        List<UserCredentials> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#") || (lineNo == 1 && l.matches("(?i)SEQUENTIAL|RANDOM|USER|USERS"))) {
                continue;
            }
            String[] f = l.split(l.indexOf(';') >= 0 ? ";" : ",", 3);
            if (f.length < 2 || f[0].isBlank() || f[1].isEmpty()) {
                throw new IOException(file + ":" + lineNo + ": expected user;password");
            }
            out.add(Ha1.of(domain, f[0].trim(), f[1]));
        }
        return out;
    }
}
