package net.voicegslb.gslb.policy.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.voicegslb.gslb.policy.model.SipTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OptionsResponseParserTest {
    private static final String UA = "voice-gslb-sipcheck";
    /** The request every response fixture answers. */
    private static final OptionsRequest REQUEST = new OptionsRequest(SipTransport.UDP,
            new java.net.InetSocketAddress("127.0.0.1", 5060), new java.net.InetSocketAddress("127.0.0.1", 40000),
            "gslb-check", "z9hG4bKb1", "c1@127.0.0.1", "t1", 7, true, UA);

    private static OptionsResponse parse(String fixture) throws MalformedSipResponseException {
        return OptionsResponseParser.parse(WireFixtures.load(fixture));
    }

    @Test
    void plain200() throws Exception {
        OptionsResponse r = parse("200-ok.sip");
        assertThat(r).isEqualTo(new OptionsResponse(200, "OK", "z9hG4bKb1", "c1@127.0.0.1", 7, "OPTIONS", -1));
        assertThat(r.matches(REQUEST)).isTrue();
        assertThat(r.statusText()).isEqualTo("SIP 200 OK");
    }

    @Test
    void bodyIsIgnored() throws Exception {
        assertThat(parse("200-ok-with-body.sip").statusCode()).isEqualTo(200);
    }

    @Test
    void retryAfterWithCommentAndParameters() throws Exception {
        OptionsResponse r = parse("503-retry-after-comment-params.sip");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.retryAfterSeconds()).isEqualTo(120);
    }

    @Test
    void noRetryAfter() throws Exception {
        assertThat(parse("503-no-retry-after.sip").retryAfterSeconds()).isEqualTo(-1);
    }

    @Test
    void compactFoldedLowercaseLfOnlyWithLeadingKeepAlives() throws Exception {
        OptionsResponse r = parse("compact-folded-lf.sip");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.branch()).isEqualTo("z9hG4bKb1"); // topmost Via, not the second one on the line
        assertThat(r.callId()).isEqualTo("c1@127.0.0.1");
        assertThat(r.cseqMethod()).isEqualTo("OPTIONS");
        assertThat(r.retryAfterSeconds()).isEqualTo(30);
        assertThat(r.matches(REQUEST)).isTrue();
    }

    @Test
    void mismatchedTransactionDoesNotMatch() throws Exception {
        OptionsResponse r = parse("200-ok.sip");
        assertThat(r.matches(new OptionsRequest(SipTransport.UDP, REQUEST.target(), REQUEST.local(), "gslb-check",
                "z9hG4bKother", "c1@127.0.0.1", "t1", 7, true, UA))).isFalse();
        assertThat(r.matches(new OptionsRequest(SipTransport.UDP, REQUEST.target(), REQUEST.local(), "gslb-check",
                "z9hG4bKb1", "c9@127.0.0.1", "t1", 7, true, UA))).isFalse();
        assertThat(r.matches(new OptionsRequest(SipTransport.UDP, REQUEST.target(), REQUEST.local(), "gslb-check",
                "z9hG4bKb1", "c1@127.0.0.1", "t1", 8, true, UA))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "malformed-request-not-response.sip, 'a SIP request, not a response'",
            "malformed-status-code.sip, status code is not three digits",
            "malformed-no-branch.sip, topmost Via has no branch",
            "malformed-no-call-id.sip, no Call-ID header",
            "malformed-bad-cseq.sip, CSeq is not 'number method'",
            "malformed-header-without-colon.sip, header line without a name and colon",
            "malformed-http.sip, not a SIP/2.0 status line",
            "malformed-code-out-of-range.sip, status code 799 outside 100-699",
    })
    void malformedFixturesSayWhatIsWrong(String fixture, String message) {
        assertThatThrownBy(() -> parse(fixture)).isInstanceOf(MalformedSipResponseException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Retry-After: 30|30",
            "Retry-After:30;duration=10|30",
            "Retry-After: 7 (back soon)|7",
            "Retry-After: soon|-1",
            "Retry-After: 12abc|-1",
            "Retry-After: 99999999999999999999|2147483647",
    })
    void retryAfterForms(String header, long expected) throws Exception {
        String msg = "SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKb1\r\nCall-ID: c\r\n"
                + "CSeq: 1 OPTIONS\r\n" + header + "\r\n\r\n";
        assertThat(OptionsResponseParser.parse(msg.getBytes(StandardCharsets.US_ASCII)).retryAfterSeconds())
                .isEqualTo(expected);
    }

    @Test
    void reasonPhraseIsMadeSafeForLogs() throws Exception {
        byte[] msg = ("SIP/2.0 500 Bad\u0007\u00ff" + "x".repeat(200)
                + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String reason = OptionsResponseParser.parse(msg).reasonPhrase();
        assertThat(reason).startsWith("Bad??x").endsWith("...").hasSizeLessThan(90);
    }

    @Test
    void statusLineWithoutReasonPhrase() throws Exception {
        byte[] msg = "SIP/2.0 200\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        OptionsResponse r = OptionsResponseParser.parse(msg);
        assertThat(r.statusText()).isEqualTo("SIP 200");
    }

    @Test
    void emptyTruncatedAndOversizedInput() {
        assertThatThrownBy(() -> OptionsResponseParser.parse(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> OptionsResponseParser.parse("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> OptionsResponseParser.parse("SIP/2.0 20".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedSipResponseException.class);
        assertThatThrownBy(() -> OptionsResponseParser.parse(new byte[70_000])).hasMessageContaining("exceeds");
    }

    @Test
    void everyPrefixOfAValidResponseEitherParsesOrFailsCleanly() {
        byte[] full = WireFixtures.load("compact-folded-lf.sip");
        for (int n = 0; n <= full.length; n++) {
            try {
                OptionsResponseParser.parse(full, 0, n);
            } catch (MalformedSipResponseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
