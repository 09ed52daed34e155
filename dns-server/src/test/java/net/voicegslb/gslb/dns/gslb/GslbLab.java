package net.voicegslb.gslb.dns.gslb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.dns.events.EventLog;
import net.voicegslb.gslb.dns.events.EventStore;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.telemetry.MeasurementBatch;
import net.voicegslb.gslb.policy.telemetry.MeasurementSource;
import net.voicegslb.gslb.policy.telemetry.NodeHeartbeat;
import net.voicegslb.gslb.policy.telemetry.PrefixMeasurement;

/** The test config (three sites) loaded from resources into a temp dir, with a hand-driven clock. */
final class GslbLab implements AutoCloseable {

    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final DnsConfig config;
    final GslbService service;
    final GslbService.Layer layer;
    final EventStore store;
    final EventLog events;
    private long seq;

    GslbLab(Path dir) throws Exception {
        this(dir, yaml -> yaml);
    }

    /** @param edit changes the test config's text before it is loaded */
    GslbLab(Path dir, java.util.function.UnaryOperator<String> edit) throws Exception {
        copy("gslb.yaml", dir);
        Files.writeString(dir.resolve("gslb.yaml"), edit.apply(Files.readString(dir.resolve("gslb.yaml"))));
        copy("voip.example.test.zone", dir);
        config = new ConfigLoader().load(dir.resolve("gslb.yaml"));
        ZoneSet zones = new ZoneSetLoader().load(config.zones());
        store = EventStore.open("jdbc:h2:mem:lab-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        events = new EventLog(store, java.time.Duration.ofDays(1), new SimpleMeterRegistry());
        service = new GslbService(config.gslb(), events, r -> { }, clock::get);
        layer = service.prepare(config.gslb(), zones);
        service.activate(layer);
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = GslbLab.class.getResourceAsStream("/gslb/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    PolicyEngine engine() {
        return service.engine();
    }

    long now() {
        return clock.get();
    }

    void advance(long millis) {
        clock.addAndGet(millis);
    }

    /** One heartbeat from each node, healthy, at the current time. */
    void beat(String... nodes) {
        for (String n : nodes) {
            service.record(engine().onHeartbeat(NodeHeartbeat.healthy(n, ++seq, 0, 1000, 0.1), now()));
        }
    }

    /** Reports {@code rttMillis} from {@code site} towards {@code prefix}, enough samples to count. */
    void measure(String node, String site, String prefix, double rttMillis) {
        engine().onMeasurements(MeasurementBatch.of(node, site, now(), List.of(new PrefixMeasurement(
                ClientPrefix.parse(prefix), MeasurementSource.STAMP, rttMillis, 1.0, 0.0, 200))), now());
    }

    void refresh() {
        layer.answers().refresh(layer.slots());
    }

    @Override
    public void close() {
        service.close();
        events.close();
        store.close();
    }
}
