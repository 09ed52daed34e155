package net.voicegslb.gslb.agent.health;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;

/**
 * Turns the node's state into a {@link NodeHeartbeat}: registrar and RTP health become fatal flags,
 * a CPU above {@code overloadedCpu} or a call count at capacity becomes OVERLOADED, fewer free RTP
 * ports than {@code lowRtpPorts} becomes RTP_PORTS_LOW. Load is the larger of CPU and call
 * utilisation, so a node full of calls on an idle CPU still reads as loaded.
 */
public final class HeartbeatFactory {

    private final String nodeId;
    private final NodeLoad node;
    private final DoubleSupplier cpu;
    private final int capacityCalls;
    private final double overloadedCpu;
    private final int lowRtpPorts;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean shuttingDown;

    public HeartbeatFactory(String nodeId, NodeLoad node, DoubleSupplier cpu, int capacityCalls, double overloadedCpu,
                            int lowRtpPorts) {
        this.nodeId = nodeId;
        this.node = node;
        this.cpu = cpu;
        this.capacityCalls = capacityCalls;
        this.overloadedCpu = overloadedCpu;
        this.lowRtpPorts = lowRtpPorts;
    }

    /** From now on heartbeats say SHUTTING_DOWN, so DNS drains the node before it goes. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    public NodeHeartbeat next() {
        Set<HealthFlag> flags = EnumSet.noneOf(HealthFlag.class);
        if (!node.registrarHealthy()) {
            flags.add(HealthFlag.REGISTRAR_UNAVAILABLE);
        }
        if (!node.rtpHealthy()) {
            flags.add(HealthFlag.RTP_ENGINE_DOWN);
        }
        if (shuttingDown) {
            flags.add(HealthFlag.SHUTTING_DOWN);
        }
        int calls = Math.max(0, node.activeCalls());
        double cpuLoad = clamp(cpu.getAsDouble());
        double callLoad = capacityCalls > 0 ? clamp((double) calls / capacityCalls) : 0;
        if (cpuLoad >= overloadedCpu || (capacityCalls > 0 && calls >= capacityCalls)) {
            flags.add(HealthFlag.OVERLOADED);
        }
        int free = node.freeRtpPorts();
        if (free >= 0 && free < lowRtpPorts) {
            flags.add(HealthFlag.RTP_PORTS_LOW);
        }
        return new NodeHeartbeat(WireProtocol.VERSION, nodeId, sequence.incrementAndGet(), flags, calls,
                Math.max(0, node.registrations()), Math.max(0, free), Math.max(cpuLoad, callLoad));
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
