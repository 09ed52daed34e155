package net.voicegslb.gslb.deploy.it.gslb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import net.voicegslb.gslb.policy.telemetry.wire.TelemetryFrameCodec;

/**
 * Frames an attacker holding one node's token would send to hurt another node, encoded with the
 * real codec so that only their claims are wrong: each one, if accepted, would visibly change the
 * answers (the node drained, its path to a client made terrible).
 */
final class ForgedTelemetry {

    /** An RTT no other frame carries, so its eight bytes can be found and corrupted in the encoding. */
    private static final double MARKER_RTT = 12.345;

    private final TelemetryFrameCodec codec = new TelemetryFrameCodec();

    /** Hello, heartbeat (SHUTTING_DOWN) and batch (900 ms to {@code client}) of {@code victim}, sent as {@code victim}. */
    List<byte[]> impersonating(LabNode victim, ClientNetwork client) {
        long now = System.currentTimeMillis();
        NodeHello hello = new NodeHello(WireProtocol.VERSION, victim.id(), victim.site(), victim.hostname(),
                List.of(address(victim.address())), List.of(new SipEndpoint(SipTransport.UDP, 5060)), 1000, "forged",
                1000);
        NodeHeartbeat drain = new NodeHeartbeat(WireProtocol.VERSION, victim.id(), 1, Set.of(HealthFlag.SHUTTING_DOWN),
                0, 0, 0, 0);
        return List.of(
                codec.encode(TelemetryEnvelope.of(victim.id(), 1, now, hello)),
                codec.encode(TelemetryEnvelope.of(victim.id(), 2, now, drain)),
                codec.encode(TelemetryEnvelope.of(victim.id(), 3, now, terribleBatch(victim, client, 900))));
    }

    /** A heartbeat whose envelope is the sender's own id but whose payload speaks for {@code victim}. */
    byte[] payloadFor(LabNode sender, LabNode victim) {
        NodeHeartbeat drain = new NodeHeartbeat(WireProtocol.VERSION, victim.id(), 1, Set.of(HealthFlag.SHUTTING_DOWN),
                0, 0, 0, 0);
        return codec.encode(TelemetryEnvelope.of(sender.id(), 4, System.currentTimeMillis(), drain));
    }

    /** Bytes that are no telemetry frame: text, and a header with the wrong magic. */
    static List<byte[]> malformed() {
        byte[] badMagic = new byte[40];
        badMagic[0] = 'X';
        badMagic[1] = 'Y';
        badMagic[2] = 1;
        return List.of("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), badMagic);
    }

    /** {@code sender}'s own batch with a negative RTT written into the bytes (the codec cannot encode one). */
    byte[] negativeRtt(LabNode sender, ClientNetwork client) {
        byte[] frame = codec.encode(TelemetryEnvelope.of(sender.id(), 5, System.currentTimeMillis(),
                new MeasurementBatch(WireProtocol.VERSION, sender.id(), sender.site(), System.currentTimeMillis(),
                        List.of(new PrefixMeasurement(ClientPrefix.parse(client.prefix()), MeasurementSource.STAMP,
                                MARKER_RTT, 1, 0, 10)), false)));
        byte[] marker = ByteBuffer.allocate(8).putDouble(MARKER_RTT).array();
        byte[] negative = ByteBuffer.allocate(8).putDouble(-MARKER_RTT).array();
        for (int i = 0; i + 8 <= frame.length; i++) {
            if (java.util.Arrays.equals(frame, i, i + 8, marker, 0, 8)) {
                System.arraycopy(negative, 0, frame, i, 8);
                return frame;
            }
        }
        throw new IllegalStateException("the RTT's bytes are not in the encoded batch");
    }

    private static MeasurementBatch terribleBatch(LabNode victim, ClientNetwork client, double rttMillis) {
        return new MeasurementBatch(WireProtocol.VERSION, victim.id(), victim.site(), System.currentTimeMillis(),
                List.of(new PrefixMeasurement(ClientPrefix.parse(client.prefix()), MeasurementSource.STAMP, rttMillis,
                        50, 0.5, 10_000)), false);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
