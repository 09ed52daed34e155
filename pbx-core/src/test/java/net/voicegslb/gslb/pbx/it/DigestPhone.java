package net.voicegslb.gslb.pbx.it;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.voicegslb.gslb.pbx.store.Ha1;

/**
 * REGISTERs with RFC 2617/7616 MD5 digest over a {@link RawPhone}: ask, read the 401's nonce,
 * answer it. Each REGISTER gets its own branch; CSeq counts up.
 */
final class DigestPhone {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final RawPhone phone;
    private final int nodePort;
    private final String domain;
    private int cseq;

    DigestPhone(RawPhone phone, int nodePort, String domain) {
        this.phone = phone;
        this.nodePort = nodePort;
        this.domain = domain;
    }

    /**
     * An INVITE from {@code user} to {@code callee} without a body; {@code authorization} is the
     * whole Proxy-Authorization line or empty.
     */
    String invite(String user, String callee, String authorization) {
        cseq++;
        String host = phone.socket.getLocalAddress().getHostAddress();
        return """
                INVITE sip:%s@%s SIP/2.0
                Via: SIP/2.0/UDP %s:%d;rport;branch=z9hG4bK-inv-%s-%d
                Max-Forwards: 70
                From: <sip:%s@%s>;tag=i%d
                To: <sip:%s@%s>
                Call-ID: inv-%s-%d@test
                CSeq: %d INVITE
                Contact: <sip:%s@%s:%d>
                %sContent-Length: 0

                """.formatted(callee, domain, host, phone.port(), user, cseq, user, domain, cseq, callee, domain,
                user, cseq, cseq, user, host, phone.port(), authorization);
    }

    /** A REGISTER for {@code user}; {@code authorization} is the whole header line or empty. */
    String register(String user, String authorization) {
        cseq++;
        return """
                REGISTER sip:%s SIP/2.0
                Via: SIP/2.0/UDP %s:%d;rport;branch=z9hG4bK-%s-%d
                Max-Forwards: 70
                From: <sip:%s@%s>;tag=t%d
                To: <sip:%s@%s>
                Call-ID: reg-%s-%d@test
                CSeq: %d REGISTER
                Contact: <sip:%s@%s:%d>
                Expires: 600
                %sContent-Length: 0

                """.formatted(domain, phone.socket.getLocalAddress().getHostAddress(), phone.port(), user, cseq,
                user, domain, cseq, user, domain, user, phone.port(), cseq, user,
                phone.socket.getLocalAddress().getHostAddress(), phone.port(), authorization);
    }

    static String authorization(String header, String method, String uri, String user, String realm, String password,
            String nonce, String nc) {
        return authorization(header, "MD5", method, uri, user, realm, password, nonce, nc);
    }

    /** The same with {@code algorithm} "MD5" or "SHA-256" (RFC 7616 3.4.1). */
    static String authorization(String header, String algorithm, String method, String uri, String user,
            String realm, String password, String nonce, String nc) {
        String ha1 = Ha1.hex(algorithm, user + ":" + realm + ":" + password);
        String ha2 = Ha1.hex(algorithm, method + ":" + uri);
        String response = Ha1.hex(algorithm, ha1 + ":" + nonce + ":" + nc + ":0a4f113b:auth:" + ha2);
        return header + ": Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", cnonce=\"0a4f113b\", nc=" + nc + ", qop=auth\r\n";
    }

    /** The first nonce of a 401/407, or null when the text carries none. */
    static String nonceOf(String response) {
        if (response == null) {
            return null;
        }
        Matcher m = NONCE.matcher(response);
        return m.find() ? m.group(1) : null;
    }

    /** The next SIP response's status line that answers {@code method}, skipping requests (keepalives). */
    String await(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            String text = phone.receive((int) left);
            if (text == null || text.startsWith("SIP/2.0 ")) {
                return text;
            }
        }
    }

    /**
     * Challenge and answer with {@code password}; returns the final response text (null: no answer,
     * as for a source the failure limit blocks).
     */
    String registerWith(String user, String password) throws IOException {
        phone.send(register(user, ""), nodePort);
        String challenge = await(3000);
        String nonce = nonceOf(challenge);
        if (nonce == null) {
            return challenge;
        }
        phone.send(register(user, authorization("Authorization", "REGISTER", "sip:" + domain, user, domain,
                password, nonce, "00000001")), nodePort);
        return await(3000);
    }
}
