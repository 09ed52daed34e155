package net.voicegslb.gslb.pbx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParser;
import org.junit.jupiter.api.Test;

/** RFC 5923 aliases: only over TLS, only for the connection's own address, gone with the connection. */
class ConnectionAliasesTest {

    private static SipMessage request(String via) throws Exception {
        byte[] b = ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\n"
                + "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes();
        return new SipParser().parse(b, b.length, false);
    }

    private static SipConnection connection(Transport t, EmbeddedChannel ch) {
        return new SipConnection(t, ch, new InetSocketAddress("192.0.2.7", 40000));
    }

    @Test
    void aliasOnlyOverTlsForTheSourceAddressAndUntilTheConnectionCloses() throws Exception {
        ConnectionAliases aliases = new ConnectionAliases(10);
        EmbeddedChannel ch = new EmbeddedChannel();
        InetSocketAddress sentBy = new InetSocketAddress("192.0.2.7", 5061);
        aliases.offer(request("SIP/2.0/TCP 192.0.2.7:5061;alias;branch=z9hG4bK1"), connection(Transport.TCP, ch));
        aliases.offer(request("SIP/2.0/TLS 192.0.2.7:5061;branch=z9hG4bK1"), connection(Transport.TLS, ch));
        aliases.offer(request("SIP/2.0/TLS 192.0.2.99:5061;alias;branch=z9hG4bK1"), connection(Transport.TLS, ch));
        assertThat(aliases.size()).as("TCP, no ;alias, someone else's address").isZero();
        aliases.offer(request("SIP/2.0/TLS 192.0.2.7:5061;branch=z9hG4bK1;alias"), connection(Transport.TLS, ch));
        assertThat(aliases.lookup(sentBy)).isNotNull();
        assertThat(aliases.lookup(sentBy).transport()).isEqualTo(Transport.TLS);
        ch.close();
        assertThat(aliases.lookup(sentBy)).isNull();
        assertThat(aliases.size()).isZero();
    }

    @Test
    void anOpenConnectionServesRequestsToItsRemoteAddressUntilItCloses() {
        ConnectionAliases aliases = new ConnectionAliases(10);
        EmbeddedChannel ch = new EmbeddedChannel();
        aliases.connected(connection(Transport.TCP, ch));
        aliases.connected(new SipConnection(Transport.UDP, new EmbeddedChannel(), new InetSocketAddress("192.0.2.8", 1)));
        assertThat(aliases.lookup(new InetSocketAddress("192.0.2.7", 40000)).transport()).isEqualTo(Transport.TCP);
        assertThat(aliases.lookup(new InetSocketAddress("192.0.2.8", 1))).as("UDP has no connection").isNull();
        ch.close();
        assertThat(aliases.lookup(new InetSocketAddress("192.0.2.7", 40000))).isNull();
    }

    @Test
    void theTableIsBounded() throws Exception {
        ConnectionAliases aliases = new ConnectionAliases(1);
        aliases.offer(request("SIP/2.0/TLS 192.0.2.7:5061;alias;branch=z9hG4bK1"),
                connection(Transport.TLS, new EmbeddedChannel()));
        aliases.offer(request("SIP/2.0/TLS 192.0.2.7:5062;alias;branch=z9hG4bK2"),
                connection(Transport.TLS, new EmbeddedChannel()));
        assertThat(aliases.size()).isEqualTo(1);
    }
}
