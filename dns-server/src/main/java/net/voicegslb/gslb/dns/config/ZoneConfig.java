package net.voicegslb.gslb.dns.config;

import java.nio.file.Path;
import org.xbill.DNS.Name;

/** A zone to serve: its origin and master file, and where the config file named it. */
public record ZoneConfig(Name origin, Path file, Path configFile, int configLine) {}
