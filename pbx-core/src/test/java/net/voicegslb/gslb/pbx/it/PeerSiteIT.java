package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.RelayMediaAnchor;
import net.voicegslb.gslb.rtp.RelayConfig;
import net.voicegslb.gslb.rtp.control.RtpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sites that list each other as peers: the callee registers at site B, the caller calls
 * through site A, which has no binding and passes the INVITE to B; ACK and BYE then follow both
 * Record-Routes. A user registered nowhere gets B's 480, relayed by A, with no loop.
 */
class PeerSiteIT {

    @TempDir
    Path dir;

    private TestNode a;
    private TestNode b;
    private RtpRelay relay;

    private static String yaml(int peerPort) {
        return """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  algorithms: [MD5]
                keepalive:
                  interval: 0s
                peers:
                  - site: other
                    address: 127.0.0.1:%d
                peer_secret: it-shared-secret-0123456789
                tenants:
                  - domain: example.test
                    aliases: [127.0.0.1]
                    users:
                      - {user: "1001", password: "pw-1001"}
                      - {user: "1002", password: "pw-1002"}
                """.formatted(peerPort);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aCallToAUserRegisteredAtTheOtherSiteIsForwardedThere() throws Exception {
        Sipp.require();
        int portA = TestNode.freePort();
        int portB = TestNode.freePort();
        relay = new RtpRelay(RelayConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(25500, 25999)
                .withMaxSessions(20), new SimpleMeterRegistry(), s -> { });
        a = TestNode.start(dir, yaml(portB), new RelayMediaAnchor(relay), PassiveObserver.NONE, portA);
        b = TestNode.start(dir, yaml(portA), MediaAnchor.NONE, PassiveObserver.NONE, portB);
        Sipp sipp = new Sipp(dir);
        int uasPort = TestNode.freePort();
        Sipp.Result reg = sipp.run(b.target(), List.of("-sf", sipp.scenario("register-auth.xml").toString(),
                "-inf", sipp.users("callee.csv", List.<String[]>of(new String[] {"1002", "pw-1002"})).toString(),
                "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:" + uasPort, "-key", "expires", "600",
                "-m", "1"));
        assertThat(reg.passed()).as(reg.output()).isTrue();

        Process uas = sipp.start(b.target(), List.of("-sf", sipp.scenario("uas-invite.xml").toString(),
                "-p", Integer.toString(uasPort), "-m", "1"));
        Sipp.awaitUdpBound(uasPort);
        Sipp.Result uac = sipp.run(a.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", sipp.users("caller.csv", List.<String[]>of(new String[] {"1001", "pw-1001"})).toString(),
                "-key", "domain", "example.test", "-s", "1002", "-m", "1", "-d", "300"));
        Sipp.Result callee = sipp.await(uas);
        assertThat(uac.passed()).as("caller: " + uac.output()).isTrue();
        assertThat(callee.passed()).as("callee: " + callee.output()).isTrue();
        assertThat(a.registry.get("gslb.sip.proxy").tag("outcome", "to_peer").counter().count()).isEqualTo(1);
        assertThat(b.registry.get("gslb.sip.proxy").tag("outcome", "to_peer").counter().count()).isZero();

        // registered nowhere: A asks B, B knows the user but has no binding (480), A relays it
        Sipp.Result nowhere = sipp.run(a.target(), List.of("-sf", sipp.scenario("uac-invite-auth.xml").toString(),
                "-inf", sipp.users("caller2.csv", List.<String[]>of(new String[] {"1002", "pw-1002"})).toString(),
                "-key", "domain", "example.test", "-s", "1001", "-m", "1"));
        assertThat(nowhere.passed()).isFalse();
        assertThat(b.registry.get("gslb.sip.proxy").tag("outcome", "unavailable").counter().count()).isEqualTo(1);
        assertThat(a.registry.get("gslb.sip.proxy").tag("outcome", "to_peer").counter().count()).isEqualTo(2);
    }
}
