package net.voicegslb.gslb.dns.metrics;

/** How a query arrived; a label on every query metric. */
public enum Transport {
    UDP("udp"),
    TCP("tcp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
