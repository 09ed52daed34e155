package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import net.voicegslb.gslb.dns.config.TelemetryAdmission;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {

    private static final long SECOND = 1_000_000_000L;

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        ConnectionGate gate = new ConnectionGate(new TelemetryAdmission(1000, 1000, 2, 3, Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            assertThat(gate.admit(ip(2), 0)).isNull();
        }
        assertThat(gate.admit(ip(2), 0)).isEqualTo(ConnectionGate.Refusal.SOURCE_RATE);
        assertThat(gate.admit(ip(3), 0)).as("another source has its own bucket").isNull();
        assertThat(gate.admit(ip(2), SECOND / 2)).as("2/s refills one in half a second").isNull();
        assertThat(gate.admit(ip(2), SECOND / 2)).isEqualTo(ConnectionGate.Refusal.SOURCE_RATE);
    }

    @Test
    void anonymousConnectionsAreCappedPerSourceAndInTotal() throws Exception {
        ConnectionGate gate = new ConnectionGate(new TelemetryAdmission(3, 2, 100, 100, Duration.ofSeconds(5)));
        assertThat(gate.admit(ip(2), 0)).isNull();
        assertThat(gate.admit(ip(2), 0)).isNull();
        assertThat(gate.admit(ip(2), 0)).isEqualTo(ConnectionGate.Refusal.SOURCE_LIMIT);
        assertThat(gate.admit(ip(3), 0)).isNull();
        assertThat(gate.admit(ip(4), 0)).isEqualTo(ConnectionGate.Refusal.TOTAL_LIMIT);
        assertThat(gate.pending()).isEqualTo(3);
    }

    @Test
    void anAuthenticatedOrClosedConnectionGivesItsSlotBack() throws Exception {
        ConnectionGate gate = new ConnectionGate(new TelemetryAdmission(1, 1, 100, 100, Duration.ofSeconds(5)));
        assertThat(gate.admit(ip(2), 0)).isNull();
        assertThat(gate.admit(ip(3), 0)).isEqualTo(ConnectionGate.Refusal.TOTAL_LIMIT);

        gate.release(ip(2));
        gate.release(ip(2)); // a second release (close after authentication) changes nothing

        assertThat(gate.pending()).isZero();
        assertThat(gate.pendingFrom(ip(2))).isZero();
        assertThat(gate.admit(ip(3), 0)).isNull();
    }

    @Test
    void theSourceTableStaysBoundedAndKeepsSourcesWithOpenConnections() throws Exception {
        ConnectionGate gate = new ConnectionGate(new TelemetryAdmission(10, 10, 100, 100, Duration.ofSeconds(5)));
        assertThat(gate.admit(ip(2), 0)).isNull();
        for (int i = 0; i < ConnectionGate.MAX_SOURCES + 100; i++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            gate.admit(a, 0);
            gate.release(a);
        }
        assertThat(gate.pendingFrom(ip(2))).as("still holding a slot, never forgotten").isEqualTo(1);
    }
}
