package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.MediaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unauthenticated callers cannot make the node anchor media: a flood of INVITEs with SDP that
 * claim a local user (407) or come from a domain we do not serve (403) leaves the relay
 * untouched. Admitted callers are held to per-source quotas: INVITEs still waiting for an answer
 * (503 beyond the cap) and calls at once (403 beyond the cap), each refusal counted by reason,
 * while another source address is unaffected.
 */
class ProxyQuotaIT {

    private static final int FLOOD = 40;

    @TempDir
    Path dir;

    private TestNode node;
    private final AtomicInteger offers = new AtomicInteger();

    /** Counts what reaches the relay; answers like one. */
    private final MediaAnchor counting = new MediaAnchor() {
        @Override
        public String offer(String callId, String fromTag, String sdp) throws MediaException {
            offers.incrementAndGet();
            return sdp;
        }

        @Override
        public String answer(String callId, String fromTag, String toTag, String sdp) {
            return sdp;
        }

        @Override
        public void release(String callId) {}
    };

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private double refused(String reason) {
        return node.registry.get("gslb.sip.proxy.refused").tag("reason", reason).counter().count();
    }

    @Test
    void anUnauthenticatedFloodAnchorsNoMedia() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  algorithms: [MD5]
                  failures_per_minute: 1000
                keepalive:
                  interval: 0s
                tenants:
                  - domain: example.test
                    users:
                      - {user: "1001", password: "pw-1001"}
                  - domain: open.test
                    auth: none
                """, counting, PassiveObserver.NONE);
        try (RawPhone bob = new RawPhone(); RawPhone flood = new RawPhone()) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            Map<String, Integer> statuses = new HashMap<>();
            for (int i = 0; i < FLOOD; i++) {
                String from = i % 2 == 0 ? "<sip:1001@example.test>;tag=f" + i : "<sip:mallory@evil.test>;tag=f" + i;
                flood.send(RawCalls.request(flood, "INVITE", "sip:bob@open.test", from, "<sip:bob@open.test>",
                        "flood-" + i + "@test", "z9hG4bKflood" + i, "", true), node.port);
                String answer = RawCalls.receiveStartingWith(flood, "SIP/2.0 ", 2000);
                assertThat(answer).as("answer to INVITE " + i).isNotNull();
                statuses.merge(answer.substring(8, 11), 1, Integer::sum);
            }
            assertThat(statuses).containsOnly(Map.entry("407", FLOOD / 2), Map.entry("403", FLOOD / 2));
            assertThat(bob.receiveRequest(1000)).as("what reached the callee").isNull();
        }
        assertThat(offers.get()).as("offers to the relay").isZero();
        assertThat(refused("unknown_caller")).isEqualTo(FLOOD / 2);
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "challenged").counter().count())
                .isEqualTo(FLOOD / 2);
    }

    @Test
    void admittedCallersAreHeldToPerSourceQuotas() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                keepalive:
                  interval: 0s
                proxy:
                  allow_unknown_callers: true
                  max_pending_invites_per_source: 3
                  max_calls_per_source: 5
                tenants:
                  - domain: open.test
                    auth: none
                """, counting, PassiveObserver.NONE);
        try (RawPhone bob = new RawPhone(); RawPhone caller = new RawPhone();
                RawPhone other = new RawPhone(InetAddress.getByName("127.0.0.2"))) {
            RawCalls.register(bob, "bob", "open.test", node.port);
            // 10 INVITEs nobody answers yet: 3 go on, 7 are told to retry later
            Map<String, Integer> first = burst(caller, 0, 10);
            assertThat(first).containsOnly(Map.entry("100", 3), Map.entry("503", 7));
            assertThat(refused("source_pending")).isEqualTo(7);
            // the callee answers the 3: they become calls, no longer pending
            for (int i = 0; i < 3; i++) {
                String invite = bob.receiveRequest(2000);
                assertThat(invite).startsWith("INVITE ");
                bob.socket.send(new java.net.DatagramPacket(RawCalls.ok(invite, "b" + i, bob).getBytes(),
                        RawCalls.ok(invite, "b" + i, bob).getBytes().length, bob.lastSender));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(RawCalls.receiveStartingWith(caller, "SIP/2.0 200", 2000)).isNotNull();
            }
            // 4 more: 2 fit under max_calls_per_source (5), 2 do not
            Map<String, Integer> second = burst(caller, 10, 4);
            assertThat(second).containsOnly(Map.entry("100", 2), Map.entry("403", 2));
            assertThat(refused("source_calls")).isEqualTo(2);
            // another source address has its own quota
            assertThat(burst(other, 20, 1)).containsOnly(Map.entry("100", 1));
        }
        // the 100 Trying goes out before the media offer is made (on a worker): wait for the last one
        org.awaitility.Awaitility.await("six media offers").atMost(java.time.Duration.ofSeconds(5))
                .until(() -> offers.get() >= 6);
        assertThat(offers.get()).as("offers: only admitted calls").isEqualTo(3 + 2 + 1);
        assertThat(node.registry.get("gslb.sip.proxy.dialogs").gauge().value()).isEqualTo(6);
    }

    /** Sends {@code count} INVITEs and returns how many got which first answer (100 or a refusal). */
    private Map<String, Integer> burst(RawPhone phone, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            phone.send(RawCalls.request(phone, "INVITE", "sip:bob@open.test", "<sip:caller@far.test>;tag=c" + i,
                    "<sip:bob@open.test>", "quota-" + i + "@test", "z9hG4bKquota" + i, "", true), node.port);
        }
        Map<String, Integer> statuses = new HashMap<>();
        Pattern callId = Pattern.compile("Call-ID: (quota-\\d+@test)");
        Map<String, String> byCall = new HashMap<>();
        long end = System.nanoTime() + 5_000_000_000L;
        while (byCall.size() < count && System.nanoTime() < end) {
            String r = phone.receive(1000);
            if (r == null) {
                continue;
            }
            Matcher m = callId.matcher(r);
            if (m.find()) {
                byCall.putIfAbsent(m.group(1), r.substring(8, 11));
            }
        }
        assertThat(byCall).as("answers").hasSize(count);
        byCall.values().forEach(s -> statuses.merge(s, 1, Integer::sum));
        return statuses;
    }
}
