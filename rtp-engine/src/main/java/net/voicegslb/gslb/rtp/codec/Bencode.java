package net.voicegslb.gslb.rtp.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode as rtpengine's ng control protocol uses it: dictionaries with string keys, lists,
 * integers and byte strings. Decoded byte strings become Java strings (ISO-8859-1, so every byte
 * survives), integers {@code Long}. Decoding is bounded in depth and element count because the
 * control port is reachable by anything that can send UDP to it.
 */
public final class Bencode {

    private static final int MAX_DEPTH = 16;
    private static final int MAX_ELEMENTS = 10_000;

    private final byte[] in;
    private int pos;
    private int elements;

    private Bencode(byte[] in, int offset) {
        this.in = in;
        this.pos = offset;
    }

    /** Decodes exactly one value starting at {@code offset} that must end at the end of the array. */
    public static Object decode(byte[] in, int offset) throws BencodeException {
        Bencode reader = new Bencode(in, offset);
        Object value = reader.value(0);
        if (reader.pos != in.length) {
            throw new BencodeException("trailing bytes after value at " + reader.pos);
        }
        return value;
    }

    private Object value(int depth) throws BencodeException {
        if (depth > MAX_DEPTH) {
            throw new BencodeException("nesting deeper than " + MAX_DEPTH);
        }
        if (++elements > MAX_ELEMENTS) {
            throw new BencodeException("more than " + MAX_ELEMENTS + " elements");
        }
        int c = peek();
        if (c == 'i') {
            pos++;
            long v = number('e');
            return v;
        }
        if (c == 'l') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(value(depth + 1));
            }
            pos++;
            return list;
        }
        if (c == 'd') {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (peek() != 'e') {
                if (peek() < '0' || peek() > '9') {
                    throw new BencodeException("dictionary key is not a string at " + pos);
                }
                String key = string();
                map.put(key, value(depth + 1));
            }
            pos++;
            return map;
        }
        if (c >= '0' && c <= '9') {
            return string();
        }
        throw new BencodeException("unexpected byte " + c + " at " + pos);
    }

    private int peek() throws BencodeException {
        if (pos >= in.length) {
            throw new BencodeException("truncated at " + pos);
        }
        return in[pos] & 0xff;
    }

    private String string() throws BencodeException {
        long n = number(':');
        if (n < 0 || n > in.length - pos) {
            throw new BencodeException("string length " + n + " exceeds input at " + pos);
        }
        String s = new String(in, pos, (int) n, StandardCharsets.ISO_8859_1);
        pos += (int) n;
        return s;
    }

    private long number(char terminator) throws BencodeException {
        int start = pos;
        boolean negative = pos < in.length && in[pos] == '-';
        if (negative) {
            pos++;
        }
        long v = 0;
        int digits = 0;
        while (pos < in.length && in[pos] != terminator) {
            int d = in[pos] - '0';
            if (d < 0 || d > 9 || ++digits > 18) {
                throw new BencodeException("bad number at " + start);
            }
            v = v * 10 + d;
            pos++;
        }
        if (pos >= in.length || digits == 0) {
            throw new BencodeException("bad number at " + start);
        }
        pos++;
        return negative ? -v : v;
    }

    /** Encodes maps (keys sorted, as bencode requires), lists, integers and strings. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Number n) {
            ascii(out, "i" + n.longValue() + "e");
        } else if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            ascii(out, b.length + ":");
            out.writeBytes(b);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> write(out, v));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((k, v) -> {
                write(out, (String) k);
                write(out, v);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
