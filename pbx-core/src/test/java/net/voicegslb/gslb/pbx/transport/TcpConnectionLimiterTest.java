package net.voicegslb.gslb.pbx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TcpConnectionLimiterTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void refusesBeyondThePerSourceCapAndTheTotalAndGivesPlacesBack() throws Exception {
        TcpConnectionLimiter limiter = new TcpConnectionLimiter(3, 2);
        assertThat(limiter.acquire(ip("192.0.2.1"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
        assertThat(limiter.acquire(ip("192.0.2.1"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
        assertThat(limiter.acquire(ip("192.0.2.1"))).isEqualTo(TcpConnectionLimiter.Verdict.TOO_MANY_FROM_SOURCE);
        assertThat(limiter.acquire(ip("192.0.2.2"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
        assertThat(limiter.acquire(ip("192.0.2.3"))).isEqualTo(TcpConnectionLimiter.Verdict.TOO_MANY);
        assertThat(limiter.open()).isEqualTo(3);
        limiter.release(ip("192.0.2.1"));
        assertThat(limiter.acquire(ip("192.0.2.1"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
        limiter.release(ip("192.0.2.1"));
        limiter.release(ip("192.0.2.1"));
        limiter.release(ip("192.0.2.2"));
        assertThat(limiter.open()).isZero();
        assertThat(limiter.sources()).as("no entry left for sources without connections").isZero();
    }

    @Test
    void anIpv6Slash64IsOneSource() throws Exception {
        TcpConnectionLimiter limiter = new TcpConnectionLimiter(100, 1);
        assertThat(limiter.acquire(ip("2001:db8:1:2::1"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
        assertThat(limiter.acquire(ip("2001:db8:1:2:ffff::9")))
                .isEqualTo(TcpConnectionLimiter.Verdict.TOO_MANY_FROM_SOURCE);
        assertThat(limiter.acquire(ip("2001:db8:1:3::1"))).isEqualTo(TcpConnectionLimiter.Verdict.ADMITTED);
    }
}
