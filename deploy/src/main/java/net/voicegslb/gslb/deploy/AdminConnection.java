package net.voicegslb.gslb.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.dns.admin.AdminClient;
import net.voicegslb.gslb.dns.admin.AdminToken;
import net.voicegslb.gslb.dns.config.AdminConfig;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ListenAddress;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The flags every command that talks to a running server's admin API shares ({@code --config},
 * {@code --admin}, {@code --token-file}), and the one way to turn them into an address, a client
 * and a token: from the server's config unless given, trusting exactly the config's admin
 * certificate over HTTPS.
 */
final class AdminConnection {

    @Option(names = "--config", defaultValue = "deploy/examples/gslb.yaml", paramLabel = "FILE",
            description = "the server's YAML config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--admin", paramLabel = "URL",
            description = "admin listener, http://HOST:PORT or HOST:PORT; default admin.listen of --config")
    String admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "admin token file; default admin.token_file of --config")
    Path tokenFile;

    /** Where and how to send: resolved once per command. */
    record Target(URI base, HttpClient http, String token, Path tokenPath) {

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A problem that ends the command with {@code exitCode}, the message already worded for the operator. */
    static final class Failure extends Exception {
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /**
     * @param command the command's name for messages ("gslb explain")
     * @throws Failure with {@link ExitCodes#CONFIG} for a config or token problem
     */
    Target resolve(CommandLine.Model.CommandSpec spec, String command) throws Failure {
        URI base = admin == null ? null : adminUri(spec, admin);
        AdminConfig adminConfig = null;
        Path tokenPath = tokenFile;
        if (base == null || tokenPath == null) {
            DnsConfig cfg;
            try {
                cfg = new ConfigLoader().load(config);
            } catch (ConfigException e) {
                throw new Failure(ExitCodes.CONFIG, e.getMessage());
            }
            if (base == null) {
                if (cfg.admin().listen() == null) {
                    throw new Failure(ExitCodes.CONFIG, command + ": the admin listener is off in " + config
                            + "; pass --admin");
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
            throw new Failure(ExitCodes.CONFIG, command + ": cannot read the admin token " + tokenPath + ": "
                    + e.getMessage() + " (the server creates it at its first start)");
        }
        HttpClient http;
        try {
            http = adminConfig != null ? AdminClient.http(adminConfig)
                    : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new Failure(ExitCodes.CONFIG, command + ": " + e.getMessage());
        }
        return new Target(base, http, token, tokenPath);
    }

    private static URI adminUri(CommandLine.Model.CommandSpec spec, String text) {
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
}
