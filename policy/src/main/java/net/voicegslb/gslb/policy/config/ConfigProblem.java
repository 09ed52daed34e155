package net.voicegslb.gslb.policy.config;

import java.nio.file.Path;

/** One thing wrong with a configuration file, located so that an editor can jump to it. */
public record ConfigProblem(Path file, int line, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file.toString();
        return field == null || field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
    }
}
