package net.voicegslb.gslb.deploy.it.support;

import net.voicegslb.gslb.policy.testing.ExternalTool;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Knot's kdig against one server on 127.0.0.1, as a separate process: {@code +norec}, no retry,
 * two-second timeout. Unlike dig, kdig sends no OPT record unless asked ({@code +edns}, {@code +subnet}, ...).
 */
public final class Kdig {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);

    private final String executable;
    private final int port;

    public Kdig(int port) {
        this.executable = ExternalTool.require("kdig", "knot-dnsutils").toString();
        this.port = port;
    }

    public ToolRun.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(executable, "@127.0.0.1", "-p", Integer.toString(port),
                "+norec", "+timeout=2", "+retry=0"));
        cmd.addAll(List.of(args));
        return ToolRun.run(PROCESS_TIMEOUT, cmd);
    }

    /** One query, one response. */
    public DnsReply query(String... args) {
        List<DnsReply> replies = queries(args);
        return replies.get(replies.size() - 1);
    }

    /** Several queries on one command line (kdig prints one response each, in order). */
    public List<DnsReply> queries(String... args) {
        ToolRun.Result r = run(args);
        assertThat(r.exitCode()).as("kdig failed:\n%s", r.describe()).isZero();
        List<DnsReply> replies = ClientOutputParser.parseAll(r.stdout() + "\n" + r.stderr());
        assertThat(replies).as("kdig printed no response:\n%s", r.describe()).isNotEmpty();
        return replies;
    }
}
