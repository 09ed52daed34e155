package net.voicegslb.gslb.pbx.config;

/** The embedded RTP relay that calls are anchored in; disabled means SDP passes unchanged. */
public record MediaConfig(boolean enabled, String listen, String advertise, int portMin, int portMax,
        int maxSessions) {

    public static MediaConfig defaults() {
        return new MediaConfig(true, "127.0.0.1", null, 30000, 31000, 250);
    }
}
