package net.voicegslb.gslb.pbx.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import net.voicegslb.gslb.common.lab.NetworkEmulator;

/**
 * One call's media at one phone: a PCMU stream of 50 packets a second to the address the peer's
 * SDP gave (the node's relay), and RTCP reports every interval, each datagram through the
 * phone's network path. Everything runs on the {@link PhoneIo} loop; arrival times are taken when
 * the emulated network delivers, so the jitter and DLSR the phone reports include the path.
 */
final class MediaStream {

    private final PhoneIo io;
    private final NetworkEmulator network;
    private final PhoneCounters counters;
    private final long rtcpIntervalMillis;
    private final Random random;
    private final String cname;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final long ssrc;
    private final RtpReception reception = new RtpReception();
    private int sequence;
    private long timestamp;
    private long packets;
    private long octets;
    private InetSocketAddress remoteRtp;
    private InetSocketAddress remoteRtcp;
    private ScheduledFuture<?> rtpTimer;
    private ScheduledFuture<?> rtcpTimer;
    private volatile boolean closed;
    // what stats() reads from other threads; the reception itself stays confined to the loop
    private volatile long lostSoFar;

    MediaStream(PhoneIo io, NetworkEmulator network, InetAddress local, String cname, Random random,
            PhoneCounters counters, long rtcpIntervalMillis) throws IOException {
        this.io = io;
        this.network = network;
        this.counters = counters;
        this.rtcpIntervalMillis = rtcpIntervalMillis;
        this.random = random;
        this.cname = cname;
        this.ssrc = random.nextInt() & 0xffff_ffffL;
        this.sequence = random.nextInt(0x10000); // random initial values, RFC 3550 5.1
        this.timestamp = random.nextInt() & 0xffff_ffffL;
        this.rtp = io.open(new InetSocketAddress(local, 0), (from, data) -> arrived(from, data, true));
        try {
            this.rtcp = io.open(new InetSocketAddress(local, 0), (from, data) -> arrived(from, data, false));
        } catch (IOException e) {
            io.release(rtp);
            throw e;
        }
    }

    int rtpPort() {
        return rtp.socket().getLocalPort();
    }

    int rtcpPort() {
        return rtcp.socket().getLocalPort();
    }

    /** Starts sending to the peer's (the relay's) RTP and RTCP addresses. Loop thread. */
    void start(InetSocketAddress toRtp, InetSocketAddress toRtcp) {
        if (closed || rtpTimer != null) {
            return;
        }
        remoteRtp = toRtp;
        remoteRtcp = toRtcp;
        rtpTimer = io.every(this::sendRtp, 0, RtpPackets.PACKET_MILLIS);
        // the first report after a random part of the interval, so that calls do not report in step
        rtcpTimer = io.every(this::sendRtcp, rtcpIntervalMillis / 2 + random.nextInt((int) Math.max(1, rtcpIntervalMillis / 2)),
                rtcpIntervalMillis);
    }

    /** Stops sending and closes both sockets; returns what this stream lost, for the phone's total. */
    long stop() {
        closed = true;
        if (rtpTimer != null) {
            rtpTimer.cancel(false);
        }
        if (rtcpTimer != null) {
            rtcpTimer.cancel(false);
        }
        io.release(rtp);
        io.release(rtcp);
        return reception.lost();
    }

    /** Packets lost so far; safe from any thread. */
    long lost() {
        return lostSoFar;
    }

    private void sendRtp() {
        byte[] packet = RtpPackets.rtp(sequence, timestamp, ssrc, packets == 0);
        sequence = (sequence + 1) & 0xffff;
        timestamp = (timestamp + RtpPackets.SAMPLES_PER_PACKET) & 0xffff_ffffL;
        packets++;
        octets += RtpPackets.SAMPLES_PER_PACKET;
        counters.rtpSent.incrementAndGet();
        send(rtp, remoteRtp, packet);
    }

    private void sendRtcp() {
        long ntp = RtpPackets.ntp(System.currentTimeMillis());
        ReportBlock block = reception.report(System.nanoTime());
        byte[] report = RtpPackets.senderReport(ssrc, ntp, timestamp, packets, octets, block, cname);
        counters.rtcpSent.incrementAndGet();
        send(rtcp, remoteRtcp, report);
    }

    private void send(DatagramChannel ch, InetSocketAddress to, byte[] data) {
        network.send(to, () -> ch.send(ByteBuffer.wrap(data), to));
    }

    /** Selector thread: through the path, then onto the loop with the emulated arrival time. */
    private void arrived(InetSocketAddress from, byte[] data, boolean isRtp) {
        network.receive(from, () -> {
            long at = System.nanoTime();
            io.execute(() -> onPacket(data, isRtp, at));
        });
    }

    private void onPacket(byte[] d, boolean isRtp, long arrivalNanos) {
        if (closed) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        if (isRtp) {
            if (d.length < 12 || (d[0] & 0xC0) != 0x80) {
                return; // not RTP version 2: not ours to count
            }
            reception.onRtp(b.getShort(2) & 0xffff, b.getInt(4) & 0xffff_ffffL, b.getInt(8) & 0xffff_ffffL,
                    arrivalNanos);
            lostSoFar = reception.lost();
            counters.rtpReceived.incrementAndGet();
        } else if (d.length >= 28 && (d[0] & 0xC0) == 0x80 && (d[1] & 0xff) == 200) {
            reception.onSenderReport(b.getLong(8), arrivalNanos);
            counters.rtcpReceived.incrementAndGet();
        } else if (d.length >= 8) {
            counters.rtcpReceived.incrementAndGet();
        }
    }
}
