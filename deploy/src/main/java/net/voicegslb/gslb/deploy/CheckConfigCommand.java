package net.voicegslb.gslb.deploy;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.dns.config.ConfigLoader;
import net.voicegslb.gslb.dns.config.DnsConfig;
import net.voicegslb.gslb.dns.zone.ZoneData;
import net.voicegslb.gslb.dns.zone.ZoneSet;
import net.voicegslb.gslb.dns.zone.ZoneSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gslb check-config FILE}: validates a config and its zone files without serving them. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a YAML config and the zone files it names; report every problem with file and line.")
final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "YAML configuration file")
    Path file;

    @Override
    public Integer call() {
        DnsConfig cfg;
        try {
            cfg = new ConfigLoader().load(file);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        try {
            ZoneSet zones = new ZoneSetLoader().load(cfg.zones());
            for (ZoneData z : zones.zones()) {
                System.out.println("zone " + z.origin() + " serial " + z.serial() + ": " + z.recordCount()
                        + " records, " + z.existingNames().size() + " names (" + z.source() + ")");
            }
        } catch (ZoneSetLoader.ZoneSetException e) {
            System.err.println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (cfg.hasGslb()) {
            var inv = cfg.gslb().inventory();
            var names = net.voicegslb.gslb.dns.gslb.DynamicNames.from(cfg.gslb());
            System.out.println("gslb: " + inv.sites().size() + " sites, " + inv.nodes().size() + " nodes, "
                    + inv.services().size() + " services, " + names.byName().size() + " dynamic names:");
            names.byName().values().forEach(d -> System.out.println("  " + d.owner() + " "
                    + java.util.Arrays.stream(d.types()).mapToObj(org.xbill.DNS.Type::string).toList()));
        }
        System.out.println(file + ": OK");
        return ExitCodes.OK;
    }
}
