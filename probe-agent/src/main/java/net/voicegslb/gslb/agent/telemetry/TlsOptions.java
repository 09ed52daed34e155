package net.voicegslb.gslb.agent.telemetry;

import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.function.Consumer;
import net.voicegslb.gslb.agent.config.AgentConfig;

/**
 * Applies the configured PEM files to the WebSocket client: a trust anchor replacing the JDK's
 * (private CA or a node's own certificate), and a client certificate for mutual TLS. Host names (or
 * IP SANs) are always verified.
 */
public final class TlsOptions {

    private TlsOptions() {
    }

    public static Consumer<ClientOptionsBase> from(AgentConfig.TlsFiles files) {
        return options -> {
            if (files.trustPem() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(files.trustPem().toString()));
            }
            if (files.certPem() != null && files.keyPem() != null) {
                options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(files.certPem().toString())
                        .setKeyPath(files.keyPem().toString()));
            }
        };
    }
}
