package net.voicegslb.gslb.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.voicegslb.gslb.deploy.it.support.DnsReply;
import net.voicegslb.gslb.deploy.it.support.GslbServer;
import net.voicegslb.gslb.deploy.it.support.QueryBytes;
import net.voicegslb.gslb.deploy.it.support.RawTcp;
import net.voicegslb.gslb.deploy.it.support.ResourceRecord;
import net.voicegslb.gslb.deploy.it.support.WireHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same answers from the native (epoll) transport and from Java NIO ({@code --no-native}),
 * one server each: the transport must not change a single bit of what clients see.
 */
class TransportParityIT {

    @RegisterExtension
    static final GslbServer NATIVE = GslbServer.withConfig("gslb-it.yaml");

    @RegisterExtension
    static final GslbServer NIO = GslbServer.withConfig("gslb-it.yaml").withArgs("--no-native", "--threads", "1");

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of((Object) new String[] {"sip.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"+tcp", "_sip._udp.voip.example.test", "SRV"}),
                Arguments.of((Object) new String[] {"nope.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"portal.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"x.tenants.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"www.lab.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"example.com", "A"}),
                Arguments.of((Object) new String[] {"+ignore", "+bufsize=512", "mid.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"+ignore", "+noedns", "_sip._tcp.pool.voip.example.test", "SRV"}),
                Arguments.of((Object) new String[] {"big.voip.example.test", "A"}),
                Arguments.of((Object) new String[] {"+subnet=198.51.100.0/24", "SiP.VoIp.example.TEST", "AAAA"}),
                Arguments.of((Object) new String[] {"+edns=1", "+noednsnegotiation", "sip.voip.example.test", "A"}));
    }

    @ParameterizedTest(name = "dig {0}")
    @MethodSource("queries")
    void nativeAndNioTransportsGiveTheSameAnswer(String[] args) {
        DnsReply viaNative = NATIVE.dig().query(args);
        DnsReply viaNio = NIO.dig().query(args);

        assertThat(comparable(viaNio)).as("NIO:\n%s\nnative:\n%s", viaNio.text(), viaNative.text())
                .isEqualTo(comparable(viaNative));
    }

    @Test
    void nioTransportIsTheOneInUse() {
        assertThat(NIO.process().stderr()).containsIgnoringCase("nio");
    }

    @Test
    void nioTransportAnswersPipelinedTcpQueriesInOrder() {
        try (RawTcp tcp = NIO.tcp()) {
            List<byte[]> queries = new ArrayList<>();
            for (int id = 1; id <= 50; id++) {
                queries.add(QueryBytes.of(id, id % 2 == 0 ? "big.voip.example.test" : "sip.voip.example.test", 1));
            }
            tcp.sendFramed(queries.toArray(new byte[0][]));

            for (int id = 1; id <= 50; id++) {
                WireHeader h = WireHeader.of(tcp.readMessage());
                assertThat(h.id()).isEqualTo(id);
                assertThat(h.anCount()).isEqualTo(id % 2 == 0 ? 100 : 1);
            }
        }
    }

    /** Everything but the ID, timing and the server line; records sorted (RRset order is free). */
    private static List<String> comparable(DnsReply r) {
        List<String> out = new ArrayList<>();
        out.add(r.opcode() + " " + r.status() + " " + r.flags().stream().sorted().toList() + " " + r.transport()
                + " " + r.size() + " retried=" + r.retriedOverTcp());
        out.add("edns " + (r.edns() == null ? "none" : r.edns().version() + " " + r.edns().udpSize() + " "
                + r.edns().flags() + " " + r.edns().options().stream().filter(o -> !o.startsWith("COOKIE")).toList()));
        out.addAll(r.question());
        for (List<ResourceRecord> section : List.of(r.answer(), r.authority(), r.additional())) {
            out.add("--");
            section.stream().map(ResourceRecord::toString).sorted(Comparator.naturalOrder()).forEach(out::add);
        }
        return out;
    }
}
