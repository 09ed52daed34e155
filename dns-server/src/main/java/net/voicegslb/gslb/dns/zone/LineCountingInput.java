package net.voicegslb.gslb.dns.zone;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;

/**
 * Feeds a zone file to dnsjava's parser one byte at a time while counting the lines it has
 * consumed, so that each record can be tied to its line (dnsjava does not say which line a record
 * came from, only where a syntax error is). Being a {@link BufferedInputStream} keeps dnsjava from
 * wrapping it in a buffer of its own, which would read ahead and spoil the count.
 */
final class LineCountingInput extends BufferedInputStream {

    private final byte[] data;
    private int pos;
    private int newlines;

    LineCountingInput(byte[] data) {
        super(new ByteArrayInputStream(new byte[0]), 1);
        this.data = data;
    }

    @Override
    public synchronized int read() {
        if (pos >= data.length) {
            return -1;
        }
        int b = data[pos++] & 0xFF;
        if (b == '\n') {
            newlines++;
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int c = read();
        if (c < 0) {
            return -1;
        }
        b[off] = (byte) c;
        return 1;
    }

    @Override
    public synchronized int available() {
        return 0;
    }

    /** The 1-based line of the last byte consumed. */
    int line() {
        return pos > 0 && data[pos - 1] == '\n' ? newlines : newlines + 1;
    }
}
