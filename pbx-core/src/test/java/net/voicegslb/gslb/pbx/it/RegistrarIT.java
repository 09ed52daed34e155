package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.pbx.keepalive.KeepaliveResult;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.keepalive.RegistrationSeen;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registrar as SIPp phones see it: digest registration of many users, refresh, unregister, bad passwords, OPTIONS. */
class RegistrarIT {

    static final int USERS = 300;

    @TempDir
    Path dir;

    private TestNode node;
    private Sipp sipp;
    private final List<RegistrationSeen> registrations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Sipp.require();
        StringBuilder users = new StringBuilder("SEQUENTIAL\n");
        for (int i = 1; i <= USERS; i++) {
            users.append(String.format("u%04d;secret%04d;ignored%n", i, i));
        }
        java.nio.file.Files.writeString(dir.resolve("users.csv"), users);
        String yaml = """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  algorithms: [MD5, SHA-256]
                  failures_per_minute: 1000
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: example.test
                    aliases: [127.0.0.1]
                    users_file: users.csv
                """;
        node = TestNode.start(dir, yaml, MediaAnchor.NONE, new PassiveObserver() {
            @Override
            public void registered(RegistrationSeen event) {
                registrations.add(event);
            }

            @Override
            public void keepalive(KeepaliveResult event) {}
        });
        sipp = new Sipp(dir);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private List<String[]> users(int from, int to, boolean rightPassword) {
        List<String[]> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(new String[] {String.format("u%04d", i), rightPassword ? String.format("secret%04d", i) : "wrong"});
        }
        return out;
    }

    @Test
    void manyUsersRegisterWithDigestAuth() throws Exception {
        Path inf = sipp.users("all.csv", users(1, USERS, true));
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-auth.xml").toString(),
                "-inf", inf.toString(), "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5999",
                "-key", "expires", "3600", "-m", Integer.toString(USERS), "-r", "200"));
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(node.node.location().aorCount()).isEqualTo(USERS);
        assertThat(node.node.location().lookup("u0042@example.test", System.currentTimeMillis()))
                .singleElement().satisfies(b -> assertThat(b.contactText()).isEqualTo("sip:u0042@127.0.0.1:5999"));
        assertThat(registrations).hasSize(USERS)
                .allSatisfy(e -> assertThat(e.clientPrefix()).isEqualTo("127.0.0.0/24"));
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "ok").counter().count()).isEqualTo(USERS);
    }

    @Test
    void refreshThenUnregisterLeavesNoBinding() throws Exception {
        Path inf = sipp.users("some.csv", users(1, 20, true));
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-refresh-unregister.xml").toString(),
                "-inf", inf.toString(), "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5998",
                "-m", "20", "-r", "50"));
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(node.node.location().aorCount()).isZero();
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "failed").counter().count()).isZero();
    }

    @Test
    void wrongPasswordIsChallengedAgainAndNotRegistered() throws Exception {
        Path inf = sipp.users("wrong.csv", users(1, 10, false));
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-wrong-password.xml").toString(),
                "-inf", inf.toString(), "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5997",
                "-m", "10", "-r", "50"));
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(node.node.location().aorCount()).isZero();
        assertThat(node.registry.get("gslb.sip.auth").tag("outcome", "failed").counter().count()).isEqualTo(10);
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() throws Exception {
        Path inf = sipp.users("nobody.csv", List.<String[]>of(new String[] {"nosuchuser", "whatever"}));
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("register-wrong-password.xml").toString(),
                "-inf", inf.toString(), "-key", "domain", "example.test", "-key", "contact", "127.0.0.1:5996",
                "-m", "1"));
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(node.node.location().aorCount()).isZero();
    }

    @Test
    void optionsAreAnswered() throws Exception {
        Sipp.Result r = sipp.run(node.target(), List.of("-sf", sipp.scenario("options.xml").toString(),
                "-m", "200", "-r", "200"));
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(node.registry.get("gslb.sip.requests").tag("method", "OPTIONS").counter().count()).isEqualTo(200);
    }
}
