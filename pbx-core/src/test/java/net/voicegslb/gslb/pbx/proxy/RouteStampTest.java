package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.config.ProxyConfig.RouteSecret;
import org.junit.jupiter.api.Test;

class RouteStampTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private RouteStamp stamp(RouteSecret... secrets) {
        return new RouteStamp(List.of(secrets), Duration.ofHours(1), now::get);
    }

    @Test
    void aStampVerifiesForItsCallWithTheCallersTagOnEitherSide() {
        RouteStamp s = stamp(new RouteSecret("k1", "a-route-secret-0123456789"));
        String v = s.stamp("call-1", "tagA");
        assertThat(v).startsWith("k1.");
        assertThat(s.valid(v, "call-1", "tagA", null)).isTrue();
        assertThat(s.valid(v, "call-1", "tagB", "tagA")).as("callee's request: caller tag in To").isTrue();
        assertThat(s.valid(v, "call-2", "tagA", null)).isFalse();
        assertThat(s.valid(v, "call-1", "tagX", "tagY")).isFalse();
        assertThat(s.valid(v.substring(0, v.length() - 1) + "0", "call-1", "tagA", null)).isFalse();
        assertThat(s.valid("k1.x.00", "call-1", "tagA", null)).isFalse();
        assertThat(s.valid(null, "call-1", "tagA", null)).isFalse();
    }

    @Test
    void stampsExpireWithTheDialogAgeLimit() {
        RouteStamp s = stamp(new RouteSecret("k1", "a-route-secret-0123456789"));
        String v = s.stamp("call-1", "tagA");
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        assertThat(s.valid(v, "call-1", "tagA", null)).isTrue();
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(s.valid(v, "call-1", "tagA", null)).isFalse();
    }

    @Test
    void rotationKeepsOldStampsValidWhileTheOldKeyIsListed() {
        RouteStamp before = stamp(new RouteSecret("k1", "a-route-secret-0123456789"));
        String old = before.stamp("call-1", "tagA");
        RouteStamp after = stamp(new RouteSecret("k2", "the-next-secret-9876543210"),
                new RouteSecret("k1", "a-route-secret-0123456789"));
        assertThat(after.stamp("call-1", "tagA")).startsWith("k2.");
        assertThat(after.valid(old, "call-1", "tagA", null)).isTrue();
        RouteStamp retired = stamp(new RouteSecret("k2", "the-next-secret-9876543210"));
        assertThat(retired.valid(old, "call-1", "tagA", null)).isFalse();
        assertThat(stamp().valid(old, "call-1", "tagA", null)).as("random per-process key").isFalse();
    }

    @Test
    void theParameterIsFoundInARouteUri() throws Exception {
        assertThat(RouteStamp.of(SipUri.parse("sip:10.0.0.1:5060;gslb-d=k1.5.ab;lr"))).isEqualTo("k1.5.ab");
        assertThat(RouteStamp.of(SipUri.parse("sip:10.0.0.1;lr"))).isNull();
    }
}
