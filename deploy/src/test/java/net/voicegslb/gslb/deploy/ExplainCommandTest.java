package net.voicegslb.gslb.deploy;

import net.voicegslb.gslb.policy.config.SecretFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.voicegslb.gslb.dns.admin.AdminApi;
import net.voicegslb.gslb.dns.admin.AdminServer;
import net.voicegslb.gslb.dns.admin.ReloadResult;
import net.voicegslb.gslb.dns.gslb.ExplainService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gslb explain} against a small HTTP server on loopback that plays the admin listener:
 * it checks the bearer token and answers like {@code /api/v1/explain} does.
 */
class ExplainCommandTest {

    private static final String TOKEN = "explain-test-token-0123456789";
    private static final String TEXT = "name sip.voip.example.test\nclient 198.51.100.0/24\nanswer fra-1 127.0.1.1\n";
    private static final String JSON = "{\"name\":\"sip.voip.example.test\",\"answer\":[\"127.0.1.1\"]}";

    @TempDir Path dir;
    private HttpServer server;
    private Path tokenFile;
    private final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
    private final List<String> accepts = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        tokenFile = dir.resolve("admin.token");
        SecretFile.create(tokenFile, TOKEN + "\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/explain", this::explain);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void explain(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        boolean text = "text".equals(q.get("format"));
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "unauthorized\n", "text/plain");
            return;
        }
        queries.add(q);
        accepts.add(ex.getRequestHeaders().getFirst("Accept"));
        if (!q.get("name").startsWith("sip.")) {
            String msg = q.get("name") + " is not a dynamic GSLB name";
            String type = text ? "text/plain" : "application/json";
            reply(ex, 404, text ? msg + "\n" : "{\"error\":\"" + msg + "\"}\n", type);
        } else {
            reply(ex, 200, text ? TEXT : JSON, text ? "text/plain" : "application/json");
        }
    }

    private static void reply(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private String adminUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GslbCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    /** A config with no gslb section: explain only needs the admin part of it. */
    private Path config(String adminListen) throws IOException {
        Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("zones/voip.example.test.zone"), """
                $ORIGIN voip.example.test.
                $TTL 300
                @ SOA ns1 hostmaster 1 3600 600 86400 60
                @ NS ns1
                ns1 A 127.0.0.53
                """);
        return Files.writeString(dir.resolve("gslb.yaml"), """
                dns: {listen: [127.0.0.1:5353]}
                zones:
                  - {origin: voip.example.test, file: zones/voip.example.test.zone}
                admin: {listen: %s, token_file: admin.token}
                """.formatted(adminListen));
    }

    @Test
    void printsTheTextDecisionFromTheAdminListenerAndTokenOfTheConfig() throws IOException {
        Path cfg = config("127.0.0.1:" + server.getAddress().getPort());

        int code = run("--config", cfg.toString(), "--client", "198.51.100.7/24", "--type", "SRV",
                "sip.voip.example.test");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(TEXT);
        assertThat(queries).containsExactly(Map.of("client", "198.51.100.7/24", "name", "sip.voip.example.test",
                "type", "SRV", "format", "text"));
        assertThat(accepts).containsExactly("text/plain");
    }

    @Test
    void jsonAsTheServerSentIt() {
        int code = run("--admin", adminUrl(), "--token-file", tokenFile.toString(), "--client", "2001:db8::/48",
                "--json", "sip.voip.example.test");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(JSON + "\n");
        assertThat(queries).containsExactly(Map.of("client", "2001:db8::/48", "name", "sip.voip.example.test",
                "type", "A"));
        assertThat(accepts).containsExactly("application/json");
    }

    @Test
    void withAdminAndTokenGivenTheConfigIsNotRead() {
        int code = run("--config", dir.resolve("no-such.yaml").toString(), "--admin",
                "127.0.0.1:" + server.getAddress().getPort(), "--token-file", tokenFile.toString(),
                "--client", "192.0.2.1", "sip.voip.example.test");

        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void aNameTheServerDoesNotExplainExitsOneWithItsMessage() {
        int code = run("--admin", adminUrl(), "--token-file", tokenFile.toString(), "--client", "192.0.2.1",
                "www.voip.example.test");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEqualTo("gslb explain: www.voip.example.test is not a dynamic GSLB name\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRefusedTokenExitsOneAndSaysWhichFile() throws IOException {
        Path wrong = dir.resolve("old.token");
        SecretFile.create(wrong, "not-the-token-0123456789\n");

        int code = run("--admin", adminUrl(), "--token-file", wrong.toString(), "--client", "192.0.2.1",
                "sip.voip.example.test");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("refused the admin token from " + wrong);
    }

    @Test
    void noServerOnTheAdminAddressExitsFour() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        int code = run("--admin", "127.0.0.1:" + port, "--token-file", tokenFile.toString(), "--client", "192.0.2.1",
                "sip.voip.example.test");

        assertThat(code).isEqualTo(ExplainCommand.UNREACHABLE).isEqualTo(4);
        assertThat(err.toString()).contains("no server answers on http://127.0.0.1:" + port);
    }

    @Test
    void configProblemsExitThree() throws IOException {
        assertThat(run("--config", dir.resolve("no-such.yaml").toString(), "--client", "192.0.2.1",
                "sip.voip.example.test")).isEqualTo(ExitCodes.CONFIG);

        Path off = config("off");
        assertThat(run("--config", off.toString(), "--client", "192.0.2.1", "sip.voip.example.test"))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString()).contains("admin listener is off");

        assertThat(run("--admin", adminUrl(), "--token-file", dir.resolve("missing.token").toString(),
                "--client", "192.0.2.1", "sip.voip.example.test")).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString()).contains("cannot read the admin token");
        assertThat(queries).isEmpty();
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(run("sip.voip.example.test")).as("--client is required").isEqualTo(ExitCodes.USAGE);
        assertThat(run("--admin", "sip-admin.example:80", "--token-file", tokenFile.toString(), "--client",
                "192.0.2.1", "sip.voip.example.test")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--admin");
    }

    @Test
    void speaksTheSameProtocolAsTheRealAdminServer() throws Exception {
        ExplainService fake = (client, prefixLength, name, qtype) -> {
            if (!name.startsWith("sip.")) {
                throw new IllegalArgumentException(name + " is not a dynamic GSLB name");
            }
            return new ExplainService.Result(Map.of("client", client.getHostAddress()),
                    "client " + client.getHostAddress() + "/" + prefixLength + " type " + qtype + "\n");
        };
        try (AdminServer admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN.getBytes(StandardCharsets.UTF_8), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> new ReloadResult(true, ""), () -> "ok\n", AdminApi.none().withExplain(fake))) {
            String url = "http://127.0.0.1:" + admin.port();

            assertThat(run("--admin", url, "--token-file", tokenFile.toString(), "--client", "198.51.100.7/24",
                    "--type", "naptr", "sip.voip.example.test")).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("client 198.51.100.0/24 type 35\n");

            assertThat(run("--admin", url, "--token-file", tokenFile.toString(), "--client", "198.51.100.7",
                    "--json", "sip.voip.example.test")).isZero();
            assertThat(out.toString()).endsWith("{\"client\":\"198.51.100.7\"}\n");

            assertThat(run("--admin", url, "--token-file", tokenFile.toString(), "--client", "198.51.100.7",
                    "www.voip.example.test")).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).isEqualTo("gslb explain: www.voip.example.test is not a dynamic GSLB name\n");
        }
    }

    @Test
    void usageDocumentsDefaultsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--client=IP[/LEN]", "deploy/examples/gslb.yaml)",
                "default: A", "Exit codes:", "4   no server answers");
    }
}
