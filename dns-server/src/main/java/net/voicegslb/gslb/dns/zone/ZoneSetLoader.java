package net.voicegslb.gslb.dns.zone;

import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.dns.config.ZoneConfig;

/** Loads every configured zone, collecting the problems of all files before giving up. */
public final class ZoneSetLoader {

    private final ZoneLoader loader = new ZoneLoader();

    public ZoneSet load(List<ZoneConfig> configs) throws ZoneSetException {
        List<ZoneData> zones = new ArrayList<>();
        List<ZoneLoadException> problems = new ArrayList<>();
        for (ZoneConfig c : configs) {
            try {
                zones.add(loader.load(c.file(), c.origin()));
            } catch (ZoneLoadException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ZoneSetException(problems);
        }
        return new ZoneSet(zones);
    }

    /** One or more zone files that cannot be served. */
    public static final class ZoneSetException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<ZoneLoadException> problems;

        ZoneSetException(List<ZoneLoadException> problems) {
            super(String.join("\n", problems.stream().map(Throwable::getMessage).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<ZoneLoadException> problems() {
            return problems;
        }
    }
}
