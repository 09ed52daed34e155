package net.voicegslb.gslb.agent.health;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

/** Whole-machine CPU load in [0, 1] from the JDK's OperatingSystemMXBean; 0 where unavailable. */
public final class CpuLoad implements DoubleSupplier {

    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public double getAsDouble() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double v = sun.getCpuLoad();
            return v >= 0 && v <= 1 ? v : 0; // negative: not available yet
        }
        return 0;
    }
}
