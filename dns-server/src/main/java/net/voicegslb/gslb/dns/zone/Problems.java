package net.voicegslb.gslb.dns.zone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;

/** The problems found in one zone file, each with its line, reported together. */
final class Problems {

    private final Path file;
    private final List<String> messages = new ArrayList<>();
    private final Map<Record, Integer> lines = new IdentityHashMap<>();
    private int firstLine;

    Problems(Path file) {
        this.file = file;
    }

    void remember(Record r, int line) {
        lines.put(r, line);
    }

    int lineOf(Record r) {
        return lines.getOrDefault(r, 0);
    }

    void add(int line, String message) {
        if (messages.isEmpty()) {
            firstLine = line;
        }
        messages.add(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    Path file() {
        return file;
    }

    ZoneLoadException exception() {
        return ZoneLoadException.of(file, firstLine, String.join("\n", messages));
    }
}
