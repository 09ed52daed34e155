package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.RelayMediaAnchor;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.RtpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call between two SIPp agents through the proxy: the callee registers (digest) with the UAS's
 * address as contact, the caller INVITEs its AOR; both scenarios check Record-Route and that the
 * SDP they receive was anchored in the relay (ports 34000-34999), then ACK and BYE follow the
 * route set.
 */
class CallIT {

    @TempDir
    Path dir;

    private TestNode node;
    private RtpRelay relay;
    private Sipp sipp;

    @BeforeEach
    void start() throws Exception {
        Sipp.require();
        relay = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(25000, 25499)
                .withMaxSessions(20), new SimpleMeterRegistry(), s -> { });
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  algorithms: [MD5]
                keepalive:
                  interval: 0s
                tenants:
                  - domain: example.test
                    aliases: [127.0.0.1]
                    users:
                      - {user: "1001", password: "pw-1001"}
                      - {user: "1002", password: "pw-1002"}
                """, new RelayMediaAnchor(relay), PassiveObserver.NONE);
        sipp = new Sipp(dir);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void callBetweenTwoRegisteredAgentsWithAnchoredMedia() throws Exception {
        int uasPort = TestNode.freePort();
        Sipp.Result reg = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-auth.xml").toString(),
                "-inf", sipp.users("callee.csv", List.<String[]>of(new String[] {"1002", "pw-1002"})).toString(),
                "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:" + uasPort, "-key", "expires", "600",
                "-m", "1"));
        assertThat(reg.passed()).as(reg.output()).isTrue();

        Process uas = sipp.start(node.target(), List.of("-sf", sipp.scenario("uas-invite.xml").toString(),
                "-p", Integer.toString(uasPort), "-m", "1"));
        Sipp.awaitUdpBound(uasPort);
        Sipp.Result uac = sipp.run(node.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", sipp.users("caller.csv", List.<String[]>of(new String[] {"1001", "pw-1001"})).toString(),
                "-key", "domain", "example.test", "-s", "1002", "-m", "1", "-d", "300"));
        Sipp.Result callee = sipp.await(uas);
        assertThat(uac.passed()).as("caller: " + uac.output()).isTrue();
        assertThat(callee.passed()).as("callee: " + callee.output()).isTrue();
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count())
                .isGreaterThanOrEqualTo(2); // INVITE and BYE
        // the BYE released the media session (on a worker thread, so allow it a moment)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> relay.capacity().sessions() == 0);
    }

    @Test
    void unknownUserGets404AndUnregisteredUser480() throws Exception {
        // the scenario expects 200: with no such user it must fail, and the node must count not_found
        String caller = sipp.users("caller.csv", List.<String[]>of(new String[] {"1001", "pw-1001"})).toString();
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", caller, "-key", "domain", "example.test", "-s", "nobody", "-m", "1"));
        assertThat(r.passed()).isFalse();
        // (SIPp's abort then sends a BYE that has nowhere to go either: also not_found)
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "not_found").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "ok").counter().count()).isEqualTo(1);
        Sipp.Result r2 = sipp.run(node.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", caller, "-key", "domain", "example.test", "-s", "1002", "-m", "1"));
        assertThat(r2.passed()).isFalse();
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "unavailable").counter().count()).isEqualTo(1);
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
    }

    @Test
    void aCallerClaimingALocalUserMustAuthenticate() throws Exception {
        // From a served domain without credentials: 407 with a challenge, no forwarding
        try (RawPhone phone = new RawPhone()) {
            phone.send("""
                    INVITE sip:1002@example.test SIP/2.0
                    Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKnocreds
                    Max-Forwards: 70
                    From: <sip:1001@example.test>;tag=x1
                    To: <sip:1002@example.test>
                    Call-ID: nocreds@test
                    CSeq: 1 INVITE
                    Content-Length: 0

                    """.formatted(phone.port()), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 407 Proxy Authentication Required")
                    .contains("Proxy-Authenticate: Digest realm=\"example.test\"");
        }
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "challenged").counter().count()).isEqualTo(1);
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
        // with valid credentials of another user than the one in From: 403
        try (RawPhone phone = new RawPhone()) {
            String invite = """
                    INVITE sip:1002@example.test SIP/2.0
                    Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKimpostor%d
                    Max-Forwards: 70
                    From: <sip:1001@example.test>;tag=x2
                    To: <sip:1002@example.test>
                    Call-ID: impostor@test
                    CSeq: %d INVITE
                    %sContent-Length: 0

                    """;
            phone.send(invite.formatted(phone.port(), 1, 1, ""), node.port);
            String challenge = phone.receive(2000);
            java.util.regex.Matcher n = java.util.regex.Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
            assertThat(n.find()).as(challenge).isTrue();
            String ha1 = net.voicegslb.gslb.pbx.store.Ha1.hex("MD5", "1002:example.test:pw-1002");
            String ha2 = net.voicegslb.gslb.pbx.store.Ha1.hex("MD5", "INVITE:sip:1002@example.test");
            String response = net.voicegslb.gslb.pbx.store.Ha1.hex("MD5",
                    ha1 + ":" + n.group(1) + ":00000001:abc:auth:" + ha2);
            String credentials = "Proxy-Authorization: Digest username=\"1002\", realm=\"example.test\", nonce=\""
                    + n.group(1) + "\", uri=\"sip:1002@example.test\", response=\"" + response
                    + "\", algorithm=MD5, cnonce=\"abc\", nc=00000001, qop=auth\n";
            phone.send(invite.formatted(phone.port(), 2, 2, credentials), node.port);
            assertThat(phone.receive(2000)).startsWith("SIP/2.0 403 Forbidden: credentials are for another user");
        }
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "ok").counter().count()).isEqualTo(1);
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
    }
}
