package net.voicegslb.gslb.pbx.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.voicegslb.gslb.pbx.PbxNode;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import net.voicegslb.gslb.pbx.keepalive.PassiveObserver;
import net.voicegslb.gslb.pbx.proxy.MediaAnchor;
import net.voicegslb.gslb.pbx.store.PbxStore;

/** A node started in-process on a free loopback port from a YAML text ({@code PORT} is replaced). */
final class TestNode implements AutoCloseable {

    final PbxNode node;
    final int port;
    final SimpleMeterRegistry registry;

    private TestNode(PbxNode node, int port, SimpleMeterRegistry registry) {
        this.node = node;
        this.port = port;
        this.registry = registry;
    }

    static TestNode start(Path dir, String yaml, MediaAnchor media, PassiveObserver observer) throws Exception {
        return start(dir, yaml, media, observer, freePort());
    }

    static TestNode start(Path dir, String yaml, MediaAnchor media, PassiveObserver observer, int port)
            throws Exception {
        Path config = dir.resolve("pbx-" + port + ".yaml");
        Files.writeString(config, yaml.replace("PORT", Integer.toString(port)));
        PbxConfig cfg = new PbxConfigLoader().load(config);
        PbxStore store = PbxStore.inMemory("it" + UUID.randomUUID());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new TestNode(PbxNode.start(cfg, store, media, observer, registry), port, registry);
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        return net.voicegslb.gslb.policy.testing.TestPorts.udpAndTcp();
    }

    @Override
    public void close() {
        node.close();
    }
}
