package net.voicegslb.gslb.policy.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Golden SIP messages under {@code src/test/resources/wire/sip}, byte for byte. */
final class WireFixtures {
    private WireFixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = WireFixtures.class.getResourceAsStream("/wire/sip/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
