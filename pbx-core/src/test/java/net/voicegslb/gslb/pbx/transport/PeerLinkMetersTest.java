package net.voicegslb.gslb.pbx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What crossed a peer connection is counted by its first word. */
class PeerLinkMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerLinkMeters meters = new PeerLinkMeters(registry, "nyc");

    private void sent(String start) {
        byte[] b = start.getBytes(StandardCharsets.US_ASCII);
        meters.sent(b, Math.min(8, b.length));
    }

    private double sent(String kind, String direction) {
        return registry.get("gslb.sip.peer.messages").tag("site", "nyc").tag("direction", direction)
                .tag("kind", kind).counter().count();
    }

    @Test
    void countsByMethodResponseAndKeepalive() {
        sent("INVITE sip:1002@example.test SIP/2.0\r\n");
        sent("ACK sip:x SIP/2.0");
        sent("BYE sip:x SIP/2.0");
        sent("CANCEL sip:x SIP/2.0");
        sent("OPTIONS sip:x SIP/2.0");
        sent("SIP/2.0 200 OK");
        sent("\r\n\r\n");
        byte[] response = "SIP/2.0 100 Trying".getBytes(StandardCharsets.US_ASCII);
        meters.received(response, response.length);
        assertThat(sent("INVITE", "sent")).isEqualTo(1);
        assertThat(sent("ACK", "sent")).isEqualTo(1);
        assertThat(sent("BYE", "sent")).isEqualTo(1);
        assertThat(sent("CANCEL", "sent")).isEqualTo(1);
        assertThat(sent("other", "sent")).isEqualTo(1);
        assertThat(sent("response", "sent")).isEqualTo(1);
        assertThat(sent("keepalive", "sent")).isEqualTo(1);
        assertThat(sent("response", "received")).isEqualTo(1);
    }

    @Test
    void upGoesWithTheConnection() {
        meters.connected();
        assertThat(registry.get("gslb.sip.peer.up").tag("site", "nyc").gauge().value()).isEqualTo(1);
        meters.down();
        assertThat(registry.get("gslb.sip.peer.up").tag("site", "nyc").gauge().value()).isZero();
        meters.failed();
        assertThat(registry.get("gslb.sip.peer.connects").tag("result", "failed").counter().count()).isEqualTo(1);
    }
}
