package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guesser must not learn which users exist: the registrar's and the proxy's answers to a digest
 * response for a user that does not exist are the same, header by header, as for an existing
 * user with a wrong password (only the nonce and the To tag, which are fresh per answer, and the
 * user name, which the request chose, may differ), both for the challenge and for the refusal; and
 * they take the same time to within what this machine can resolve (medians over 30 tries each).
 */
class DigestSamenessIT {

    private static final String DOMAIN = "example.test";
    private static final int TRIES = 30;

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                auth:
                  failures_per_minute: 1000
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                tenants:
                  - domain: example.test
                    users:
                      - user: "1001"
                        password: "right-1001"
                      - user: "1002"
                        password: "right-1002"
                """, MediaAnchor.NONE, PassiveObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void registrarAnswersAnUnknownUserAsAWrongPassword() throws Exception {
        assertSame("REGISTER", "Authorization");
    }

    @Test
    void proxyAnswersAnUnknownCallerAsAWrongPassword() throws Exception {
        assertSame("INVITE", "Proxy-Authorization");
    }

    private void assertSame(String method, String header) throws Exception {
        Exchange wrong = exchange(method, header, "1001", "not-the-password");
        Exchange unknown = exchange(method, header, "u9999", "whatever");
        System.out.printf("digest %s: wrong password -> %s / %s; unknown user -> %s / %s%n", method,
                statusLine(wrong.challenge()), statusLine(wrong.refusal()), statusLine(unknown.challenge()),
                statusLine(unknown.refusal()));
        assertThat(statusLine(wrong.challenge())).startsWith("SIP/2.0 " + ("REGISTER".equals(method) ? 401 : 407));
        assertThat(normalise(unknown.challenge(), "u9999", unknown.port())).as("the challenges")
                .isEqualTo(normalise(wrong.challenge(), "1001", wrong.port()));
        assertThat(wrong.refusal()).as("an answer to the wrong password").isNotNull();
        assertThat(normalise(unknown.refusal(), "u9999", unknown.port())).as("the answers to the digest response")
                .isEqualTo(normalise(wrong.refusal(), "1001", wrong.port()));

        long[] wrongNanos = new long[TRIES];
        long[] unknownNanos = new long[TRIES];
        // interleaved, so that a slow moment of the machine hits both, and in alternating order: the
        // first exchange of a pair is measurably slower (about 0.3 ms here), whichever user it is for
        for (int i = 0; i < TRIES; i++) {
            if (i % 2 == 0) {
                wrongNanos[i] = exchange(method, header, "1001", "not-the-password").refusalNanos();
                unknownNanos[i] = exchange(method, header, "u9999", "whatever").refusalNanos();
            } else {
                unknownNanos[i] = exchange(method, header, "u9999", "whatever").refusalNanos();
                wrongNanos[i] = exchange(method, header, "1001", "not-the-password").refusalNanos();
            }
        }
        double wrongMedian = median(wrongNanos) / 1e6;
        double unknownMedian = median(unknownNanos) / 1e6;
        System.out.printf("digest %s: answer to the digest response, median of %d: wrong password %.3f ms, unknown"
                + " user %.3f ms%n", method, TRIES, wrongMedian, unknownMedian);
        assertThat(Math.abs(wrongMedian - unknownMedian)).as("median time apart, ms")
                .isLessThan(Math.max(1.0, 0.5 * Math.min(wrongMedian, unknownMedian)));
    }

    private record Exchange(String challenge, String refusal, long refusalNanos, int port) {}

    /** Asks, reads the challenge, answers it with {@code password}; each from a phone of its own. */
    private Exchange exchange(String method, String header, String user, String password) throws Exception {
        try (RawPhone phone = new RawPhone()) {
            DigestPhone dp = new DigestPhone(phone, node.port, DOMAIN);
            boolean register = "REGISTER".equals(method);
            phone.send(register ? dp.register(user, "") : dp.invite(user, "1002", ""), node.port);
            String challenge = dp.await(3000);
            String nonce = DigestPhone.nonceOf(challenge);
            assertThat(nonce).as("a challenge: %s", challenge).isNotNull();
            String uri = register ? "sip:" + DOMAIN : "sip:1002@" + DOMAIN;
            String auth = DigestPhone.authorization(header, method, uri, user, DOMAIN, password, nonce, "00000001");
            long t0 = System.nanoTime();
            phone.send(register ? dp.register(user, auth) : dp.invite(user, "1002", auth), node.port);
            String refusal = dp.await(3000);
            return new Exchange(challenge, refusal, System.nanoTime() - t0, phone.port());
        }
    }

    /** The response with what may differ masked: nonce, To tag, the chosen user name, the phone's port. */
    private static String normalise(String response, String user, int phonePort) {
        assertThat(response).isNotNull();
        List<String> lines = new ArrayList<>(Arrays.asList(response.split("\r\n")));
        lines.replaceAll(l -> l.replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"")
                .replaceAll("(?i)^(To|t):(.*);tag=[^;\\s]+", "$1:$2;tag=T")
                .replace(user, "USER")
                .replace(Integer.toString(phonePort), "P"));
        return String.join("\r\n", lines);
    }

    private static String statusLine(String response) {
        return response == null ? null : response.substring(0, response.indexOf("\r\n"));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
