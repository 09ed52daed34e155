package net.voicegslb.gslb.rtp.control;

import java.net.InetSocketAddress;

/**
 * What the relay needs from a party's SDP: where its audio RTP and RTCP go, whether it does
 * rtcp-mux, and the clock rate of its first payload type (for jitter).
 *
 * @param rtp RTP address (connection address + first audio m= port)
 * @param rtcp RTCP address (a=rtcp, else RTP port + 1)
 * @param rtcpMux a=rtcp-mux present in the audio section
 * @param clockRate clock rate of the first payload type listed
 */
public record SdpMedia(InetSocketAddress rtp, InetSocketAddress rtcp, boolean rtcpMux, int clockRate) {}
