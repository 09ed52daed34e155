package net.voicegslb.gslb.pbx.config;

/** A user given in the config file (the example's 1001/1002); the store keeps only hashes. */
public record UserConfig(String user, String password) {

    @Override
    public String toString() {
        return "UserConfig[" + user + "]";
    }
}
