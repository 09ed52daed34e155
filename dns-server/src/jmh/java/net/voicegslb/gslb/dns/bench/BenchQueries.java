package net.voicegslb.gslb.dns.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/** Queries for the benchmarks, built once with dnsjava and kept in direct buffers like received packets. */
final class BenchQueries {

    private BenchQueries() {}

    static Message query(String name, int type) throws TextParseException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    /** A buffer the benchmark can hand to the responder again and again. */
    static ByteBuf wire(Message m) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(m.toWire()));
    }
}
