package net.voicegslb.gslb.pbx.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of one TLS peer connection: {@code gslb.sip.peer.connects{site,result=ok|failed}} (attempts:
 * TCP connect and TLS handshake, the peer's certificate and name checked), the gauge
 * {@code gslb.sip.peer.up{site}} (1 while the connection is open and verified) and
 * {@code gslb.sip.peer.messages{site,direction=sent|received,kind}} with kind INVITE, ACK, BYE,
 * CANCEL, other (requests), response, keepalive: what crossed the TLS connection, which is how an
 * operator (and the tests) see that calls between sites really travel over TLS; and
 * {@code gslb.sip.peer.unreachable{site}}: requests that could not be handed the connection (it
 * could not be opened in time, or too many were already waiting for it) and so went to the next
 * peer or got 503, never UDP.
 */
final class PeerLinkMeters {

    private static final String[] KINDS = {"INVITE", "ACK", "BYE", "CANCEL", "other", "response", "keepalive"};

    private final Counter connectOk;
    private final Counter connectFailed;
    private final Counter unreachable;
    private final AtomicInteger up = new AtomicInteger();
    private final Counter[] sent = new Counter[KINDS.length];
    private final Counter[] received = new Counter[KINDS.length];

    PeerLinkMeters(MeterRegistry registry, String site) {
        connectOk = registry.counter("gslb.sip.peer.connects", "site", site, "result", "ok");
        connectFailed = registry.counter("gslb.sip.peer.connects", "site", site, "result", "failed");
        unreachable = registry.counter("gslb.sip.peer.unreachable", "site", site);
        registry.gauge("gslb.sip.peer.up", io.micrometer.core.instrument.Tags.of("site", site), up);
        for (int i = 0; i < KINDS.length; i++) {
            sent[i] = registry.counter("gslb.sip.peer.messages", "site", site, "direction", "sent", "kind", KINDS[i]);
            received[i] = registry.counter("gslb.sip.peer.messages", "site", site, "direction", "received", "kind",
                    KINDS[i]);
        }
    }

    void connected() {
        connectOk.increment();
        up.set(1);
    }

    void failed() {
        connectFailed.increment();
    }

    void unreachable(int requests) {
        unreachable.increment(requests);
    }

    void down() {
        up.set(0);
    }

    void keepaliveSent() {
        sent[6].increment();
    }

    void sent(byte[] start, int length) {
        sent[kind(start, length)].increment();
    }

    void received(byte[] start, int length) {
        received[kind(start, length)].increment();
    }

    /** The message's kind from its first word (the method, or SIP/2.0 for a response). */
    static int kind(byte[] b, int length) {
        int end = 0;
        while (end < length && end < 8 && b[end] != ' ') {
            end++;
        }
        String word = new String(b, 0, end, StandardCharsets.US_ASCII);
        return switch (word) {
            case "INVITE" -> 0;
            case "ACK" -> 1;
            case "BYE" -> 2;
            case "CANCEL" -> 3;
            case "SIP/2.0" -> 5;
            default -> word.isEmpty() || word.charAt(0) == '\r' ? 6 : 4;
        };
    }
}
