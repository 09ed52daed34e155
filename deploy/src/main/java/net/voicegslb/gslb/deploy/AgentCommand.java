package net.voicegslb.gslb.deploy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.voicegslb.gslb.agent.AgentClock;
import net.voicegslb.gslb.agent.ProbeAgent;
import net.voicegslb.gslb.agent.config.AgentConfig;
import net.voicegslb.gslb.agent.config.AgentConfigLoader;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.agent.transport.MetricsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gslb agent}: the probe agent standalone, beside a third-party PBX. Runs until SIGINT/SIGTERM. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the probe agent standalone: probe, check the PBX named in pbx.sip_options,",
            "and stream health and measurements to every DNS node of the YAML config."})
final class AgentCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        try {
            cfg = new AgentConfigLoader().load(config);
        } catch (ConfigException e) {
            System.err.println("gslb agent: configuration is not valid:\n" + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (cfg.thirdPartyPbx() == null) {
            System.err.println("gslb agent: " + cfg.file() + ": pbx.sip_options: required when the agent runs standalone");
            return ExitCodes.CONFIG;
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProbeAgent agent;
        MetricsEndpoint endpoint = null;
        try {
            agent = new ProbeAgent(cfg, null, AgentClock.system(), metrics).start();
            if (cfg.metricsListen() != null) {
                endpoint = MetricsEndpoint.start(cfg.metricsListen(), metrics);
                LOG.info("metrics on http://{}/metrics", endpoint.address());
            }
        } catch (Exception e) {
            System.err.println("gslb agent: cannot start: " + e.getMessage());
            LOG.debug("start failure", e);
            return ExitCodes.START;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM and SIGINT are a normal stop: close and exit 0, which is what systemd expects.
        Signals.onStop(stop::countDown);
        stop.await();
        LOG.info("stopping");
        agent.drain();
        if (endpoint != null) {
            endpoint.close();
        }
        agent.close();
        return ExitCodes.OK;
    }
}
