package net.voicegslb.gslb.policy.telemetry.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.model.SipEndpoint;
import net.voicegslb.gslb.policy.model.SipTransport;
import net.voicegslb.gslb.policy.telemetry.HealthFlag;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.NodeHello;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;

/**
 * Binary encoding of one {@link TelemetryEnvelope} per WebSocket binary frame, both directions
 * (agent → DNS node and DNS node → agent). Stateless and thread-safe; JDK only, so the DNS
 * server's ingest uses the very same code. Layout (big-endian, see policy/README.md):
 *
 * <pre>
 *  0  2  magic 0x56 0x47 ("VG")
 *  2  1  protocol version
 *  3  1  frame type ({@link FrameType})
 *  4  8  sequence, per sender and connection
 * 12  8  sent-at, sender's epoch milliseconds
 * 20  1+n sender id (u8 length, UTF-8)
 *  .  .  payload, which must end exactly at the end of the frame
 * </pre>
 *
 * The decoder never trusts a length: every count is checked against the bytes left before anything
 * is allocated, frames above {@link #MAX_FRAME_BYTES} are refused unread, and values the records
 * refuse (negative counters, NaN ratios) become {@link MalformedFrameException}s.
 */
public final class TelemetryFrameCodec {

    public static final int MAGIC = 0x5647;
    public static final int MAX_FRAME_BYTES = 1 << 20;
    public static final int MAX_STRING_BYTES = 255;
    static final int HEADER_BYTES = 21;
    // Smallest encodings, used to bound counts before allocation.
    private static final int MIN_MEASUREMENT_BYTES = 2 + 1 + 8 * 3 + 4;
    private static final int MIN_TARGET_BYTES = 2 + 5 + 1 + 8;

    /** Encodes an envelope. Throws IllegalArgumentException if it cannot be represented (e.g. id too long). */
    public byte[] encode(TelemetryEnvelope envelope) {
        WireWriter w = new WireWriter(64);
        TelemetryMessage payload = envelope.payload();
        w.u16(MAGIC);
        w.u8(envelope.protocolVersion());
        w.u8(FrameType.of(payload).code());
        w.u64(envelope.sequence());
        w.u64(envelope.sentAtMillis());
        w.string(envelope.senderId());
        if (payload instanceof NodeHello h) {
            hello(w, h);
        } else if (payload instanceof NodeHeartbeat hb) {
            heartbeat(w, hb);
        } else if (payload instanceof MeasurementBatch b) {
            batch(w, b);
        } else {
            targets(w, (ProbeTargetList) payload);
        }
        if (w.position() > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + w.position() + " bytes exceeds " + MAX_FRAME_BYTES
                    + "; split the batch");
        }
        return w.toByteArray();
    }

    public TelemetryEnvelope decode(byte[] frame) throws MalformedFrameException {
        return decode(frame, 0, frame.length);
    }

    public TelemetryEnvelope decode(byte[] frame, int offset, int length) throws MalformedFrameException {
        if (length > MAX_FRAME_BYTES) {
            throw new MalformedFrameException("frame of " + length + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        WireReader r = new WireReader(frame, offset, length);
        int magic = r.u16("magic");
        if (magic != MAGIC) {
            throw new MalformedFrameException("bad magic 0x" + Integer.toHexString(magic));
        }
        int version = r.u8("version");
        if (!WireProtocol.isSupported(version)) {
            throw new MalformedFrameException("unsupported protocol version " + version + " (supported "
                    + WireProtocol.MIN_SUPPORTED + ".." + WireProtocol.VERSION + ")");
        }
        int code = r.u8("type");
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new MalformedFrameException("unknown frame type " + code);
        }
        long sequence = r.u64("sequence");
        long sentAt = r.u64("sent-at");
        String sender = r.string("sender id");
        try {
            TelemetryMessage payload = switch (type) {
                case HELLO -> hello(r, version);
                case HEARTBEAT -> heartbeat(r, version);
                case MEASUREMENT_BATCH -> batch(r, version);
                case PROBE_TARGET_LIST -> targets(r, version);
            };
            if (r.remaining() != 0) {
                throw new MalformedFrameException(r.remaining() + " trailing bytes after " + type);
            }
            return new TelemetryEnvelope(version, sender, sequence, sentAt, payload);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A well-formed layout carrying values the records refuse (e.g. load 7.0, negative sequence).
            throw new MalformedFrameException(type + ": " + e.getMessage(), e);
        }
    }


    // --- hello: node, site, host, u8 n × address, u8 n × (u8 transport, u16 port), u32 capacity,
    //     software version, u64 heartbeat interval ms

    private static void hello(WireWriter w, NodeHello h) {
        w.string(h.nodeId());
        w.string(h.siteId());
        w.string(h.hostname());
        w.u8(checkedCount(h.addresses().size(), 255, "addresses"));
        h.addresses().forEach(w::address);
        w.u8(checkedCount(h.sipEndpoints().size(), 255, "SIP endpoints"));
        for (SipEndpoint e : h.sipEndpoints()) {
            w.u8(e.transport().ordinal());
            w.u16(e.port());
        }
        w.u32(h.capacityCalls());
        w.string(h.softwareVersion());
        w.u64(h.heartbeatIntervalMillis());
    }

    private static NodeHello hello(WireReader r, int version) throws MalformedFrameException {
        String node = r.string("node id");
        String site = r.string("site id");
        String host = r.string("hostname");
        int na = r.count("addresses", 1, 5);
        List<InetAddress> addresses = new ArrayList<>(na);
        for (int i = 0; i < na; i++) {
            addresses.add(r.address("address"));
        }
        int ne = r.count("SIP endpoints", 1, 3);
        List<SipEndpoint> endpoints = new ArrayList<>(ne);
        for (int i = 0; i < ne; i++) {
            endpoints.add(new SipEndpoint(ordinal(SipTransport.values(), r.u8("transport"), "transport"),
                    r.u16("port")));
        }
        int capacity = r.u31("capacity");
        String software = r.string("software version");
        long interval = r.u64("heartbeat interval");
        return new NodeHello(version, node, site, host, addresses, endpoints, capacity, software, interval);
    }

    // --- heartbeat: u64 sequence, u32 flag bits (1 << ordinal), u32 calls, u32 registrations,
    //     u32 free RTP ports, f64 load

    private static void heartbeat(WireWriter w, NodeHeartbeat hb) {
        w.string(hb.nodeId());
        w.u64(hb.sequence());
        long bits = 0;
        for (HealthFlag f : hb.flags()) {
            bits |= 1L << f.ordinal();
        }
        w.u32(bits);
        w.u32(hb.activeCalls());
        w.u32(hb.registrations());
        w.u32(hb.freeRtpPorts());
        w.f64(hb.load());
    }

    private static NodeHeartbeat heartbeat(WireReader r, int version) throws MalformedFrameException {
        String node = r.string("node id");
        long seq = r.u64("heartbeat sequence");
        long bits = r.u32("flags");
        HealthFlag[] all = HealthFlag.values();
        if ((bits >>> all.length) != 0) {
            throw new MalformedFrameException("unknown health flag bits 0x" + Long.toHexString(bits));
        }
        Set<HealthFlag> flags = EnumSet.noneOf(HealthFlag.class);
        for (HealthFlag f : all) {
            if ((bits & (1L << f.ordinal())) != 0) {
                flags.add(f);
            }
        }
        return new NodeHeartbeat(version, node, seq, flags, r.u31("active calls"), r.u31("registrations"),
                r.u31("free RTP ports"), r.f64("load"));
    }

    // --- batch: node, site, u64 window end, u8 flags (bit 0 snapshot), u32 n × measurement
    //     measurement: prefix, u8 source, f64 rtt ms, f64 jitter ms, f64 loss ratio, u32 samples

    private static void batch(WireWriter w, MeasurementBatch b) {
        w.string(b.nodeId());
        w.string(b.siteId());
        w.u64(b.windowEndMillis());
        w.u8(b.snapshot() ? 1 : 0);
        w.u32(b.measurements().size());
        for (PrefixMeasurement m : b.measurements()) {
            w.prefix(m.prefix());
            w.u8(m.source().ordinal());
            w.f64(m.rttMillis());
            w.f64(m.jitterMillis());
            w.f64(m.lossRatio());
            w.u32(m.sampleCount());
        }
    }

    private static MeasurementBatch batch(WireReader r, int version) throws MalformedFrameException {
        String node = r.string("node id");
        String site = r.string("site id");
        long windowEnd = r.u64("window end");
        int flags = r.u8("batch flags");
        if ((flags & ~1) != 0) {
            throw new MalformedFrameException("unknown batch flag bits 0x" + Integer.toHexString(flags));
        }
        int n = r.count("measurements", 4, MIN_MEASUREMENT_BYTES);
        List<PrefixMeasurement> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new PrefixMeasurement(r.prefix("prefix"),
                    ordinal(MeasurementSource.values(), r.u8("source"), "source"),
                    r.f64("rtt"), r.f64("jitter"), r.f64("loss"), r.u31("samples")));
        }
        return new MeasurementBatch(version, node, site, windowEnd, list, flags == 1);
    }

    // --- targets: u64 generation, u32 n × (prefix, address, u8 method, f64 weight)

    private static void targets(WireWriter w, ProbeTargetList l) {
        w.u64(l.generation());
        w.u32(l.targets().size());
        for (ProbeTarget t : l.targets()) {
            w.prefix(t.prefix());
            w.address(t.address());
            w.u8(t.method().ordinal());
            w.f64(t.weight());
        }
    }

    private static ProbeTargetList targets(WireReader r, int version) throws MalformedFrameException {
        long generation = r.u64("generation");
        int n = r.count("targets", 4, MIN_TARGET_BYTES);
        List<ProbeTarget> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new ProbeTarget(r.prefix("prefix"), r.address("address"),
                    ordinal(MeasurementSource.values(), r.u8("method"), "method"), r.f64("weight")));
        }
        return new ProbeTargetList(version, generation, list);
    }

    private static <E> E ordinal(E[] values, int ordinal, String what) throws MalformedFrameException {
        if (ordinal >= values.length) {
            throw new MalformedFrameException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }

    private static int checkedCount(int n, int max, String what) {
        if (n > max) {
            throw new IllegalArgumentException("more than " + max + " " + what);
        }
        return n;
    }
}
