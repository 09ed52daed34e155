package net.voicegslb.gslb.deploy.it.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second stock softphone, {@code linphone-daemon} (Debian linphone-cli, liblinphone 5.1), against
 * the two-site lab: it registers with digest auth and talks to a baresip phone through the nodes'
 * relays, both ways. The counts asserted are each phone's own: linphone's from oRTP's statistics in
 * its log, baresip's from its RTCP summary.
 *
 * <p>What linphone could not do here, so the tests do not claim it:
 * <ul>
 *   <li>Use our DNS server: liblinphone 5.1 has no config key and the daemon no command for its
 *       DNS servers ({@code linphone_core_set_dns_servers} is API only), and belle-sip otherwise
 *       reads the system-wide {@code /etc/resolv.conf}, which a test cannot point at our server
 *       for one process (not without root or a mount namespace of its own). So linphone's proxy is
 *       a node's address ({@code sip:127.0.1.1:<port>;transport=udp}), not the service domain; the
 *       baresip tests cover finding the node through our DNS.
 *   <li>Report its statistics over its control interface: {@code call-stats} (and the statistics
 *       events) crash this daemon with SIGSEGV during a call; see {@link Linphone}.
 * </ul>
 */
class LinphonePhoneIT {

    /**
     * 12 s, asserted as 6 s of audio: baresip's summary is its figures as of the last RTCP packet
     * from the far end (it refreshes them only then), and linphone sends one about every 5 s. In
     * 8 s calls baresip's count stopped at 272 to 402 of the ~405 packets linphone sent (and its
     * "sent" trailed what linphone received alike); 12 s put at least two of linphone's reports in
     * the call, so baresip's count covers well over 6 s.
     */
    private static final Duration TALK = Duration.ofSeconds(12);
    private static final Duration SIGNALLING = Duration.ofSeconds(15);
    /** 50 packets/s for 6 s, less 20%: the first ones may go before the relay latched the leg. */
    private static final long MIN_PACKETS = 6 * 50 * 8 / 10;

    private static PhoneLab lab;

    @RegisterExtension
    final TestExecutionExceptionHandler labLogs = PhoneLab.logsOnFailure(() -> lab);

    @TempDir
    Path dir;

    @BeforeAll
    static void startLab() {
        lab = PhoneLab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String proxy(String address) {
        return "sip:" + address + ":" + lab.sipPort() + ";transport=udp";
    }

    @Test
    void linphoneRegistersWithDigestAndCallsABaresipPhoneThroughTheRelay() throws IOException {
        Baresip callee = lab.phone("1002", proxy(PhoneLab.FRA));
        try (Linphone caller = Linphone.start("1001", dir.resolve("linphone-1001"), "1001", "example.test",
                PhoneLab.USERS.get("1001"), proxy(PhoneLab.FRA))) {
            caller.awaitRegistered(SIGNALLING);
            callee.awaitRegistered(Duration.ofSeconds(30));
            int mark = callee.mark();
            caller.call("sip:1002@example.test");
            try {
                callee.awaitEvent("CALL_INCOMING", mark, SIGNALLING);
            } catch (AssertionError e) {
                throw new AssertionError("the call never rang; linphone's side:\n" + caller.tail() + "\n" + lab.logs(), e);
            }
            callee.accept();
            caller.awaitStreamsRunning(SIGNALLING);
            caller.play(tone());
            talk();
            caller.terminate();
            callee.awaitEvent("CALL_CLOSED", mark, SIGNALLING);
            assertMediaBothWays(caller, PhoneLab.FRA, caller.awaitRtpStatistics(SIGNALLING),
                    callee.awaitCallSummary(SIGNALLING));
        }
    }

    @Test
    void aBaresipPhoneAtTheOtherSiteCallsLinphoneWhichAnswers() throws IOException {
        Baresip caller = lab.phone("1003", proxy(PhoneLab.FRA));
        // registered at nyc-1 only: fra-1 forwards the INVITE to its peer for this to ring
        try (Linphone callee = Linphone.start("1004", dir.resolve("linphone-1004"), "1004", "example.test",
                PhoneLab.USERS.get("1004"), proxy(PhoneLab.NYC))) {
            callee.awaitRegistered(SIGNALLING);
            caller.awaitRegistered(Duration.ofSeconds(30));
            int mark = caller.mark();
            caller.dial("sip:1004@example.test");
            callee.awaitIncomingAndAnswer(SIGNALLING);
            caller.awaitEvent("CALL_ESTABLISHED", mark, SIGNALLING);
            callee.awaitStreamsRunning(SIGNALLING);
            callee.play(tone());
            talk();
            caller.hangup();
            callee.awaitCallEnded(SIGNALLING);
            assertMediaBothWays(callee, PhoneLab.NYC, callee.awaitRtpStatistics(SIGNALLING),
                    caller.awaitCallSummary(SIGNALLING));
        }
    }

    private Path tone() throws IOException {
        Path wav = dir.resolve("tone.wav");
        if (!Files.exists(wav)) {
            Files.write(wav, Baresip.toneWav(Duration.ofSeconds(60)));
        }
        return wav;
    }

    private static void talk() {
        try {
            Thread.sleep(TALK.toMillis()); // the conversation: both phones send 50 packets/s meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Linphone sent its media to its node's relay and got it back from there, and both phones
     * counted at least {@link #MIN_PACKETS} received and none lost.
     */
    private static void assertMediaBothWays(Linphone phone, String relayAddress, Linphone.RtpStatistics linphone,
            Baresip.CallSummary baresip) {
        String why = "linphone " + linphone + " to " + phone.rtpPeer() + "\nbaresip " + baresip.line();
        assertThat(phone.rtpPeer()).as("where linphone sent its RTP: its node's relay").startsWith(relayAddress + ":");
        System.out.println("linphone <-> baresip call: " + why.replace('\n', ' '));
        assertThat(linphone.received()).as("packets linphone received\n%s\n--- linphone\n%s", why, phone.tail())
                .isGreaterThanOrEqualTo(MIN_PACKETS);
        assertThat(linphone.sent()).as("packets linphone sent\n%s", why).isGreaterThanOrEqualTo(MIN_PACKETS);
        assertThat(baresip.received()).as("packets baresip received\n%s", why)
                .isGreaterThanOrEqualTo(MIN_PACKETS);
        assertThat(linphone.lost()).as("linphone's lost packets\n%s", why).isZero();
        assertThat(baresip.lostReceiving()).as("baresip's lost packets\n%s", why).isZero();
    }
}
