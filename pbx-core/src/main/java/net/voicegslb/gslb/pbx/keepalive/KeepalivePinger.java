package net.voicegslb.gslb.pbx.keepalive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.voicegslb.gslb.pbx.codec.SipMessage;
import net.voicegslb.gslb.pbx.location.Binding;
import net.voicegslb.gslb.pbx.location.LocationStore;
import net.voicegslb.gslb.pbx.transaction.ClientListener;
import net.voicegslb.gslb.pbx.transaction.ClientTransaction;
import net.voicegslb.gslb.pbx.transaction.ClientTransactions;
import net.voicegslb.gslb.pbx.transport.SipConnection;
import net.voicegslb.gslb.pbx.transport.Transport;

/**
 * Sends OPTIONS over every flow a live registration came in on (the REGISTER's source address and
 * transport, never the Contact's address): this keeps NAT bindings open and measures the round
 * trip to each client network, which is reported to the {@link PassiveObserver} under the prefix
 * of that source. The Contact is whatever the registering party wrote, possibly an address in
 * someone else's network; probing it would let one user send our OPTIONS there and file the
 * losses against that network. One OPTIONS per flow and round, however many contacts it
 * registered. Meters: {@code gslb.sip.keepalive.rtt} (timer) and
 * {@code gslb.sip.keepalive{outcome=answered|timeout}}.
 */
public final class KeepalivePinger {

    private final LocationStore location;
    private final ClientTransactions transactions;
    private final PassiveObserver observer;
    private final java.util.function.Function<Transport, String> viaHostPort;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Timer rtt;
    private final Counter answered;
    private final Counter timedOut;

    public KeepalivePinger(LocationStore location, ClientTransactions transactions, PassiveObserver observer,
            String viaHostPort, Duration timeout, LongSupplier clockMillis, MeterRegistry registry) {
        this(location, transactions, observer, t -> viaHostPort, timeout, clockMillis, registry);
    }

    /** @param viaHostPort our Via sent-by for a flow's transport (TLS has its own port) */
    public KeepalivePinger(LocationStore location, ClientTransactions transactions, PassiveObserver observer,
            java.util.function.Function<Transport, String> viaHostPort, Duration timeout, LongSupplier clockMillis,
            MeterRegistry registry) {
        this.location = location;
        this.transactions = transactions;
        this.observer = observer;
        this.viaHostPort = viaHostPort;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clockMillis;
        this.rtt = Timer.builder("gslb.sip.keepalive.rtt").description("keepalive OPTIONS round trip to contacts")
                .register(registry);
        this.answered = registry.counter("gslb.sip.keepalive", "outcome", "answered");
        this.timedOut = registry.counter("gslb.sip.keepalive", "outcome", "timeout");
    }

    /** One round: an OPTIONS over every live registration flow. Returns how many were sent. */
    public int pingAll() {
        long now = clock.getAsLong();
        Set<FlowKey> done = new HashSet<>();
        for (List<Binding> bindings : location.all()) {
            for (Binding b : bindings) {
                if (b.expiresAtMillis() > now && b.flow().usable()
                        && done.add(new FlowKey(b.flow().transport(), b.flow().remote()))) {
                    ping(b);
                }
            }
        }
        return done.size();
    }

    /** UDP flows from one address share nothing but that address: the socket we read them on may differ. */
    private record FlowKey(Transport transport, InetSocketAddress remote) {}

    public void ping(Binding binding) {
        String branch = ClientTransactions.newBranch();
        SipConnection to = binding.flow();
        String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + viaHostPort.apply(Transport.UDP);
        String uri = binding.contact().text();
        String request = "OPTIONS " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + to.transport() + " " + viaHostPort.apply(to.transport()) + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:keepalive@" + viaHostPort.apply(Transport.UDP) + ">;tag=" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        transactions.send(branch, "OPTIONS", request.getBytes(StandardCharsets.UTF_8), to, timeoutMillis,
                new ClientListener() {
                    @Override
                    public void onResponse(ClientTransaction tx, SipMessage response, SipConnection from) {
                        if (response.status() < 200) {
                            return;
                        }
                        long nanos = System.nanoTime() - tx.sentNanos();
                        rtt.record(nanos, TimeUnit.NANOSECONDS);
                        answered.increment();
                        observer.keepalive(new KeepaliveResult(binding.aor(), to.remote(),
                                ClientPrefix.of(to.remote().getAddress()), nanos, response.status(), clock.getAsLong()));
                    }

                    @Override
                    public void onTimeout(ClientTransaction tx) {
                        timedOut.increment();
                        observer.keepalive(new KeepaliveResult(binding.aor(), to.remote(),
                                ClientPrefix.of(to.remote().getAddress()), -1, 0, clock.getAsLong()));
                    }
                });
    }
}
