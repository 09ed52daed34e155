package net.voicegslb.gslb.dns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.dns.DnsFixtures;
import net.voicegslb.gslb.dns.answer.DnsResponder;
import net.voicegslb.gslb.dns.codec.ResponseWriter;
import net.voicegslb.gslb.dns.metrics.QueryMetrics;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The channel handlers in EmbeddedChannel: datagrams in and out, and the TCP framing of RFC 7766. */
class DnsChannelHandlersTest {

    private final DnsResponder responder = new DnsResponder(DnsFixtures.testSnapshot(), new ResponseWriter(1232),
            new QueryMetrics(new SimpleMeterRegistry()));
    private final InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);

    private static byte[] query(int id, String name) {
        Message m = Message.newQuery(Record.newRecord(DnsFixtures.name(name), Type.A, DClass.IN));
        m.getHeader().setID(id);
        return m.toWire();
    }

    @Test
    void udpAnswersTheSenderAndReleasesTheQuery() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new UdpQueryHandler(responder));
        ByteBuf q = Unpooled.wrappedBuffer(query(7, "sip.voip.example.test"));
        ch.writeInbound(new DatagramPacket(q, new InetSocketAddress("127.0.0.1", 53), client));
        DatagramPacket out = ch.readOutbound();
        assertThat(out.recipient()).isEqualTo(client);
        byte[] b = new byte[out.content().readableBytes()];
        out.content().readBytes(b);
        assertThat(new Message(b).getHeader().getID()).isEqualTo(7);
        out.release();
        assertThat(q.refCnt()).isZero();
    }

    @Test
    void udpDropsGarbageAndKeepsServing() {
        EmbeddedChannel ch = new EmbeddedChannel(new UdpQueryHandler(responder));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1}), client, client));
        assertThat((Object) ch.readOutbound()).isNull();
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(query(8, "sip.voip.example.test")), client, client));
        DatagramPacket out = ch.readOutbound();
        assertThat(out).isNotNull();
        out.release();
        assertThat(ch.isActive()).isTrue();
    }

    private EmbeddedChannel tcp() {
        return new EmbeddedChannel(new LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2), new LengthFieldPrepender(2),
                new TcpQueryHandler(responder));
    }

    @Test
    void tcpAnswersPipelinedQueriesInOrderEvenWhenSplitAcrossReads() throws Exception {
        EmbeddedChannel ch = tcp();
        ByteBuf stream = Unpooled.buffer();
        for (int id = 1; id <= 3; id++) {
            byte[] q = query(id, "sip.voip.example.test");
            stream.writeShort(q.length).writeBytes(q);
        }
        // Deliver the three framed queries in two arbitrary pieces.
        ch.writeInbound(stream.readRetainedSlice(20));
        ch.writeInbound(stream.readRetainedSlice(stream.readableBytes()));
        stream.release();
        for (int id = 1; id <= 3; id++) {
            ByteBuf len = ch.readOutbound();
            ByteBuf body = ch.readOutbound();
            assertThat(len.readUnsignedShort()).isEqualTo(body.readableBytes());
            byte[] b = new byte[body.readableBytes()];
            body.readBytes(b);
            assertThat(new Message(b).getHeader().getID()).isEqualTo(id);
            len.release();
            body.release();
        }
    }

    @Test
    void tcpClosesAStreamThatIsNotDns() {
        EmbeddedChannel ch = tcp();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
        assertThat(ch.isOpen()).isFalse();
    }
}
