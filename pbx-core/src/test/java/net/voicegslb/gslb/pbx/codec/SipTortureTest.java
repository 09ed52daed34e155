package net.voicegslb.gslb.pbx.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every RFC 4475 message in wire/sip gets the verdict its file name states. */
class SipTortureTest {

    private final SipParser parser = new SipParser();

    static Stream<Path> fixtures() throws Exception {
        Path dir = Paths.get(SipTortureTest.class.getResource("/wire/sip").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".sip")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void verdictMatchesTheFileName(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.startsWith("valid-")) {
            SipMessage m = parse(bytes);
            assertThat(m).isNotNull();
            assertThat(m.callId()).isNotBlank();
            assertThat(m.vias()).isNotEmpty();
        } else if (name.startsWith("invalid-")) {
            int status = Integer.parseInt(name.substring(8, 11));
            assertThatThrownBy(() -> parse(bytes)).isInstanceOf(SipParseException.class)
                    .satisfies(e -> assertThat(((SipParseException) e).status()).isEqualTo(status));
            // and it can be answered, with the reason in the status line
            SipParseException e = catchThrowableOfType(() -> parse(bytes), SipParseException.class);
            io.netty.buffer.ByteBuf out = new ResponseWriter("test").writeForMalformed(
                    io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, bytes, bytes.length, e.status(),
                    "Bad Request: " + e.getMessage());
            assertThat(out).as("a response to %s", name).isNotNull();
            String response = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            out.release();
            assertThat(response).startsWith("SIP/2.0 " + status + " Bad Request: " + e.getMessage() + "\r\n")
                    .contains("Via: ");
        } else {
            assertThat(name).startsWith("drop-");
            assertThatThrownBy(() -> parse(bytes)).isInstanceOf(SipParseException.class);
        }
    }

    private SipMessage parse(byte[] bytes) throws SipParseException {
        return parser.parse(bytes.clone(), bytes.length, true);
    }
}
