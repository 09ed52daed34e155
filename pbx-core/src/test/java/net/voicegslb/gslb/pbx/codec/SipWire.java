package net.voicegslb.gslb.pbx.codec;

import java.nio.charset.StandardCharsets;

/** Test helper: a message written with \n line ends, sent with CRLF. */
public final class SipWire {

    private SipWire() {}

    public static SipMessage parse(String text) throws SipParseException {
        byte[] b = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new SipParser().parse(b, b.length, true);
    }
}
