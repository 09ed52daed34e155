package net.voicegslb.gslb.rtp.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and rewrites the parts of an SDP (RFC 4566) that media anchoring touches, line by line;
 * every other line is copied through untouched. The first audio stream is relayed; any further
 * m= sections are declined with port 0 (RFC 3264 section 6), because the relay anchors one
 * stream per call. ICE candidates are removed: the relay is the only address the peer should use.
 */
public final class Sdp {

    private Sdp() {}

    /** The first audio stream of {@code sdp}. */
    public static SdpMedia audio(String sdp) throws SdpException {
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        int rtcpPort = -1;
        boolean mux = false;
        int payloadType = -1;
        int clockRate = -1;
        boolean inAudio = false;
        boolean seenAudio = false;
        for (String line : lines(sdp)) {
            if (line.startsWith("m=")) {
                inAudio = !seenAudio && line.startsWith("m=audio ");
                if (inAudio) {
                    seenAudio = true;
                    String[] f = line.substring(2).split(" +");
                    if (f.length < 4) {
                        throw new SdpException("malformed m= line: " + line);
                    }
                    port = parsePort(f[1], line);
                    payloadType = parseInt(f[3], -1);
                }
            } else if (line.startsWith("c=")) {
                String address = connectionAddress(line);
                if (inAudio) {
                    mediaAddress = address;
                } else if (!seenAudio) {
                    sessionAddress = address;
                }
            } else if (inAudio && line.startsWith("a=rtcp:")) {
                rtcpPort = parsePort(line.substring(7).split(" ")[0], line);
            } else if (inAudio && line.equals("a=rtcp-mux")) {
                mux = true;
            } else if (inAudio && line.startsWith("a=rtpmap:" + payloadType + " ")) {
                clockRate = rtpmapClockRate(line);
            }
        }
        if (!seenAudio) {
            throw new SdpException("no m=audio stream");
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null) {
            throw new SdpException("no c= connection address for the audio stream");
        }
        InetAddress ip = literal(address);
        if (clockRate <= 0) {
            clockRate = StaticPayloadTypes.clockRate(payloadType);
        }
        return new SdpMedia(new InetSocketAddress(ip, port), new InetSocketAddress(ip, rtcpPort > 0 ? rtcpPort : port + 1),
                mux, clockRate);
    }

    /**
     * Rewrites {@code sdp} so that the party reading it sends media to {@code address}:{@code rtpPort}
     * (RTCP to {@code rtpPort + 1}, or the same port if rtcp-mux stays).
     */
    public static String rewrite(String sdp, InetAddress address, int rtpPort) {
        String ipVersion = address.getAddress().length == 4 ? "IP4" : "IP6";
        String host = address.getHostAddress();
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(sdp.length() + 32);
        boolean inAudio = false;
        boolean seenAudio = false;
        for (String line : lines(sdp)) {
            String rewritten = line;
            if (line.startsWith("m=")) {
                inAudio = !seenAudio && line.startsWith("m=audio ");
                seenAudio |= inAudio;
                rewritten = replaceField(line, 1, inAudio ? Integer.toString(rtpPort) : "0");
            } else if (line.startsWith("c=")) {
                rewritten = "c=IN " + ipVersion + " " + host;
            } else if (line.startsWith("o=")) {
                String[] f = line.split(" ");
                if (f.length == 6) {
                    f[4] = ipVersion;
                    f[5] = host;
                    rewritten = String.join(" ", f);
                }
            } else if (line.startsWith("a=rtcp:")) {
                rewritten = inAudio ? "a=rtcp:" + (rtpPort + 1) + " IN " + ipVersion + " " + host : line;
            } else if (isIce(line)) {
                continue;
            }
            out.append(rewritten).append(eol);
        }
        return out.toString();
    }

    private static boolean isIce(String line) {
        return line.startsWith("a=candidate:") || line.startsWith("a=ice-") || line.equals("a=end-of-candidates")
                || line.startsWith("a=remote-candidates:");
    }

    private static List<String> lines(String sdp) {
        List<String> out = new ArrayList<>();
        for (String l : sdp.split("\r?\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    private static String replaceField(String mLine, int index, String value) {
        String[] f = mLine.split(" ");
        if (f.length > index) {
            // The port may carry "/count"; a relay allocates exactly one pair, so drop it.
            f[index] = value;
        }
        return String.join(" ", f);
    }

    private static String connectionAddress(String line) throws SdpException {
        String[] f = line.substring(2).trim().split(" +");
        if (f.length < 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpException("unsupported connection line: " + line);
        }
        // Multicast TTL/count suffixes ("/127") are not ours to relay; keep the address part.
        return f[2].split("/")[0];
    }

    private static InetAddress literal(String address) throws SdpException {
        // Only IP literals: resolving a name from untrusted SDP would let a peer make us do DNS.
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new SdpException("connection address is not an IP literal: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new SdpException("bad connection address: " + address);
        }
    }

    private static int parsePort(String field, String line) throws SdpException {
        int port = parseInt(field.split("/")[0], -1);
        if (port < 0 || port > 65535) {
            throw new SdpException("bad port in: " + line);
        }
        return port;
    }

    private static int rtpmapClockRate(String line) {
        String[] f = line.split(" ", 2);
        if (f.length < 2) {
            return -1;
        }
        String[] enc = f[1].split("/");
        return enc.length >= 2 ? parseInt(enc[1].trim(), -1) : -1;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
