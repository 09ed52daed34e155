package net.voicegslb.gslb.pbx.proxy;

import java.net.InetAddress;
import net.voicegslb.gslb.rtp.control.MediaControl;
import net.voicegslb.gslb.rtp.control.RelayFullException;
import net.voicegslb.gslb.rtp.control.SdpException;
import net.voicegslb.gslb.rtp.control.UnknownCallException;

/** {@link MediaAnchor} over the embedded rtp-engine relay; its errors become SIP statuses. */
public final class RelayMediaAnchor implements MediaAnchor {

    private final MediaControl relay;

    public RelayMediaAnchor(MediaControl relay) {
        this.relay = relay;
    }

    @Override
    public String offer(String callId, String fromTag, String sdp) throws MediaException {
        return offer(callId, fromTag, sdp, null);
    }

    @Override
    public String offer(String callId, String fromTag, String sdp, InetAddress sipSource) throws MediaException {
        try {
            return relay.offer(callId, fromTag, sdp, sipSource);
        } catch (RelayFullException e) {
            throw new MediaException(503, "Media relay full");
        } catch (SdpException e) {
            throw new MediaException(488, "Not Acceptable Here: " + e.getMessage());
        }
    }

    @Override
    public String answer(String callId, String fromTag, String toTag, String sdp) throws MediaException {
        return answer(callId, fromTag, toTag, sdp, null);
    }

    @Override
    public String answer(String callId, String fromTag, String toTag, String sdp, InetAddress sipSource)
            throws MediaException {
        try {
            return relay.answer(callId, fromTag, toTag, sdp, sipSource);
        } catch (UnknownCallException e) {
            throw new MediaException(500, "Media session lost");
        } catch (SdpException e) {
            throw new MediaException(488, "Not Acceptable Here: " + e.getMessage());
        }
    }

    @Override
    public void release(String callId) {
        relay.delete(callId);
    }
}
