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
        relay = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(34000, 34999)
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
        Thread.sleep(300);
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
        // uac-invite sends From caller@127.0.0.1 (a served domain) without credentials: 407, no forwarding
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("uac-invite.xml").toString(),
                "-s", "1002", "-m", "1"));
        assertThat(r.passed()).isFalse();
        assertThat(r.output()).contains("407");
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "challenged").counter().count()).isEqualTo(1);
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
        // with credentials of another user than the one in From: 403
        Sipp.Result impostor = sipp.run(node.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", sipp.users("impostor.csv", List.<String[]>of(new String[] {"1002", "pw-1001"})).toString(),
                "-key", "domain", "example.test", "-s", "1001", "-m", "1"));
        assertThat(impostor.passed()).isFalse();
        assertThat(node.registry.get("gslb.sip.proxy").tag("outcome", "forwarded").counter().count()).isZero();
    }
}
