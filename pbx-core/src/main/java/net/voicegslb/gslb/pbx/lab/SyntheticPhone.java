package net.voicegslb.gslb.pbx.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.voicegslb.gslb.common.lab.NetworkEmulator;
import net.voicegslb.gslb.pbx.codec.NameAddr;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.codec.SipParseException;
import net.voicegslb.gslb.pbx.codec.SipParser;

/**
 * A SIP phone for the lab, behaving towards a node the way a desk phone does, so that the node's
 * embedded agent measures it like a real one: it registers over UDP with digest (MD5 or SHA-256,
 * qop=auth) at the node its {@link RegistrarLocator} names, refreshes at 80 % of the granted
 * expiry, retries failures with a randomised, doubling back-off (a 503's Retry-After honoured),
 * answers the node's keepalive OPTIONS, sends its own (a flow keepalive, after RFC 5626) and
 * re-registers at once when its node stops answering, places calls (PCMU offer, 407 answered) and answers calls,
 * with real RTP and RTCP to the node's relay. Every datagram it sends or receives passes its
 * network's {@link NetworkEmulator} path.
 *
 * <p>All state lives on the shared {@link PhoneIo} loop: the public methods hand work to it.
 */
public final class SyntheticPhone implements AutoCloseable {

    private final PhoneAccount account;
    private final String domain;
    private final PhoneSettings settings;
    private final RegistrarLocator locator;
    private final NetworkEmulator network;
    private final PhoneIo io;
    private final Random random;
    private final PhoneCounters counters = new PhoneCounters();
    private final SipParser parser = new SipParser();
    private final DatagramChannel sip;
    private final String registerCallId;
    private final PhoneTransactions transactions;
    private final Map<String, PhoneCall> calls = new ConcurrentHashMap<>();
    private long registerCseq;
    private int consecutiveFailures;
    private ScheduledFuture<?> registerTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private volatile long keepaliveSentNanos; // 0 while none is outstanding
    private long heardFromRegistrarNanos = System.nanoTime(); // last datagram from the registrar
    private volatile InetSocketAddress registrar;
    private volatile long registeredUntilMillis;
    private volatile boolean closed;

    /** Opens the phone's SIP socket on its account address; {@link #start} begins registering. */
    public SyntheticPhone(PhoneAccount account, String domain, PhoneSettings settings, RegistrarLocator locator,
            NetworkEmulator network, PhoneIo io, long seed) throws IOException {
        this.account = account;
        this.domain = domain;
        this.settings = settings;
        this.locator = locator;
        this.network = network;
        this.io = io;
        this.random = new Random(seed);
        this.sip = io.open(new InetSocketAddress(account.address(), 0), this::arrived);
        this.registerCallId = token() + "@" + account.address().getHostAddress();
        this.transactions = new PhoneTransactions(io, this::send, settings.transactionTimeout().toMillis());
    }

    public PhoneAccount account() {
        return account;
    }

    /** The phone's SIP address (its account address and the port it got). */
    public InetSocketAddress sipAddress() {
        return new InetSocketAddress(account.address(), sip.socket().getLocalPort());
    }

    /** The node it last registered at (or tried to), null before the first attempt. */
    public InetSocketAddress registrar() {
        return registrar;
    }

    /** True while its last registration has not expired. */
    public boolean registered() {
        return System.currentTimeMillis() < registeredUntilMillis;
    }

    /**
     * True while registered and its flow is not suspect: no keepalive of its own has gone unanswered
     * past its first retransmission. A fleet calls only between such phones, not between phones
     * still registered at a node that has just vanished.
     */
    public boolean flowAlive() {
        long sent = keepaliveSentNanos;
        return registered() && (sent == 0 || System.nanoTime() - sent < SUSPECT_AFTER_NANOS);
    }

    private static final long SUSPECT_AFTER_NANOS = 500_000_000L; // the first retransmission (T1)

    /** Calls in progress (placed, ringing or established). */
    public int activeCalls() {
        return calls.size();
    }

    public PhoneStats stats() {
        long lost = 0;
        for (PhoneCall c : calls.values()) {
            lost += c.lost();
        }
        return counters.snapshot(registered(), lost);
    }

    /** The calls this phone placed that failed, by cause (final status code, "timeout", ...). */
    public java.util.Map<String, Long> failureCauses() {
        return counters.failureCauses();
    }

    /** Starts registering (and keeps doing so until closed). */
    public void start() {
        io.execute(this::register);
    }

    /** Calls {@code user} in the phone's domain through its registrar and hangs up after {@code duration}. */
    public void call(String user, Duration duration) {
        io.execute(() -> {
            InetSocketAddress via = registrar;
            if (closed || via == null || !registered()) {
                counters.callFailed("not registered");
                return;
            }
            String callId = token() + "@" + account.address().getHostAddress();
            PhoneCall call = PhoneCall.place(this, callId, user, via, duration.toMillis());
            if (call != null) {
                calls.put(callId, call);
            }
        });
    }

    // ---- registration -------------------------------------------------------------------------

    private void register() {
        if (!closed) {
            io.lookup(() -> locator.registrarFor(account), this::registerAt);
        }
    }

    private void registerAt(InetSocketAddress target) {
        if (closed) {
            return;
        }
        if (target == null) {
            registrationFailed(0); // no node to be found is a failed attempt: back off and ask again
            return;
        }
        registrar = target;
        sendRegister(target, null);
    }

    private void sendRegister(InetSocketAddress target, String authorization) {
        String branch = branch();
        String text = SipText.request("REGISTER", "sip:" + domain, via(), branch,
                "<sip:" + account.user() + "@" + domain + ">;tag=" + token(), "<sip:" + account.user() + "@" + domain + ">",
                registerCallId, ++registerCseq, "REGISTER", List.of(),
                "Contact: " + contact() + "\r\nExpires: " + settings.registerExpires().toSeconds() + "\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n"),
                null, null);
        // a refresh unanswered means the node is gone: re-register at once; a first attempt backs off
        transactions.request(branch, text, target, false,
                response -> onRegisterResponse(target, response, authorization != null),
                () -> {
                    if (flowUp(target)) {
                        flowFailed(target);
                    } else {
                        registrationFailed(0);
                    }
                });
    }

    private void onRegisterResponse(InetSocketAddress target, SipMessage response, boolean answered) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            long granted = grantedExpires(response);
            registeredUntilMillis = System.currentTimeMillis() + granted * 1000;
            consecutiveFailures = 0;
            counters.registrations.incrementAndGet();
            scheduleRegister(granted * 800);
            scheduleKeepalive(target);
        } else if (status == 401 || status == 407) {
            DigestChallenge challenge = DigestChallenge.choose(challenges(response, status), settings.algorithm());
            if (challenge == null || (answered && !challenge.stale())) {
                registrationFailed(0); // wrong password or nothing we can answer: retrying now would not help
            } else {
                sendRegister(target, challenge.answer("REGISTER", "sip:" + domain, account.user(), account.password(),
                        1, token()));
            }
        } else if (status == 503) {
            registrationFailed(retryAfterMillis(response));
        } else {
            registrationFailed(0);
        }
    }

    /** What the 200 granted for our contact (its expires parameter, else Expires), else what we asked. */
    private long grantedExpires(SipMessage ok) {
        String ours = sipAddress().getAddress().getHostAddress() + ":" + sipAddress().getPort();
        for (NameAddr c : ok.contacts()) {
            if (c.uri() != null && c.expires() > 0 && (c.uri().host() + ":" + c.uri().port()).equals(ours)) {
                return c.expires();
            }
        }
        return ok.expires() > 0 ? ok.expires() : settings.registerExpires().toSeconds();
    }

    private void registrationFailed(long retryAfterMillis) {
        counters.registrationFailures.incrementAndGet();
        consecutiveFailures++;
        long max = settings.maxBackoff().toMillis();
        long backoff = Math.min(max, settings.minBackoff().toMillis() << Math.min(16, consecutiveFailures - 1));
        // randomised so that phones that failed together do not retry together (RFC 5626 4.5)
        long delay = retryAfterMillis > 0 ? Math.min(max, retryAfterMillis)
                : backoff / 2 + (long) (random.nextDouble() * (backoff / 2.0));
        scheduleRegister(delay);
    }

    private void scheduleRegister(long delayMillis) {
        if (registerTimer != null) {
            registerTimer.cancel(false);
        }
        registerTimer = io.schedule(this::register, delayMillis);
    }

    // ---- flow keepalive and recovery -----------------------------------------------------------

    /** True while we hold a registration at {@code node}, i.e. believe the flow to it works. */
    private boolean flowUp(InetSocketAddress node) {
        return !closed && node.equals(registrar) && registeredUntilMillis != 0;
    }

    private void scheduleKeepalive(InetSocketAddress node) {
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
        if (!settings.keepaliveInterval().isZero()) {
            keepaliveTimer = io.schedule(() -> sendKeepalive(node), settings.keepaliveDelayMillis(random.nextDouble()));
        }
    }

    /** An OPTIONS to the node, answered statelessly by it; any response, even an error, proves it alive. */
    private void sendKeepalive(InetSocketAddress node) {
        if (!flowUp(node) || keepaliveSentNanos != 0) {
            return;
        }
        String branch = branch();
        String aor = "<sip:" + account.user() + "@" + domain + ">";
        String text = SipText.request("OPTIONS", "sip:" + node.getAddress().getHostAddress() + ":" + node.getPort(),
                via(), branch, aor + ";tag=" + token(), aor, token() + "@" + account.address().getHostAddress(), 1,
                "OPTIONS", List.of(), "", null, null);
        long sentAt = System.nanoTime();
        keepaliveSentNanos = sentAt;
        counters.flowKeepalives.incrementAndGet();
        transactions.request(branch, text, node, false, settings.keepaliveTimeout().toMillis(), response -> {
            keepaliveSentNanos = 0;
            if (flowUp(node)) {
                scheduleKeepalive(node);
            }
        }, () -> {
            keepaliveSentNanos = 0;
            if (!flowUp(node)) {
                return;
            }
            if (heardFromRegistrarNanos - sentAt > 0) {
                // our keepalive was lost on a lossy path, but the node spoke meanwhile (its own
                // OPTIONS, a response): the flow works; dropping calls now would be a false alarm
                scheduleKeepalive(node);
            } else {
                flowFailed(node);
            }
        });
    }

    /**
     * The node stopped answering (a keepalive, a refresh or a request timed out): forget the
     * registration there, end the calls through it without BYE, and register again at once where
     * the locator now points; if that fails, the usual back-off follows.
     */
    private void flowFailed(InetSocketAddress node) {
        counters.flowFailures.incrementAndGet();
        registeredUntilMillis = 0;
        keepaliveSentNanos = 0;
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
        transactions.cancelTo(node); // their timeouts would only tell us again
        for (PhoneCall c : List.copyOf(calls.values())) {
            if (node.equals(c.node())) {
                c.drop();
            }
        }
        if (registerTimer != null) {
            registerTimer.cancel(false);
        }
        register();
    }

    private static long retryAfterMillis(SipMessage response) {
        String value = response.otherHeaderValue("Retry-After");
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.split("[;(\\s]")[0].trim()) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<DigestChallenge> challenges(SipMessage response, int status) {
        return SipText.values(response, status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate").stream()
                .map(DigestChallenge::parse).filter(c -> c != null).toList();
    }

    // ---- transport and transactions (package-private for PhoneCall) ----------------------------

    /** Sends a request and retransmits it until answered; an INVITE only until a provisional. */
    void request(String branch, String text, InetSocketAddress to, boolean invite, Consumer<SipMessage> onFinal,
            Runnable onTimeout) {
        transactions.request(branch, text, to, invite, onFinal, () -> {
            boolean wasUp = flowUp(to);
            onTimeout.run();
            if (wasUp && flowUp(to)) {
                flowFailed(to); // not even a 100 from our node: the flow is dead, as for a keepalive
            }
        });
    }

    void send(InetSocketAddress to, String text) {
        send(to, text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(InetSocketAddress to, byte[] bytes) {
        if (!closed) {
            network.send(to, () -> sip.send(ByteBuffer.wrap(bytes), to));
        }
    }

    /** Selector thread: through the path, then onto the loop. */
    private void arrived(InetSocketAddress from, byte[] data) {
        network.receive(from, () -> io.execute(() -> onDatagram(from, data)));
    }

    private void onDatagram(InetSocketAddress from, byte[] data) {
        if (closed) {
            return;
        }
        if (from.equals(registrar)) {
            heardFromRegistrarNanos = System.nanoTime();
        }
        SipMessage m;
        try {
            m = parser.parse(data, data.length, true);
        } catch (SipParseException e) {
            return; // not SIP we can read: a real phone drops it too
        }
        if (m == null) {
            return; // a CRLF keepalive: nothing to answer over UDP
        }
        if (m.isRequest()) {
            onRequest(m, from);
        } else {
            onResponse(m);
        }
    }

    private void onResponse(SipMessage m) {
        if (transactions.onResponse(m)) {
            return;
        }
        PhoneCall call = calls.get(m.callId());
        if (call != null && m.status() >= 200 && m.status() < 300 && m.cseq() != null
                && "INVITE".equals(m.cseq().methodName())) {
            call.onRetransmitted2xx(); // our ACK was lost: send it again
        }
    }

    private void onRequest(SipMessage m, InetSocketAddress from) {
        String method = m.methodName();
        PhoneCall call = calls.get(m.callId());
        switch (method) {
            case "OPTIONS" -> {
                // the node's keepalive over our registration flow: its round trip is what the agent measures
                counters.keepalivesAnswered.incrementAndGet();
                send(from, SipText.response(m, "200 OK", token(), false, "Accept: application/sdp\r\n", null, null));
            }
            case "INVITE" -> {
                if (call != null) {
                    call.onRetransmittedInvite(from);
                } else {
                    PhoneCall answered = PhoneCall.answer(this, m, from);
                    if (answered != null) {
                        calls.put(m.callId(), answered);
                    }
                }
            }
            case "ACK" -> {
                if (call != null) {
                    call.onAck();
                }
            }
            case "BYE" -> {
                send(from, SipText.response(m, call != null ? "200 OK" : "481 Call/Transaction Does Not Exist",
                        null, false, "", null, null));
                if (call != null) {
                    call.onBye();
                }
            }
            case "CANCEL" -> send(from, SipText.response(m, call != null ? "200 OK"
                    : "481 Call/Transaction Does Not Exist", null, false, "", null, null));
            default -> send(from, SipText.response(m, "501 Not Implemented", token(), false, "", null, null));
        }
    }

    /** A call ended (either side): it leaves the table; its media loss joins the phone's total. */
    void ended(PhoneCall call, long rtpLost) {
        calls.remove(call.callId());
        counters.rtpLostOfEndedCalls.addAndGet(rtpLost);
    }

    // ---- small helpers for PhoneCall ------------------------------------------------------------

    PhoneCounters counters() {
        return counters;
    }

    PhoneIo io() {
        return io;
    }

    NetworkEmulator network() {
        return network;
    }

    PhoneSettings settings() {
        return settings;
    }

    String domain() {
        return domain;
    }

    Random random() {
        return random;
    }

    String via() {
        return account.address().getHostAddress() + ":" + sip.socket().getLocalPort();
    }

    String contact() {
        return "<sip:" + account.user() + "@" + via() + ">";
    }

    String token() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String branch() {
        return "z9hG4bK" + token();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stops registering, ends every call's media and frees the phone's sockets (without BYE or
     * un-REGISTER: a phone switched off; the node's relay and registrar time them out). Call from
     * outside the loop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runnable cleanup = () -> {
            closed = true;
            if (registerTimer != null) {
                registerTimer.cancel(false);
            }
            if (keepaliveTimer != null) {
                keepaliveTimer.cancel(false);
            }
            transactions.cancelAll();
            for (PhoneCall c : List.copyOf(calls.values())) {
                c.abandon();
            }
            calls.clear();
            done.countDown();
        };
        try {
            if (!io.execute(cleanup) || !done.await(2, TimeUnit.SECONDS)) {
                cleanup.run(); // the loop is gone (PhoneIo closed): clean up from here
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.release(sip);
    }
}
