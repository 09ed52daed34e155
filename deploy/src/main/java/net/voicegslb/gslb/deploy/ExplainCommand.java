package net.voicegslb.gslb.deploy;

import net.voicegslb.gslb.dns.admin.AdminClient;
import net.voicegslb.gslb.dns.config.AdminConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.dns.admin.AdminToken;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gslb explain --client IP[/LEN] NAME}: asks the running server why that client gets the
 * answer it gets for NAME ({@code GET /api/v1/explain} on the admin listener) and prints the whole
 * decision. The admin address and token come from the server's config unless given.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show why a client gets the answer it gets for a dynamic GSLB name: evidence, scores, health,"
                + " hysteresis, fallbacks and the resulting records, as the running 'gslb dns' decides it now.",
            "Asks GET /api/v1/explain on the admin listener (admin.listen of --config) with the admin token"
                + " (admin.token_file of --config); --admin and --token-file override them, and with both the"
                + " config is not read."},
        footer = {"", "Examples:",
            "  gslb explain --client 198.51.100.7 sip.voip.example.test",
            "  gslb explain --client 198.51.100.0/24 --type SRV _sip._udp.voip.example.test",
            "  gslb explain --client 2001:db8::/48 --type NAPTR --json voip.example.test"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the decision was printed",
            "1:the server said no: NAME is not dynamic, bad --client/--type, no GSLB configured, token refused",
            "2:bad command-line flags",
            "3:config problem: the config, the admin listener in it, or the token file",
            "4:no server answers on the admin address"})
final class ExplainCommand implements Callable<Integer> {

    /** Nothing listens (or answers) on the admin address: usually the server is not running. */
    static final int UNREACHABLE = 4;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--client", required = true, paramLabel = "IP[/LEN]",
            description = "the client: a resolver's address, or with /LEN an EDNS Client Subnet prefix")
    String client;

    @Option(names = "--type", defaultValue = "A", paramLabel = "TYPE",
            description = "A, AAAA, SRV or NAPTR (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--config", defaultValue = "deploy/examples/gslb.yaml", paramLabel = "FILE",
            description = "the server's YAML config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--admin", paramLabel = "URL",
            description = "admin listener, http://HOST:PORT or HOST:PORT; default admin.listen of --config")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "admin token file; default admin.token_file of --config")
    Path tokenFile;

    @Option(names = "--json", description = "print the decision as JSON instead of text")
    boolean json;

    @Parameters(paramLabel = "NAME", description = "the name asked for, e.g. sip.voip.example.test")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI base = admin == null ? null : adminUri(admin);
        AdminConfig adminConfig = null; // from --config: its admin.tls certificate is trusted
        Path tokenPath = tokenFile;
        if (base == null || tokenPath == null) {
            DnsConfig cfg;
            try {
                cfg = new ConfigLoader().load(config);
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return ExitCodes.CONFIG;
            }
            if (base == null) {
                if (cfg.admin().listen() == null) {
                    err.println("gslb explain: the admin listener is off in " + config + "; pass --admin");
                    return ExitCodes.CONFIG;
                }
                base = AdminClient.base(cfg.admin(), cfg.admin().listen());
                adminConfig = cfg.admin();
            }
            if (tokenPath == null) {
                tokenPath = cfg.admin().tokenFile();
            }
        }
        String token;
        try {
            token = new String(AdminToken.read(tokenPath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("gslb explain: cannot read the admin token " + tokenPath + ": " + e.getMessage()
                    + " (the server creates it at its first start)");
            return ExitCodes.CONFIG;
        }
        HttpResponse<String> response;
        try {
            HttpClient http = adminConfig != null ? AdminClient.http(adminConfig)
                    : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            response = http.send(request(base, token), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("gslb explain: no server answers on " + base + ": " + e);
            return UNREACHABLE;
        }
        String body = response.body().endsWith("\n") ? response.body() : response.body() + "\n";
        if (response.statusCode() == 200) {
            out.print(body);
            out.flush();
            return ExitCodes.OK;
        }
        if (response.statusCode() == 401) {
            err.println("gslb explain: " + base + " refused the admin token from " + tokenPath);
        } else {
            err.print("gslb explain: " + body);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    private HttpRequest request(URI base, String token) {
        String query = "client=" + enc(client) + "&name=" + enc(name) + "&type=" + enc(type)
                + (json ? "" : "&format=text");
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/explain?" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", json ? "application/json" : "text/plain")
                .GET()
                .build();
    }

    private URI adminUri(String text) {
        String t = text.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            if (t.startsWith("http://") || t.startsWith("https://")) {
                URI u = URI.create(t);
                if (u.getHost() == null) {
                    throw new IllegalArgumentException("no host in '" + text + "'");
                }
                return u;
            }
            return URI.create("http://" + ListenAddress.format(ListenAddress.parse(t)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--admin: " + e.getMessage()
                    + " (write http://HOST:PORT or HOST:PORT)");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
