package net.voicegslb.gslb.pbx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParser;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.proxy.PeerToken;
import net.voicegslb.gslb.policy.testing.TestCertificates;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS between sites (peers with {@code transport: tls}), two real nodes on their own
 * loopback addresses, fra on 127.0.1.1 and nyc on 127.0.2.1, each with a certificate for its
 * address from one site CA: a phone registered over TLS at fra calls a {@code sips:} callee
 * registered over TLS at nyc; INVITE and ACK cross on fra's connection to nyc, the callee's BYE on
 * nyc's connection to fra (the nodes' per-peer message meters show it). A {@code sips:} call whose
 * only way on is a UDP peer is refused (480, Warning 380) and no datagram leaves for that peer,
 * while a {@code sip:} call does go there. A TLS client on the peer's own address carrying a valid
 * peer token is still no peer without the peer's certificate.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PeerTlsIT {

    private static final String DOMAIN = "example.test";
    private static final String SECRET = "it-shared-secret-0123456789";
    private static final String FRA = "127.0.1.1";
    private static final String NYC = "127.0.2.1";

    @TempDir
    static Path certDir;

    static TestCertificates certs;

    @TempDir
    Path dir;

    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        certs = new TestCertificates(certDir);
        certs.ca("sites");
        certs.signed("fra", "ip:" + FRA, "sites", "serverAuth,clientAuth");
        certs.signed("nyc", "ip:" + NYC, "sites", "serverAuth,clientAuth");
        // signed by the same CA, for another name: verified, but no peer's
        certs.signed("rogue", "ip:127.0.0.5", "sites", "serverAuth,clientAuth");
    }

    @AfterEach
    void stop() {
        nodes.forEach(TestNode::close);
    }

    /** A node on {@code host}: SIP on PORT, TLS on {@code tlsPort}, with the given peers section. */
    private TestNode node(String host, String name, int port, int tlsPort, String peers) throws Exception {
        TestNode n = TestNode.start(dir, """
                sip:
                  listen: [%s:PORT]
                  tls:
                    listen: [%s:%d]
                    cert_pem: %s
                    key_pem: %s
                    peer_ca_pem: %s
                    peer_connect_timeout: 2s
                    peer_keepalive: 1s
                auth:
                  algorithms: [MD5]
                keepalive:
                  interval: 0s
                media:
                  enabled: false
                %s
                peer_secret: %s
                tenants:
                  - domain: %s
                    users:
                      - {user: "1001", password: pw-1001-secret}
                      - {user: "1002", password: pw-1002-secret}
                """.formatted(host, host, tlsPort, certs.chainPem(name), certs.keyPem(name),
                certDir.resolve("sites.pem"), peers, SECRET, DOMAIN), MediaAnchor.NONE, PassiveObserver.NONE, port);
        nodes.add(n);
        return n;
    }

    private static String tlsPeer(String site, String host, int tlsPort) {
        return """
                peers:
                  - site: %s
                    address: %s:%d
                    transport: tls
                """.formatted(site, host, tlsPort);
    }

    private static double count(TestNode n, String name, String... tags) {
        var search = n.registry.find(name);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    private static double peerMessages(TestNode n, String site, String direction, String kind) {
        return count(n, "gslb.sip.peer.messages", "site", site, "direction", direction, "kind", kind);
    }

    private static TlsPhone phone(String host, int tlsPort) throws Exception {
        return TlsPhone.connect(host, tlsPort, null, certDir.resolve("sites.pem"), null, "TLSv1.3");
    }

    private static String contact(String user, TlsPhone p) {
        return "sip:" + user + "@127.0.0.1:" + p.localPort() + ";transport=tls";
    }

    private static String register(String user, TlsPhone p, int cseq, String authorization) {
        return """
                REGISTER sip:%s SIP/2.0
                Via: SIP/2.0/TLS 127.0.0.1:%d;rport;alias;branch=z9hG4bK-preg-%s-%d
                Max-Forwards: 70
                From: <sip:%s@%s>;tag=r%d
                To: <sip:%s@%s>
                Call-ID: peer-reg-%s@test
                CSeq: %d REGISTER
                Contact: <%s>
                Expires: 600
                %sContent-Length: 0

                """.formatted(DOMAIN, p.localPort(), user, cseq, user, DOMAIN, cseq, user, DOMAIN, user, cseq,
                contact(user, p), authorization);
    }

    private static void registerWithDigest(String user, TlsPhone p) throws Exception {
        p.send(register(user, p, 1, ""));
        String challenge = p.receiveStartingWith("SIP/2.0 ", 3000);
        assertThat(challenge).startsWith("SIP/2.0 401");
        p.send(register(user, p, 2, DigestPhone.authorization("Authorization", "REGISTER", "sip:" + DOMAIN, user,
                DOMAIN, "pw-" + user + "-secret", DigestPhone.nonceOf(challenge), "00000001")));
        assertThat(p.receiveStartingWith("SIP/2.0 ", 3000)).startsWith("SIP/2.0 200 OK");
    }

    private static String invite(TlsPhone caller, String ruri, int cseq, String callId, String authorization) {
        return """
                INVITE %s SIP/2.0
                Via: SIP/2.0/TLS 127.0.0.1:%d;rport;alias;branch=z9hG4bK-pinv-%s-%d
                Max-Forwards: 70
                From: <sip:1001@%s>;tag=caller-%s
                To: <%s>
                Call-ID: %s
                CSeq: %d INVITE
                Contact: <%s>
                %sContent-Length: 0

                """.formatted(ruri, caller.localPort(), callId.replace("@", "-"), cseq, DOMAIN,
                callId.replace("@", "-"), ruri, callId, cseq,
                contact("1001", caller), authorization);
    }

    /** Sends the INVITE, answers the 407 (and ACKs it), sends it again with credentials. */
    private static void inviteWithDigest(TlsPhone caller, String ruri, String callId) throws Exception {
        caller.send(invite(caller, ruri, 1, callId, ""));
        String challenge = caller.receiveStartingWith("SIP/2.0 ", 3000);
        assertThat(challenge).as("407 for the first INVITE").isNotNull().startsWith("SIP/2.0 407");
        caller.send("ACK " + ruri + " SIP/2.0\r\nVia: " + header(challenge, "Via") + "\r\nMax-Forwards: 70\r\nFrom: "
                + header(challenge, "From") + "\r\nTo: " + header(challenge, "To") + "\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
        caller.send(invite(caller, ruri, 2, callId, DigestPhone.authorization("Proxy-Authorization", "INVITE", ruri,
                "1001", DOMAIN, "pw-1001-secret", DigestPhone.nonceOf(challenge), "00000001")));
    }

    @Test
    void aSipsCallBetweenSitesTravelsOverTheirTlsConnectionsBothWays() throws Exception {
        int fraTls = TestNode.freePort();
        int nycTls = TestNode.freePort();
        TestNode fra = node(FRA, "fra", TestNode.freePort(), fraTls, tlsPeer("nyc", NYC, nycTls));
        TestNode nyc = node(NYC, "nyc", TestNode.freePort(), nycTls, tlsPeer("fra", FRA, fraTls));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                count(fra, "gslb.sip.peer.connects", "site", "nyc", "result", "ok") >= 1
                        && count(nyc, "gslb.sip.peer.connects", "site", "fra", "result", "ok") >= 1);

        try (TlsPhone caller = phone(FRA, fraTls); TlsPhone callee = phone(NYC, nycTls)) {
            registerWithDigest("1001", caller);
            registerWithDigest("1002", callee);
            String ruri = "sips:1002@" + DOMAIN;
            inviteWithDigest(caller, ruri, "sips-call-1@test");

            String invite = callee.receiveStartingWith("INVITE ", 5000);
            assertThat(invite).as("the INVITE at the callee behind nyc").isNotNull()
                    .startsWith("INVITE " + contact("1002", callee) + " SIP/2.0\r\n")
                    .contains("\r\nVia: SIP/2.0/TLS " + NYC + ":" + nycTls + ";branch=")
                    .contains("\r\nVia: SIP/2.0/TLS " + FRA + ":" + fraTls + ";branch=");
            assertThat(recordRoutes(invite)).as("two Record-Routes, both on TLS").satisfiesExactly(
                    nycEntry -> assertThat(nycEntry).matches("<sip:" + Pattern.quote(NYC) + ":" + nycTls
                            + ";transport=tls;[^>]*;lr>"),
                    fraEntry -> assertThat(fraEntry).matches("<sip:" + Pattern.quote(FRA) + ":" + fraTls
                            + ";transport=tls;[^>]*;lr>"));
            assertThat(count(nyc, "gslb.sip.auth", "outcome", "challenged"))
                    .as("nyc took the call as fra's (no second challenge)").isEqualTo(1); // the callee's REGISTER

            callee.send(ok(invite, "callee-1", contact("1002", callee)));
            String ok = caller.receiveStartingWith("SIP/2.0 200 OK", 5000);
            assertThat(ok).as("the callee's 200 at the caller").isNotNull().contains("CSeq: 2 INVITE");

            // the caller ACKs along the reversed route set: fra, then nyc over fra's connection
            caller.send(inDialog("ACK", header(ok, "Contact").replaceAll("^<|>$", ""), reversedRoutes(ok),
                    header(invite, "From"), header(ok, "To"), "sips-call-1@test", "2 ACK", caller.localPort(),
                    "z9hG4bK-pack"));
            assertThat(callee.receiveStartingWith("ACK ", 5000)).as("the ACK at the callee").isNotNull();

            // the callee hangs up: nyc, then fra over nyc's connection, then the caller's own connection
            callee.send(inDialog("BYE", header(invite, "Contact").replaceAll("^<|>$", ""), routes(invite),
                    header(ok, "To"), header(invite, "From"), "sips-call-1@test", "7 BYE", callee.localPort(),
                    "z9hG4bK-pbye"));
            String bye = caller.receiveStartingWith("BYE ", 5000);
            assertThat(bye).as("the BYE at the caller").isNotNull()
                    .contains("\r\nVia: SIP/2.0/TLS " + FRA + ":" + fraTls + ";branch=")
                    .contains("\r\nVia: SIP/2.0/TLS " + NYC + ":" + nycTls + ";branch=");
            caller.send(RawCalls.response(bye, "200 OK"));
            assertThat(callee.receiveStartingWith("SIP/2.0 200 OK", 5000)).as("the BYE's 200 at the callee")
                    .isNotNull().contains("CSeq: 7 BYE");
        }

        // over the wire, as each node counted it on its own TLS connection to the other
        assertThat(peerMessages(fra, "nyc", "sent", "INVITE")).isEqualTo(1);
        assertThat(peerMessages(fra, "nyc", "sent", "ACK")).isEqualTo(1);
        assertThat(peerMessages(fra, "nyc", "received", "response")).as("100 and 200 for the INVITE")
                .isGreaterThanOrEqualTo(2);
        assertThat(peerMessages(nyc, "fra", "sent", "BYE")).isEqualTo(1);
        assertThat(peerMessages(nyc, "fra", "received", "response")).as("the BYE's 200").isEqualTo(1);
        assertThat(count(fra, "gslb.sip.proxy", "outcome", "to_peer")).isEqualTo(1);
        // CRLF keepalives (1 s here) keep both connections: still the first one each (a failed attempt
        // at start is fra trying nyc before nyc listened)
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> peerMessages(fra, "nyc", "sent", "keepalive") >= 2);
        assertThat(count(fra, "gslb.sip.peer.connects", "site", "nyc", "result", "ok")).isEqualTo(1);
        assertThat(count(nyc, "gslb.sip.peer.connects", "site", "fra", "result", "ok")).isEqualTo(1);
    }

    /**
     * nyc goes away: fra notices (closed, or its CRLF ping unanswered), a call meanwhile gets 503 at
     * once (the connect is refused) and nothing is sent to nyc's address over UDP instead; once nyc
     * is back the next call opens a new connection and goes through.
     */
    @Test
    void whileAPeerIsDownCallsGet503NotUdpAndTheConnectionIsReopenedWhenItIsBack() throws Exception {
        int fraTls = TestNode.freePort();
        int nycTls = TestNode.freePort();
        int nycSip = TestNode.freePort();
        TestNode fra = node(FRA, "fra", TestNode.freePort(), fraTls, tlsPeer("nyc", NYC, nycTls));
        TestNode nyc = node(NYC, "nyc", nycSip, nycTls, tlsPeer("fra", FRA, fraTls));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> count(fra, "gslb.sip.peer.connects", "site", "nyc", "result", "ok") >= 1);
        try (TlsPhone caller = phone(FRA, fraTls)) {
            registerWithDigest("1001", caller);
            nyc.close();
            nodes.remove(nyc);
            // the stopped node does not always close what it had accepted (its loops stop first), so
            // fra may only notice by its keepalive going unanswered: 1 s + 10 s for the pong
            Awaitility.await().atMost(Duration.ofSeconds(25))
                    .until(() -> fra.registry.get("gslb.sip.peer.up").tag("site", "nyc").gauge().value() == 0);
            try (DatagramSocket udpAtNyc = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(NYC),
                    nycTls))) {
                inviteWithDigest(caller, "sip:1002@" + DOMAIN, "peer-down-1@test");
                String answer = caller.receiveStartingWith("SIP/2.0 5", 5000);
                assertThat(answer).as("no TLS connection to nyc: 503").isNotNull()
                        .startsWith("SIP/2.0 503 Service Unavailable: peer site not reachable over TLS");
                assertThat(received(udpAtNyc, 1000)).as("nothing to nyc over UDP").isNull();
                assertThat(count(fra, "gslb.sip.peer.unreachable", "site", "nyc")).isEqualTo(1);
            }

            TestNode back = node(NYC, "nyc", nycSip, nycTls, tlsPeer("fra", FRA, fraTls));
            try (TlsPhone callee = phone(NYC, nycTls)) {
                registerWithDigest("1002", callee);
                inviteWithDigest(caller, "sip:1002@" + DOMAIN, "peer-back-1@test");
                assertThat(callee.receiveStartingWith("INVITE ", 10_000)).as("the call after nyc came back")
                        .isNotNull();
            }
            assertThat(back.registry.get("gslb.sip.requests").tag("method", "INVITE").counter().count())
                    .isEqualTo(1);
        }
        assertThat(count(fra, "gslb.sip.peer.connects", "site", "nyc", "result", "ok")).isEqualTo(2);
        assertThat(peerMessages(fra, "nyc", "sent", "INVITE")).isEqualTo(1);
    }

    @Test
    void aSipsCallWhoseOnlyWayOnIsAUdpPeerIsRefusedAndNothingLeavesForIt() throws Exception {
        try (DatagramSocket udpPeer = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.3.1"), 0))) {
            int fraTls = TestNode.freePort();
            TestNode fra = node(FRA, "fra", TestNode.freePort(), fraTls, """
                    peers:
                      - site: lon
                        address: 127.0.3.1:%d
                    """.formatted(udpPeer.getLocalPort()));
            try (TlsPhone caller = phone(FRA, fraTls)) {
                registerWithDigest("1001", caller);
                inviteWithDigest(caller, "sips:1002@" + DOMAIN, "sips-udp-1@test");
                String refused = caller.receiveStartingWith("SIP/2.0 ", 3000);
                assertThat(refused).as("no downgrade to UDP").isNotNull().startsWith("SIP/2.0 480 ")
                        .contains("\r\nWarning: 380 ");
                assertThat(received(udpPeer, 1000)).as("nothing for the UDP peer").isNull();
                assertThat(count(fra, "gslb.sip.proxy.refused", "reason", "sips_downgrade")).isEqualTo(1);

                // the same call with sip: may use the UDP peer, and the socket sees it
                inviteWithDigest(caller, "sip:1002@" + DOMAIN, "sip-udp-2@test");
                String forwarded = received(udpPeer, 3000);
                assertThat(forwarded).as("a sip: call does go to the UDP peer").isNotNull()
                        .startsWith("INVITE sip:1002@" + DOMAIN + " SIP/2.0\r\n");
            }
        }
    }

    @Test
    void aTlsClientOnThePeersAddressWithAValidTokenIsNoPeerWithoutThePeersCertificate() throws Exception {
        int fraTls = TestNode.freePort();
        int nycTls = TestNode.freePort();
        // only nyc runs: it lists fra as TLS peer; the clients below come from fra's address
        TestNode nyc = node(NYC, "nyc", TestNode.freePort(), nycTls, tlsPeer("fra", FRA, fraTls));
        PeerToken token = new PeerToken(SECRET, System::currentTimeMillis);

        try (TlsPhone noCertificate = TlsPhone.connect(NYC, nycTls, FRA, certDir.resolve("sites.pem"), null,
                "TLSv1.3")) {
            noCertificate.send(signedInvite(token, noCertificate, "spoof-1"));
            assertThat(noCertificate.receiveStartingWith("SIP/2.0 ", 3000)).as("no certificate")
                    .startsWith("SIP/2.0 403 Forbidden: invalid peer token");
        }
        try (TlsPhone otherName = TlsPhone.connect(NYC, nycTls, FRA, certDir.resolve("sites.pem"),
                certDir.resolve("rogue.p12"), "TLSv1.3")) {
            otherName.send(signedInvite(token, otherName, "spoof-2"));
            assertThat(otherName.receiveStartingWith("SIP/2.0 ", 3000)).as("a site CA certificate for another name")
                    .startsWith("SIP/2.0 403 Forbidden: invalid peer token");
        }
        assertThat(count(nyc, "gslb.sip.proxy.refused", "reason", "peer_token")).isEqualTo(2);

        // the control: the same request with fra's certificate is fra's (1002 is registered nowhere: 480)
        try (TlsPhone peer = TlsPhone.connect(NYC, nycTls, FRA, certDir.resolve("sites.pem"),
                certDir.resolve("fra.p12"), "TLSv1.3")) {
            peer.send(signedInvite(token, peer, "genuine-1"));
            assertThat(peer.receiveStartingWith("SIP/2.0 4", 3000)).as("admitted as fra's")
                    .startsWith("SIP/2.0 480 ");
        }
        assertThat(count(nyc, "gslb.sip.proxy.refused", "reason", "peer_token")).isEqualTo(2);
    }

    /** An INVITE as a peer node would forward it, with a valid token made with the shared secret. */
    private static String signedInvite(PeerToken token, TlsPhone from, String id) throws Exception {
        String unsigned = """
                INVITE sip:1002@%s SIP/2.0
                Via: SIP/2.0/TLS %s:%d;branch=z9hG4bK-%s
                Max-Forwards: 69
                From: <sip:1001@%s>;tag=f-%s
                To: <sip:1002@%s>
                Call-ID: %s@test
                CSeq: 1 INVITE
                Contact: <sip:1001@%s:%d;transport=tls>
                Content-Length: 0

                """.formatted(DOMAIN, FRA, from.localPort(), id, DOMAIN, id, DOMAIN, id, FRA, from.localPort())
                .replace("\n", "\r\n");
        byte[] bytes = unsigned.getBytes(StandardCharsets.US_ASCII);
        SipMessage m = new SipParser().parse(bytes, bytes.length, false);
        String line = token.headerLine(PeerToken.Signed.of(m));
        return unsigned.replace("Content-Length: 0\r\n", line + "Content-Length: 0\r\n");
    }

    private static String received(DatagramSocket socket, int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static String ok(String invite, String toTag, String contact) {
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
        return sb.append("Contact: <").append(contact).append(">\r\nContent-Length: 0\r\n\r\n").toString();
    }

    private static List<String> recordRoutes(String message) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Record-Route: ([^\r\n]*)").matcher(message);
        while (m.find()) {
            values.add(m.group(1).trim());
        }
        assertThat(values).as(message).isNotEmpty();
        return values;
    }

    /** The callee's route set: the Record-Routes in order. */
    private static String routes(String message) {
        return "Route: " + String.join(", ", recordRoutes(message)) + "\r\n";
    }

    /** The caller's route set: the Record-Routes reversed (RFC 3261 12.1.2). */
    private static String reversedRoutes(String message) {
        List<String> values = recordRoutes(message);
        Collections.reverse(values);
        return "Route: " + String.join(", ", values) + "\r\n";
    }

    private static String inDialog(String method, String ruri, String route, String from, String to, String callId,
            String cseq, int localPort, String branch) {
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + localPort + ";rport;alias;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n" + route
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*([^\r\n]*)").matcher(message);
        assertThat(m.find()).as(name + " in " + message).isTrue();
        return m.group(1).trim();
    }
}
