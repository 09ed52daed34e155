package net.voicegslb.gslb.rtp.control;

/** Clock rates of the static audio payload types (RFC 3551 table 4), for SDP without rtpmap. */
final class StaticPayloadTypes {

    private StaticPayloadTypes() {}

    static int clockRate(int payloadType) {
        return switch (payloadType) {
            case 6 -> 16000;
            case 10, 11 -> 44100;
            case 14, 25, 26, 28, 31, 32, 33, 34 -> 90000;
            case 16 -> 11025;
            case 17 -> 22050;
            // 0 PCMU, 3 GSM, 4 G723, 5 DVI4, 8 PCMA, 9 G722 (8000 by RFC 3551's famous exception),
            // 18 G729, and anything unknown: telephony's 8000 is the safest guess.
            default -> 8000;
        };
    }
}
