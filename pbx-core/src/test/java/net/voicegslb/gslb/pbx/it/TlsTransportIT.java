package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.location.Binding;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.transport.Transport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS (sip.tls) with real sockets: a phone registers over TLS with digest, and an INVITE
 * from a phone on UDP reaches it over its own TLS connection (the node opens no connection to the
 * Contact) with our Via and a Record-Route for TLS on its side; the phone's BYE over TLS gets back
 * to the UDP caller. A double-CRLF ping gets a CRLF pong; TLS 1.1, plain TCP bytes, a handshake
 * that never comes and a trunk without a client certificate are refused and counted; the TCP
 * per-source cap holds for TLS connections too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTransportIT {

    private static final String DOMAIN = "tls.test";

    @TempDir
    static Path certDir;

    static TestCertificates certs;

    @TempDir
    Path dir;

    private TestNode node;
    private int tlsPort;

    @BeforeAll
    static void makeCertificates() {
        certs = new TestCertificates(certDir);
        certs.ca("ca");
        certs.signed("node", "ip:127.0.0.1", "ca", "serverAuth");
        certs.signed("trunk", "ip:127.0.0.1", "ca", "clientAuth");
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start(String tlsExtra, String tcpExtra) throws Exception {
        start(tlsExtra, tcpExtra, "0s");
    }

    private void start(String tlsExtra, String tcpExtra, String keepalive) throws Exception {
        tlsPort = TestNode.freePort();
        node = TestNode.start(dir, """
                sip:
                  listen: [127.0.0.1:PORT]
                  tcp:
                    idle_timeout: 1m
                %s
                  tls:
                    listen: [127.0.0.1:%d]
                    cert_pem: %s
                    key_pem: %s
                    handshake_timeout: 1s
                %s
                auth:
                  algorithms: [MD5]
                keepalive:
                  interval: %s
                media:
                  enabled: false
                tenants:
                  - domain: %s
                    users:
                      - {user: "1001", password: pw-1001-secret}
                      - {user: "1002", password: pw-1002-secret}
                """.formatted(tcpExtra.indent(4).stripTrailing(), tlsPort, certs.chainPem("node"),
                certs.keyPem("node"), tlsExtra.indent(4).stripTrailing(), keepalive, DOMAIN),
                MediaAnchor.NONE, PassiveObserver.NONE);
    }

    private TlsPhone tlsPhone() throws Exception {
        return TlsPhone.connect(tlsPort, certDir.resolve("ca.pem"), null, null, "TLSv1.3");
    }

    private double counter(String name, String reason) {
        var c = node.registry.find(name).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private static String register(TlsPhone phone, int contactPort, int cseq, String authorization) {
        return """
                REGISTER sip:%s SIP/2.0
                Via: SIP/2.0/TLS 127.0.0.1:%d;rport;alias;branch=z9hG4bK-tlsreg-%d
                Max-Forwards: 70
                From: <sip:1002@%s>;tag=tr%d
                To: <sip:1002@%s>
                Call-ID: tls-reg-%d@test
                CSeq: %d REGISTER
                Contact: <sip:1002@127.0.0.1:%d;transport=tls>
                Expires: 600
                %sContent-Length: 0

                """.formatted(DOMAIN, phone.localPort(), cseq, DOMAIN, cseq, DOMAIN, phone.localPort(), cseq,
                contactPort, authorization);
    }

    /** REGISTERs 1002 over {@code phone} with digest; the Contact names {@code contactPort}. */
    private static void registerWithDigest(TlsPhone phone, int contactPort) throws IOException {
        phone.send(register(phone, contactPort, 1, ""));
        String challenge = phone.receiveStartingWith("SIP/2.0 ", 3000);
        assertThat(challenge).startsWith("SIP/2.0 401");
        String nonce = DigestPhone.nonceOf(challenge);
        phone.send(register(phone, contactPort, 2, DigestPhone.authorization("Authorization", "REGISTER",
                "sip:" + DOMAIN, "1002", DOMAIN, "pw-1002-secret", nonce, "00000001")));
        assertThat(phone.receiveStartingWith("SIP/2.0 ", 3000)).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void inviteFromUdpReachesTheTlsPhoneOverItsOwnConnectionAndItsByeGetsBack() throws Exception {
        start("", "");
        try (ServerSocket contactListener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                TlsPhone callee = tlsPhone();
                RawPhone caller = new RawPhone()) {
            int contactPort = contactListener.getLocalPort();
            registerWithDigest(callee, contactPort);
            List<Binding> bindings = node.node.location().lookup("1002@" + DOMAIN, System.currentTimeMillis());
            assertThat(bindings).singleElement().satisfies(b -> {
                assertThat(b.connection().transport()).isEqualTo(Transport.TLS);
                assertThat(b.flow().remote().getPort()).isEqualTo(callee.localPort());
            });

            DigestPhone dp = new DigestPhone(caller, node.port, DOMAIN);
            caller.send(dp.invite("1001", "1002", ""), node.port);
            String challenge = RawCalls.receiveStartingWith(caller, "SIP/2.0 407", 3000);
            String nonce = DigestPhone.nonceOf(challenge);
            assertThat(nonce).as(String.valueOf(challenge)).isNotNull();
            caller.send(dp.invite("1001", "1002", DigestPhone.authorization("Proxy-Authorization", "INVITE",
                    "sip:1002@" + DOMAIN, "1001", DOMAIN, "pw-1001-secret", nonce, "00000001")), node.port);

            String invite = callee.receiveStartingWith("INVITE ", 5000);
            assertThat(invite).as("the INVITE over the phone's TLS connection").isNotNull()
                    .startsWith("INVITE sip:1002@127.0.0.1:" + contactPort + ";transport=tls SIP/2.0\r\n")
                    .contains("\r\nVia: SIP/2.0/TLS 127.0.0.1:" + tlsPort + ";branch=");
            // two Record-Routes: TLS towards this phone (its side, on top), UDP towards the caller
            assertThat(invite).containsPattern("Record-Route: <sip:127\\.0\\.0\\.1:" + tlsPort
                    + ";transport=tls;[^>]*;lr>, <sip:127\\.0\\.0\\.1:" + node.port + ";[^>]*;lr>");

            callee.send(ok(invite, "callee1", contactPort));
            String ok = RawCalls.receiveStartingWith(caller, "SIP/2.0 200 OK", 3000);
            assertThat(ok).as("the callee's 200 at the UDP caller").isNotNull().contains("CSeq: 2 INVITE");

            // the callee hangs up over TLS along its route set (both of our entries)
            callee.send(bye(invite, ok, callee));
            String bye = RawCalls.receiveRequestStartingWith(caller, "BYE ", 3000);
            assertThat(bye).as("the BYE at the UDP caller").isNotNull()
                    .contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + node.port + ";branch=")
                    .doesNotContain("\r\nRoute:");
            caller.reply(bye, "SIP/2.0 200 OK");
            assertThat(callee.receiveStartingWith("SIP/2.0 200 OK", 3000)).contains("CSeq: 7 BYE");

            contactListener.setSoTimeout(300);
            assertThatThrownBy(contactListener::accept).as("no connection to the Contact address")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** The callee's 200 OK: the INVITE's Vias, From, To with a tag, Call-ID, CSeq, Record-Routes. */
    private static String ok(String invite, String toTag, int contactPort) {
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : invite.split("\r\n")) {
            String l = line.toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith("to:")) {
                sb.append(line).append(";tag=").append(toTag).append("\r\n");
            } else if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:")
                    || l.startsWith("cseq:") || l.startsWith("record-route:")) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.append("Contact: <sip:1002@127.0.0.1:").append(contactPort).append(";transport=tls>\r\n")
                .append("Content-Length: 0\r\n\r\n").toString();
    }

    /** A BYE from the callee: to the caller's Contact, Route = the Record-Routes in order (UAS side). */
    private static String bye(String invite, String ok, TlsPhone callee) {
        String callerContact = header(invite, "Contact").replaceAll("^<|>$", "");
        String from = header(ok, "To");
        String to = header(ok, "From");
        return "BYE " + callerContact + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + callee.localPort() + ";rport;alias;branch=z9hG4bK-tlsbye\r\n"
                + "Max-Forwards: 70\r\n"
                + RawCalls.routeFrom(invite)
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + header(invite, "Call-ID") + "\r\n"
                + "CSeq: 7 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*([^\r\n]*)").matcher(message);
        assertThat(m.find()).as(name + " in " + message).isTrue();
        return m.group(1).trim();
    }

    /**
     * RFC 5923: an unregistered caller on TLS that puts ;alias in its Via gets the callee's BYE
     * (to its Contact, which names the port in its Via, as a listening port would be) over that
     * connection; without ;alias the node would send it over UDP to that port.
     */
    @Test
    void callerOnTlsWithAliasGetsInDialogRequestsOverItsConnection() throws Exception {
        start("", "");
        try (TlsPhone caller = tlsPhone(); RawPhone callee = new RawPhone();
                java.net.DatagramSocket listening = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = listening.getLocalPort();
            assertThat(new DigestPhone(callee, node.port, DOMAIN).registerWith("1002", "pw-1002-secret"))
                    .startsWith("SIP/2.0 200 OK");
            caller.send(tlsInvite(port, ""));
            String challenge = caller.receiveStartingWith("SIP/2.0 407", 3000);
            String nonce = DigestPhone.nonceOf(challenge);
            assertThat(nonce).as(String.valueOf(challenge)).isNotNull();
            caller.send(tlsInvite(port, DigestPhone.authorization("Proxy-Authorization", "INVITE",
                    "sip:1002@" + DOMAIN, "1001", DOMAIN, "pw-1001-secret", nonce, "00000001")));
            String invite = RawCalls.receiveRequestStartingWith(callee, "INVITE ", 3000);
            assertThat(invite).as("the INVITE at the UDP callee").isNotNull()
                    .containsPattern("Record-Route: <sip:127\\.0\\.0\\.1:" + node.port + ";[^>]*;lr>, <sip:127\\.0\\.0\\.1:"
                            + tlsPort + ";transport=tls;[^>]*;lr>");
            callee.send(RawCalls.ok(invite, "udp1", callee), node.port);
            String ok = caller.receiveStartingWith("SIP/2.0 200 OK", 3000);
            assertThat(ok).as("the 200 over TLS").isNotNull();

            String bye = RawCalls.request(callee, "BYE", header(invite, "Contact").replaceAll("^<|>$", ""),
                    header(ok, "To"), header(ok, "From"), header(invite, "Call-ID"), "z9hG4bK-udpbye",
                    RawCalls.routeFrom(invite), false);
            callee.send(bye, node.port);
            String got = caller.receiveStartingWith("BYE ", 3000);
            assertThat(got).as("the BYE over the caller's aliased TLS connection").isNotNull()
                    .contains("\r\nVia: SIP/2.0/TLS 127.0.0.1:" + tlsPort + ";branch=");
            listening.setSoTimeout(200);
            assertThatThrownBy(() -> listening.receive(new java.net.DatagramPacket(new byte[2048], 2048)))
                    .as("nothing over UDP to the Via port").isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static String tlsInvite(int port, String authorization) {
        String n = authorization.isEmpty() ? "1" : "2";
        return """
                INVITE sip:1002@%s SIP/2.0
                Via: SIP/2.0/TLS 127.0.0.1:%d;rport;alias;branch=z9hG4bK-tlsinv-%s
                Max-Forwards: 70
                From: <sip:1001@%s>;tag=tc%s
                To: <sip:1002@%s>
                Call-ID: tls-inv-%s@test
                CSeq: %s INVITE
                Contact: <sip:1001@127.0.0.1:%d;transport=tls>
                %sContent-Length: 0

                """.formatted(DOMAIN, port, n, DOMAIN, n, DOMAIN, n, n, port, authorization);
    }

    @Test
    void keepaliveOptionsGoOverTheRegistrationsTlsConnection() throws Exception {
        start("", "", "1s");
        try (ServerSocket contactListener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                TlsPhone phone = tlsPhone()) {
            registerWithDigest(phone, contactListener.getLocalPort());
            String options = phone.receiveStartingWith("OPTIONS ", 5000);
            assertThat(options).as("a keepalive over the TLS flow").isNotNull()
                    .contains("\r\nVia: SIP/2.0/TLS 127.0.0.1:" + tlsPort + ";branch=");
            phone.send(RawCalls.response(options, "200 OK"));
            Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).until(() -> {
                var c = node.registry.find("gslb.sip.keepalive").tag("outcome", "answered").counter();
                return c != null && c.count() >= 1;
            });
        }
    }

    @Test
    void doubleCrlfPingIsAnsweredWithCrlfPongOverTlsAndTcp() throws Exception {
        start("", "");
        try (TlsPhone phone = tlsPhone()) {
            phone.sendRaw("\r\n\r\n");
            assertThat(phone.receiveRaw(3000)).isEqualTo("\r\n");
            phone.sendRaw("\r\n"); // a lone CRLF (a pong) gets nothing back
            assertThat(phone.receiveRaw(300)).isEmpty();
        }
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), node.port)) {
            tcp.setSoTimeout(3000);
            tcp.getOutputStream().write("\r\n\r".getBytes(StandardCharsets.US_ASCII));
            tcp.getOutputStream().flush();
            Thread.sleep(50); // the ping split over two reads
            tcp.getOutputStream().write("\n".getBytes(StandardCharsets.US_ASCII));
            byte[] pong = new byte[2];
            assertThat(tcp.getInputStream().readNBytes(pong, 0, 2)).isEqualTo(2);
            assertThat(new String(pong, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        }
    }

    @Test
    void tls11IsRefusedWhileTls12IsServed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl"))
                || "true".equals(System.getenv("CI")), "openssl not installed");
        start("", "");
        Process ok = openssl("-tls1_2");
        String okOut = output(ok);
        assertThat(okOut).as(okOut).contains("TLSv1.2");
        assertThat(ok.exitValue()).as(okOut).isZero();

        double before = counter("gslb.sip.tls.refused", "handshake_failed");
        Process old = openssl("-tls1_1");
        String oldOut = output(old);
        assertThat(old.exitValue()).as(oldOut).isNotZero();
        assertThat(oldOut).as(oldOut).doesNotContain("Protocol  : TLSv1.1");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> counter("gslb.sip.tls.refused", "handshake_failed") == before + 1);
    }

    private Process openssl(String version) throws IOException {
        // SECLEVEL=0 lets this client offer TLS 1.1 at all; refusing it is the node's business
        return new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + tlsPort, version,
                "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", certDir.resolve("ca.pem").toString(), "-brief")
                .redirectErrorStream(true).start();
    }

    private static String output(Process p) throws Exception {
        p.getOutputStream().close(); // s_client ends at EOF on stdin
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void silentConnectionIsClosedAtTheHandshakeTimeout() throws Exception {
        start("", "");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tlsPort)) {
            long t0 = System.nanoTime();
            assertThat(closedByNode(s, 5000)).isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // handshake_timeout is 1 s; the idle timeout (1 m) and Netty's own default (10 s) are far off
            assertThat(ms).isBetween(500L, 4000L);
        }
        assertThat(counter("gslb.sip.tls.refused", "handshake_timeout")).isEqualTo(1.0);
        Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> node.registry.get("gslb.sip.tcp.connections").gauge().value() == 0);
    }

    @Test
    void plainSipOnTheTlsPortIsRefused() throws Exception {
        start("", "");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tlsPort)) {
            s.getOutputStream().write(("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKp\r\n"
                    + "From: <sip:x@tls.test>;tag=x\r\nTo: <sip:127.0.0.1>\r\nCall-ID: plain@test\r\n"
                    + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(3000);
            byte[] got = new byte[512];
            int n;
            try {
                n = s.getInputStream().read(got);
            } catch (SocketException reset) {
                n = -1;
            }
            String answer = n <= 0 ? "" : new String(got, 0, n, StandardCharsets.ISO_8859_1);
            assertThat(answer).as("no SIP answer in clear text").doesNotContain("SIP/2.0");
            assertThat(closedByNode(s, 3000)).isTrue();
        }
        Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> counter("gslb.sip.tls.refused", "handshake_failed") == 1.0);
    }

    @Test
    void trunkWithoutClientCertificateIsRefusedAndWithOneIsServed() throws Exception {
        start("client_ca_pem: " + certDir.resolve("ca.pem"), "");
        String options = """
                OPTIONS sip:127.0.0.1 SIP/2.0
                Via: SIP/2.0/TLS 127.0.0.1:1;branch=z9hG4bKtrunk
                From: <sip:trunk@tls.test>;tag=t
                To: <sip:127.0.0.1>
                Call-ID: trunk@test
                CSeq: 1 OPTIONS
                Content-Length: 0

                """;
        try (TlsPhone withCert = TlsPhone.connect(tlsPort, certDir.resolve("ca.pem"), certDir.resolve("trunk.p12"),
                "trunk", "TLSv1.3")) {
            withCert.send(options);
            assertThat(withCert.receive(3000)).startsWith("SIP/2.0 200 OK");
        }
        boolean served;
        try (TlsPhone without = TlsPhone.connect(tlsPort, certDir.resolve("ca.pem"), null, null, "TLSv1.3")) {
            // TLS 1.3: the client learns of the refusal only when it reads
            without.send(options);
            served = without.receive(3000) != null;
        } catch (IOException refused) {
            served = false;
        }
        assertThat(served).isFalse();
        Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> counter("gslb.sip.tls.refused", "handshake_failed") == 1.0);
    }

    @Test
    void perSourceConnectionCapHoldsForTls() throws Exception {
        start("", "max_connections_per_source: 2");
        try (TlsPhone a = tlsPhone(); TlsPhone b = tlsPhone()) {
            boolean third;
            try (TlsPhone c = tlsPhone()) {
                c.sendRaw("\r\n\r\n");
                third = c.receiveRaw(1000).equals("\r\n");
            } catch (IOException reset) {
                third = false;
            }
            assertThat(third).as("a third TLS connection from one address").isFalse();
            assertThat(counter("gslb.sip.tcp.refused", "max_connections_per_source")).isEqualTo(1.0);
            a.sendRaw("\r\n\r\n");
            assertThat(a.receiveRaw(3000)).isEqualTo("\r\n");
        }
    }

    /** True when the node closed (or reset) the connection within the timeout. */
    private static boolean closedByNode(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                if (s.getInputStream().read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        }
    }
}
