package net.voicegslb.gslb.pbx.config;

/** Registration lifetimes (seconds) and the contact limit per address of record. */
public record RegistrarConfig(int minExpires, int maxExpires, int defaultExpires, int maxContacts) {

    public static RegistrarConfig defaults() {
        return new RegistrarConfig(60, 3600, 3600, 10);
    }
}
