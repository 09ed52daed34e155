package net.voicegslb.gslb.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A running DNS server reloaded (POST /admin/reload) with a zone whose {@code $INCLUDE} leaves the
 * zone directory: the reload is refused naming the file and line, the outside file's records are
 * never served, and the previous zone keeps answering over UDP.
 */
class ZoneIncludeIT {

    private static final String HEAD = "$ORIGIN inc.test.\n$TTL 60\n"
            + "@ SOA ns1 hostmaster ( 1 3600 900 604800 60 )\n@ NS ns1\nns1 A 192.0.2.53\n";

    @TempDir
    Path dir;
    private Path zone;
    private DnsNode node;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("zones"));
        // an outside file that parses as zone data: with includes unchecked it would be served
        Files.writeString(dir.resolve("outside.inc"), "evil A 192.0.2.66\n");
        Files.writeString(dir.resolve("zones/hosts.inc"), "sip A 192.0.2.1\n");
        zone = dir.resolve("zones/inc.test.zone");
        Files.writeString(zone, HEAD + "$INCLUDE hosts.inc\n");
        Path config = dir.resolve("gslb.yaml");
        Files.writeString(config, """
                dns:
                  listen: [127.0.0.1:5353]
                  threads: 1
                zones:
                  - origin: inc.test
                    file: zones/inc.test.zone
                admin:
                  listen: 127.0.0.1:8053
                  token_file: admin.token
                """);
        // the file's ports are placeholders: any free loopback port is taken instead
        InetSocketAddress anyPort = new InetSocketAddress("127.0.0.1", 0);
        DnsConfig loaded = new ConfigLoader().load(config);
        node = DnsNode.start(loaded.withListen(List.of(anyPort))
                .withAdmin(new AdminConfig(anyPort, loaded.admin().tokenFile())), false);
        assertThat(aRecord("sip.inc.test.")).isEqualTo("192.0.2.1");
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void reloadWithAnIncludeOutsideTheZoneDirectoryIsRefusedAndTheOldZoneServed() throws Exception {
        Files.writeString(zone, HEAD + "$INCLUDE hosts.inc\n$INCLUDE ../outside.inc\n");

        HttpResponse<String> r = reload();

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("inc.test.zone:7:").contains("outside the zone directory");
        assertThat(aRecord("evil.inc.test.")).as("the outside file is never served").isNull();
        assertThat(aRecord("sip.inc.test.")).isEqualTo("192.0.2.1");
        assertThat(node.registry().get("dns.reloads").tag("result", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void reloadWithASymlinkOutOfTheZoneDirectoryIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("zones/hosts2.inc"), dir.resolve("outside.inc"));
        Files.writeString(zone, HEAD + "$INCLUDE hosts2.inc\n");

        HttpResponse<String> r = reload();

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("inc.test.zone:6:").contains("outside the zone directory");
        assertThat(aRecord("evil.inc.test.")).isNull();
        assertThat(aRecord("sip.inc.test.")).isEqualTo("192.0.2.1");
    }

    @Test
    void reloadWithAnIncludeCycleIsRefused() throws Exception {
        Files.writeString(dir.resolve("zones/loop.inc"), "$INCLUDE loop.inc\n");
        Files.writeString(zone, HEAD + "$INCLUDE loop.inc\n");

        HttpResponse<String> r = reload();

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("loop.inc:1:").contains("deeper than");
        assertThat(aRecord("sip.inc.test.")).isEqualTo("192.0.2.1");
    }

    private HttpResponse<String> reload() throws Exception {
        String token = Files.readString(dir.resolve("admin.token")).trim();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + "/admin/reload"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first A record's address for {@code name}, or null when there is none. */
    private String aRecord(String name) throws Exception {
        InetSocketAddress dns = node.dnsAddresses().get(0);
        SimpleResolver resolver = new SimpleResolver(dns);
        resolver.setTimeout(Duration.ofSeconds(3));
        Message reply = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, 1)));
        if (reply.getRcode() != Rcode.NOERROR) {
            return null;
        }
        return reply.getSection(Section.ANSWER).stream().filter(rr -> rr.getType() == Type.A)
                .map(Record::rdataToString).findFirst().orElse(null);
    }
}
