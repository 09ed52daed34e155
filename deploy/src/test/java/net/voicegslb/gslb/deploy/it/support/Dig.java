package net.voicegslb.gslb.deploy.it.support;

import net.voicegslb.gslb.policy.testing.ExternalTool;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * BIND's dig against one server on 127.0.0.1, as a separate process: {@code +norec}, one try,
 * two-second timeout, unless the test's own options say otherwise (dig lets later options win).
 */
public final class Dig {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);

    private final String executable;
    private final int port;

    public Dig(int port) {
        this.executable = ExternalTool.require("dig", "bind9-dnsutils").toString();
        this.port = port;
    }

    /** Runs dig and returns its raw result (for AXFR and other outputs that are not one response). */
    public ToolRun.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(executable, "@127.0.0.1", "-p", Integer.toString(port),
                "+norec", "+time=2", "+tries=1"));
        cmd.addAll(List.of(args));
        return ToolRun.run(PROCESS_TIMEOUT, cmd);
    }

    /** Runs dig and parses the one response it printed (the last, when it retried over TCP). */
    public DnsReply query(String... args) {
        ToolRun.Result r = run(args);
        assertThat(r.exitCode()).as("dig failed:\n%s", r.describe()).isZero();
        List<DnsReply> replies = ClientOutputParser.parseAll(r.stdout() + "\n" + r.stderr());
        assertThat(replies).as("dig printed no response:\n%s", r.describe()).isNotEmpty();
        return replies.get(replies.size() - 1);
    }
}
