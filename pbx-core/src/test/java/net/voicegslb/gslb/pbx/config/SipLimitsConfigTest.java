package net.voicegslb.gslb.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.policy.config.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sip.timers, sip.max_server_transactions and sip.tcp: defaults, values and errors by line. */
class SipLimitsConfigTest {

    @TempDir
    Path dir;

    private PbxConfig load(String sip) throws Exception {
        Path f = dir.resolve("pbx.yaml");
        Files.writeString(f, "sip:\n  listen: [127.0.0.1:5070]\n" + sip + "tenants:\n  - domain: a.test\n");
        return new PbxConfigLoader().load(f);
    }

    @Test
    void defaultsAreTheRfcTimersAndOperatorLimits() throws Exception {
        PbxConfig c = load("");
        assertThat(c.transactions()).isEqualTo(new TransactionConfig(Duration.ofMillis(500), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 300_000));
        assertThat(c.tcp()).isEqualTo(new TcpConfig(20_000, 200, Duration.ofSeconds(10), Duration.ofMinutes(2),
                262_144));
    }

    @Test
    void readsEveryKey() throws Exception {
        PbxConfig c = load("""
                  max_server_transactions: 1000
                  timers: {t1: 50ms, t2: 400ms, t4: 1s}
                  tcp:
                    max_connections: 10
                    max_connections_per_source: 5
                    message_timeout: 2s
                    idle_timeout: 30s
                    max_write_backlog: 65536
                """);
        assertThat(c.transactions()).isEqualTo(new TransactionConfig(Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofSeconds(1), 1000));
        assertThat(c.tcp()).isEqualTo(new TcpConfig(10, 5, Duration.ofSeconds(2), Duration.ofSeconds(30), 65_536));
    }

    @Test
    void reportsEachBadValueWithLineAndField() throws Exception {
        assertThatThrownBy(() -> load("""
                  max_server_transactions: 5
                  timers: {t1: 2s, t2: 1s, t9: 1s}
                  tcp:
                    max_connections: 10
                    max_connections_per_source: 50
                    message_timeout: 1ms
                """)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .anyMatch(s -> s.contains(":3: sip.max_server_transactions: must be between 100"))
                        .anyMatch(s -> s.contains(":4: sip.timers.t2: must not be shorter than t1"))
                        .anyMatch(s -> s.contains(":4: sip.timers.t9: unknown field"))
                        .anyMatch(s -> s.contains(":7: sip.tcp.max_connections_per_source: must not exceed"))
                        .anyMatch(s -> s.contains(":8: sip.tcp.message_timeout: must be between 100ms and 300s")));
    }
}
