package net.voicegslb.gslb.rtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads byte fixtures from src/test/resources/wire/rtp. */
public final class Wire {

    private Wire() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Wire.class.getResourceAsStream("/wire/rtp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ByteBuf buf(String name) {
        return Unpooled.wrappedBuffer(bytes(name));
    }
}
