package net.voicegslb.gslb.agent;

/** The version string an agent announces in its hello. */
public final class AgentVersion {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private AgentVersion() {
    }
}
