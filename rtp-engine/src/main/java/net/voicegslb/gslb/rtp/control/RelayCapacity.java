package net.voicegslb.gslb.rtp.control;

/**
 * Capacity snapshot of one relay instance.
 *
 * @param sessions calls anchored now
 * @param maxSessions configured session limit
 * @param portsTotal ports in the configured range usable as pairs
 * @param portsInUse ports bound by calls
 * @param streamsWaiting streams with no media yet
 * @param streamsActive streams with media in the last 2 s
 * @param streamsIdle latched streams silent for 2 s or more
 * @param packetsPerSecond relayed packets per second over the last second
 * @param bytesPerSecond relayed bytes per second over the last second
 */
public record RelayCapacity(int sessions, int maxSessions, int portsTotal, int portsInUse, int streamsWaiting,
        int streamsActive, int streamsIdle, double packetsPerSecond, double bytesPerSecond) {

    public int portsFree() {
        return portsTotal - portsInUse;
    }

    /** True when the next offer would be refused: what the node reports as "full". */
    public boolean full() {
        return sessions >= maxSessions || portsFree() < 4;
    }
}
