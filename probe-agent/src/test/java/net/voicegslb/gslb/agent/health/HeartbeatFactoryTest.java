package net.voicegslb.gslb.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import org.junit.jupiter.api.Test;

class HeartbeatFactoryTest {

    record Load(boolean registrar, boolean rtp, int calls, int regs, int free) implements NodeLoad {
        public boolean registrarHealthy() { return registrar; }
        public boolean rtpHealthy() { return rtp; }
        public int activeCalls() { return calls; }
        public int registrations() { return regs; }
        public int freeRtpPorts() { return free; }
    }

    @Test
    void aHealthyNodeCarriesItsCountersAndTheLargerOfCpuAndCallLoad() {
        HeartbeatFactory f = new HeartbeatFactory("fra-1", new Load(true, true, 50, 900, 4000), () -> 0.2, 200, 0.9, 100);
        NodeHeartbeat hb = f.next();
        assertThat(hb.flags()).isEmpty();
        assertThat(hb.activeCalls()).isEqualTo(50);
        assertThat(hb.registrations()).isEqualTo(900);
        assertThat(hb.freeRtpPorts()).isEqualTo(4000);
        assertThat(hb.load()).isEqualTo(0.25);
        assertThat(f.next().sequence()).isEqualTo(hb.sequence() + 1);
    }

    @Test
    void problemsBecomeFlags() {
        HeartbeatFactory f = new HeartbeatFactory("fra-1", new Load(false, false, 200, 0, 5), () -> 0.95, 200, 0.9, 100);
        f.shuttingDown();
        assertThat(f.next().flags()).containsExactlyInAnyOrder(HealthFlag.REGISTRAR_UNAVAILABLE,
                HealthFlag.RTP_ENGINE_DOWN, HealthFlag.SHUTTING_DOWN, HealthFlag.OVERLOADED, HealthFlag.RTP_PORTS_LOW);
        assertThat(f.next().load()).isEqualTo(1.0);
    }
}
