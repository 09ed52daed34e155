package net.voicegslb.gslb.pbx.config;

/**
 * Registration lifetimes (seconds) and the contact limits.
 *
 * @param maxContacts bindings per address of record (the oldest gives way)
 * @param maxContactsPerSource bindings registered from one source address, all AORs together;
 *     more new contacts from it are refused with 403
 * @param maxBindings bindings in the whole node; more new contacts are refused with 503
 */
public record RegistrarConfig(int minExpires, int maxExpires, int defaultExpires, int maxContacts,
        int maxContactsPerSource, int maxBindings) {

    public RegistrarConfig(int minExpires, int maxExpires, int defaultExpires, int maxContacts) {
        this(minExpires, maxExpires, defaultExpires, maxContacts, 1_000, 200_000);
    }

    public static RegistrarConfig defaults() {
        return new RegistrarConfig(60, 3600, 3600, 10);
    }
}
