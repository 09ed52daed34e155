package net.voicegslb.gslb.dns.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.ProbeTarget;
import net.voicegslb.gslb.policy.telemetry.ProbeTargetList;
import net.voicegslb.gslb.policy.telemetry.TelemetryEnvelope;
import net.voicegslb.gslb.policy.telemetry.TelemetryMessage;
import net.voicegslb.gslb.policy.telemetry.WireProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameValidatorTest {

    static final long NOW = 1_700_000_000_000L;
    final FrameValidator validator = new FrameValidator(Duration.ofSeconds(30));
    final StreamState fresh = new StreamState("fra-1", "fra", 0, false);
    final StreamState open = new StreamState("fra-1", "fra", 5, true);

    Optional<RejectReason> check(TelemetryMessage m, StreamState s) {
        return check("fra-1", 6, NOW, m, s);
    }

    Optional<RejectReason> check(String sender, long seq, long sentAt, TelemetryMessage m, StreamState s) {
        return validator.validate(TelemetryEnvelope.of(sender, seq, sentAt, m), s, NOW);
    }

    @Test
    void aGoodStreamPasses() {
        assertThat(check(Frames.hello("fra-1", "fra"), fresh)).isEmpty();
        assertThat(check(Frames.heartbeat("fra-1"), open)).isEmpty();
        assertThat(check(Frames.batch("fra-1", "fra", "192.0.2.0/24", "2001:db8::/48"), open)).isEmpty();
        assertThat(check(Frames.batch("fra-1", "fra"), open)).as("an empty snapshot is fine").isEmpty();
        assertThat(check(Frames.hello("fra-1", "fra"), open)).as("a repeated hello re-advertises").isEmpty();
    }

    @Test
    void probeTargetListsFromAgentsAreUnexpected() {
        ProbeTargetList l = new ProbeTargetList(WireProtocol.VERSION, 1, List.of(new ProbeTarget(
                ClientPrefix.parse("192.0.2.0/24"), InetAddress.getLoopbackAddress(), MeasurementSource.DNS_PROBE, 1)));
        assertThat(check(l, open)).contains(RejectReason.UNEXPECTED_TYPE);
        assertThat(check("fra-1", 6, NOW, l, fresh)).contains(RejectReason.UNEXPECTED_TYPE);
    }

    @Test
    void anotherNodesIdInTheEnvelopeOrThePayloadIsASenderMismatch() {
        assertThat(check("nyc-1", 6, NOW, Frames.hello("fra-1", "fra"), fresh)).contains(RejectReason.SENDER_MISMATCH);
        assertThat(check(Frames.hello("nyc-1", "fra"), fresh)).contains(RejectReason.SENDER_MISMATCH);
        assertThat(check("nyc-1", 6, NOW, Frames.hello("nyc-1", "nyc"), fresh)).contains(RejectReason.SENDER_MISMATCH);
        assertThat(check(Frames.heartbeat("nyc-1"), open)).contains(RejectReason.SENDER_MISMATCH);
        assertThat(check(Frames.batch("nyc-1", "fra", "192.0.2.0/24"), open)).contains(RejectReason.SENDER_MISMATCH);
        assertThat(check("FRA-1", 6, NOW, Frames.heartbeat("fra-1"), open)).as("ids are exact")
                .contains(RejectReason.SENDER_MISMATCH);
    }

    @Test
    void anotherSiteThanTheConfiguredOneIsASiteMismatch() {
        assertThat(check(Frames.hello("fra-1", "nyc"), fresh)).contains(RejectReason.SITE_MISMATCH);
        assertThat(check(Frames.batch("fra-1", "nyc", "192.0.2.0/24"), open)).contains(RejectReason.SITE_MISMATCH);
        StreamState unconfigured = new StreamState("fra-1", null, 0, false);
        assertThat(check(Frames.hello("fra-1", "fra"), unconfigured)).contains(RejectReason.SITE_MISMATCH);
    }

    @Test
    void theFirstFrameMustBeAHello() {
        assertThat(check(Frames.heartbeat("fra-1"), fresh)).contains(RejectReason.HELLO_REQUIRED);
        assertThat(check(Frames.batch("fra-1", "fra", "192.0.2.0/24"), fresh)).contains(RejectReason.HELLO_REQUIRED);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4, 5})
    void aSequenceNotAboveTheLastAcceptedIsAReplay(long seq) {
        assertThat(check("fra-1", seq, NOW, Frames.heartbeat("fra-1"), open)).contains(RejectReason.REPLAY);
    }

    @Test
    void theNextSequenceAndAnyLargerOnePass() {
        assertThat(check("fra-1", 6, NOW, Frames.heartbeat("fra-1"), open)).isEmpty();
        assertThat(check("fra-1", 1_000_000, NOW, Frames.heartbeat("fra-1"), open)).isEmpty();
        assertThat(check("fra-1", 1, NOW, Frames.hello("fra-1", "fra"), fresh)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {-30_001, 30_001, -3_600_000, 86_400_000, Long.MIN_VALUE / 2})
    void sentAtFurtherThanTheSkewIsRefused(long offset) {
        assertThat(check("fra-1", 6, NOW + offset, Frames.heartbeat("fra-1"), open)).contains(RejectReason.CLOCK_SKEW);
    }

    @ParameterizedTest
    @ValueSource(longs = {-30_000, -1, 0, 1, 30_000})
    void sentAtWithinTheSkewPasses(long offset) {
        assertThat(check("fra-1", 6, NOW + offset, Frames.heartbeat("fra-1"), open)).isEmpty();
    }

    @Test
    void farAwayOrNegativeSentAtTimesAreSkewNotOverflow() {
        assertThat(check("fra-1", 6, Long.MAX_VALUE, Frames.heartbeat("fra-1"), open)).contains(RejectReason.CLOCK_SKEW);
        assertThat(check("fra-1", 6, Long.MIN_VALUE, Frames.heartbeat("fra-1"), open)).contains(RejectReason.CLOCK_SKEW);
        assertThat(check("fra-1", 6, 0, Frames.heartbeat("fra-1"), open)).contains(RejectReason.CLOCK_SKEW);
    }

    @Test
    void zeroSkewAcceptsOnlyTheExactTime() {
        FrameValidator strict = new FrameValidator(Duration.ZERO);
        assertThat(strict.validate(TelemetryEnvelope.of("fra-1", 6, NOW, Frames.heartbeat("fra-1")), open, NOW)).isEmpty();
        assertThat(strict.validate(TelemetryEnvelope.of("fra-1", 6, NOW + 1, Frames.heartbeat("fra-1")), open, NOW))
                .contains(RejectReason.CLOCK_SKEW);
        assertThatThrownBy(() -> new FrameValidator(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbsurdHeartbeatIntervalIsOutOfRange() {
        assertThat(check(Frames.hello("fra-1", "fra", FrameValidator.MAX_HEARTBEAT_INTERVAL_MILLIS), fresh)).isEmpty();
        assertThat(check(Frames.hello("fra-1", "fra", FrameValidator.MAX_HEARTBEAT_INTERVAL_MILLIS + 1), fresh))
                .contains(RejectReason.OUT_OF_RANGE);
        assertThat(check(Frames.hello("fra-1", "fra", Long.MAX_VALUE), fresh)).contains(RejectReason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.0/24", "239.255.255.0/24", "240.0.0.0/8", "255.255.255.255/32", "0.0.0.0/8",
        "0.1.2.0/24", "10.0.0.0/7", "0.0.0.0/0", "ff02::/16", "ff00::/8", "::/128", "2000::/15", "::/0"})
    void prefixesNoClientLivesInAreInvalid(String prefix) {
        assertThat(check(Frames.batch("fra-1", "fra", "192.0.2.0/24", prefix), open)).contains(RejectReason.INVALID_PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0.0/8", "10.0.0.0/8", "127.0.0.0/24", "192.168.1.0/24", "198.51.100.7/32",
        "223.255.255.0/24", "2001:db8::/32", "2001:db8:1::/48", "::1/128", "fd00::/16", "fe80::/64",
        "2001:db8::1/128"})
    void clientPrefixesIncludingLabAndPrivateOnesAreValid(String prefix) {
        assertThat(check(Frames.batch("fra-1", "fra", prefix), open)).isEmpty();
    }

    @Test
    void theSenderIsCheckedBeforeTheSequenceSoAForgedReplayCountsAsForged() {
        assertThat(check("nyc-1", 1, 0, Frames.heartbeat("fra-1"), open)).contains(RejectReason.SENDER_MISMATCH);
    }
}
