package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 torture message, byte for byte, sent to a running node over UDP and over TCP, and
 * the node's answer checked against what the RFC asks of a registrar/proxy serving example.com
 * with digest authentication. Each message goes to a node of its own: several share a transaction
 * key (branch, sent-by, method: novelsc and unkscm, cparam01 and cparam02, escnull and regescrt),
 * so one node would rightly take the second as a retransmission of the first.
 *
 * <p>What is checked: syntax errors get their status with the reason in the status line (3.1.2);
 * 416 for Request-URI schemes we do not serve (3.3.2, 3.3.3); 420 listing the Proxy-Require
 * options (3.3.5); 483 for Max-Forwards 0 on a request we would forward (3.3.11); 400 for a
 * REGISTER whose To is no SIP AOR (3.3.4); a challenge for an unknown authorization scheme
 * (3.3.7) and for every other REGISTER without credentials; the node's own policy (407 challenge,
 * 403 with its reason) for valid requests it would forward; nothing back for responses that
 * belong to no transaction of ours (3.1.1.12-13, 3.1.2.19, 3.3.10).
 */
class SipTortureIT {

    private static final String CONFIG = """
            sip:
              listen: [127.0.0.1:PORT]
            keepalive:
              interval: 0s
            tenants:
              - domain: example.com
                users:
                  - {user: user, password: torture-test-password}
            """;

    private static final String CHALLENGE = "401 Unauthorized";
    private static final String PROXY_CHALLENGE = "407 Proxy Authentication Required";
    private static final String FOREIGN_CALLER = "403 Forbidden: caller domain not served here";
    private static final String FOREIGN_ROUTE = "403 Forbidden: Route names another host";

    /** The first line of the node's answer to each valid message (null: no answer at all). */
    private static final Map<String, String> VALID = Map.ofEntries(
            // 3.3: the application layer's verdicts
            Map.entry("valid-unkscm", "416 Unsupported URI Scheme"),
            Map.entry("valid-novelsc", "416 Unsupported URI Scheme"),
            Map.entry("valid-bext01", "420 Bad Extension"),
            Map.entry("valid-zeromf", "483 Too Many Hops"),
            Map.entry("valid-unksm2", "400 To must be a SIP URI with a user"),
            Map.entry("valid-regaut01", CHALLENGE),
            // REGISTERs for example.com without credentials
            Map.entry("valid-cparam01", CHALLENGE),
            Map.entry("valid-cparam02", CHALLENGE),
            Map.entry("valid-regescrt", CHALLENGE),
            Map.entry("valid-escnull", CHALLENGE),
            Map.entry("valid-dblreq", CHALLENGE),
            // requests this node would forward: callers of its own domain are challenged ...
            Map.entry("valid-esc02", PROXY_CHALLENGE),
            Map.entry("valid-intmeth", PROXY_CHALLENGE),
            Map.entry("valid-lwsdisp", PROXY_CHALLENGE),
            Map.entry("valid-transports", PROXY_CHALLENGE),
            // ... others are refused with the reason (no open relay; see OpenRelayIT)
            Map.entry("valid-badbranch", FOREIGN_CALLER),
            Map.entry("valid-esc01", FOREIGN_CALLER),
            Map.entry("valid-inv2543", FOREIGN_CALLER),
            Map.entry("valid-invut", FOREIGN_CALLER),
            Map.entry("valid-longreq", FOREIGN_CALLER),
            Map.entry("valid-sdp01", FOREIGN_CALLER),
            Map.entry("valid-semiuri", FOREIGN_CALLER),
            Map.entry("valid-mpart01", FOREIGN_ROUTE),
            Map.entry("valid-wsinv", FOREIGN_ROUTE));

    /** Responses: no transaction of ours, so nothing to answer or forward. */
    private static final List<String> STRAY_RESPONSES = List.of("valid-bcast", "valid-noreason", "valid-unreason",
            "drop-bigcode", "drop-scalarlg");

    @TempDir
    Path dir;

    static Stream<Arguments> messages() throws Exception {
        Path d = Paths.get(SipTortureIT.class.getResource("/wire/sip").toURI());
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sip")).sorted().toList()) {
                all.add(Arguments.of(f.getFileName().toString().replace(".sip", ""), "udp", f));
                all.add(Arguments.of(f.getFileName().toString().replace(".sip", ""), "tcp", f));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("messages")
    void theNodeAnswersAsTheRfcAsks(String name, String transport, Path file) throws Exception {
        byte[] message = Files.readAllBytes(file);
        String expected = expected(name, transport);
        try (TestNode node = TestNode.start(dir, CONFIG, MediaAnchor.NONE, PassiveObserver.NONE)) {
            String answer = "udp".equals(transport) ? overUdp(node.port, message) : overTcp(node.port, message);
            String firstLine = answer == null ? null : answer.substring(0, answer.indexOf("\r\n"));
            if (expected == null) {
                assertThat(firstLine).as("%s over %s: no answer", name, transport).isNull();
                return;
            }
            assertThat(firstLine).as("%s over %s", name, transport).isEqualTo("SIP/2.0 " + expected);
            if (name.equals("valid-bext01")) {
                // RFC 3261 16.3 step 5: the proxy lists the Proxy-Require options it lacks
                assertThat(answer).contains("Unsupported: noProxiesSupportThis, norDoAnyProxiesSupportThis\r\n");
            }
            if (expected.equals(CHALLENGE)) {
                assertThat(answer).containsPattern("(?m)^WWW-Authenticate: Digest realm=\"example.com\"");
            }
            if (expected.equals(PROXY_CHALLENGE)) {
                assertThat(answer).containsPattern("(?m)^Proxy-Authenticate: Digest realm=\"example.com\"");
            }
        }
    }

    private static String expected(String name, String transport) {
        if (STRAY_RESPONSES.contains(name)) {
            return null;
        }
        if (name.startsWith("invalid-")) {
            if (name.equals("invalid-400-clerr") && transport.equals("tcp")) {
                // on a stream the Content-Length is the framing: the node waits for the body it announces
                return null;
            }
            int status = Integer.parseInt(name.substring(8, 11));
            return status == 505 ? "505 Version Not Supported" : status + " Bad Request: " + REASONS.get(name);
        }
        String v = VALID.get(name);
        assertThat(v).as("an expectation for %s", name).isNotNull();
        return v;
    }

    /** The reason each syntax error gets in the status line: the sender learns what was wrong. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("invalid-400-badaspec", "URI must start with a scheme"),
            Map.entry("invalid-400-baddate", "Date must be one value in GMT"),
            Map.entry("invalid-400-baddn", "URI has no scheme"),
            Map.entry("invalid-400-badinv01", "Via: empty parameter"),
            Map.entry("invalid-400-clerr", "Content-Length larger than the message"),
            Map.entry("invalid-400-escruri", "Request-URI must not contain headers"),
            Map.entry("invalid-400-insuf", "Missing From header"),
            Map.entry("invalid-400-ltgtruri", "URI must start with a scheme"),
            Map.entry("invalid-400-lwsruri", "bad request line: white space in Request-URI or after version"),
            Map.entry("invalid-400-lwsstart", "bad request line: one space between method, URI and version"),
            Map.entry("invalid-400-mcl01", "Content-Length given twice"),
            Map.entry("invalid-400-mismatch01", "CSeq method does not match the request method"),
            Map.entry("invalid-400-mismatch02", "CSeq method does not match the request method"),
            Map.entry("invalid-400-multi01", "CSeq given twice"),
            Map.entry("invalid-400-ncl", "Content-Length: not a number"),
            Map.entry("invalid-400-quotbal", "unterminated quoted display name"),
            Map.entry("invalid-400-regbadct", "a URI with headers must be enclosed in <>"),
            Map.entry("invalid-400-scalar02", "CSeq number too large"),
            Map.entry("invalid-400-trws", "bad request line: white space in Request-URI or after version"));

    /** Sends the datagram; the node answers the source address and port. Null after 1.5 s of silence. */
    private static String overUdp(int port, byte[] message) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(1500);
            s.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException silence) {
                return null;
            }
            return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the message on a new connection; the first response read back on it, or null. */
    private static String overTcp(int port, byte[] message) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1500);
            s.getOutputStream().write(message);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65535];
            try {
                while (!got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException silence) {
                // whatever came so far
            }
            return got.size() == 0 ? null : got.toString(StandardCharsets.UTF_8);
        }
    }
}
