package net.voicegslb.gslb.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
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

    @CommandLine.Mixin
    AdminConnection connection;

    @Option(names = "--json", description = "print the decision as JSON instead of text")
    boolean json;

    @Parameters(paramLabel = "NAME", description = "the name asked for, e.g. sip.voip.example.test")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdminConnection.Target target;
        try {
            target = connection.resolve(spec, "gslb explain");
        } catch (AdminConnection.Failure f) {
            err.println(f.getMessage());
            return f.exitCode;
        }
        URI base = target.base();
        Path tokenPath = target.tokenPath();
        HttpResponse<String> response;
        try {
            response = target.send(request(base));
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

    private HttpRequest.Builder request(URI base) {
        String query = "client=" + enc(client) + "&name=" + enc(name) + "&type=" + enc(type)
                + (json ? "" : "&format=text");
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/explain?" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", json ? "application/json" : "text/plain")
                .GET();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
