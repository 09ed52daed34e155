package net.voicegslb.gslb.deploy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.dns.admin.AdminClient;
import net.voicegslb.gslb.dns.admin.AdminToken;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.policy.config.ListenAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb reload --config FILE}: asks the running server of that config to reload its zones,
 * through the authenticated admin endpoint, and prints what it answered.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Ask a running 'gslb dns' to re-read its zone files (admin API, token from admin.token_file).")
final class ReloadCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the server's YAML config")
    Path config;

    @Option(names = "--admin", paramLabel = "HOST:PORT", description = "admin address; default admin.listen")
    String admin;

    @Override
    public Integer call() throws Exception {
        DnsConfig cfg;
        try {
            cfg = new ConfigLoader().load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        var address = admin != null ? ListenAddress.parse(admin) : cfg.admin().listen();
        if (address == null) {
            System.err.println("gslb reload: the admin listener is off in " + config + "; send SIGHUP instead");
            return ExitCodes.FAILED;
        }
        String token;
        try {
            token = new String(AdminToken.read(cfg.admin().tokenFile()), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            System.err.println("gslb reload: cannot read the admin token " + cfg.admin().tokenFile() + ": " + e
                    + " (the server creates it at its first start)");
            return ExitCodes.FAILED;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(AdminClient.base(cfg.admin(), address) + "/admin/reload"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = AdminClient.http(cfg.admin()).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("gslb reload: no server answers on " + ListenAddress.format(address) + ": " + e);
            return ExitCodes.FAILED;
        }
        (response.statusCode() == 200 ? System.out : System.err).print(response.body());
        return response.statusCode() == 200 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
