package net.voicegslb.gslb.dns.config;

import java.time.Duration;

/**
 * Where health transitions and config changes are kept.
 *
 * @param jdbcUrl   JDBC URL; default an H2 file beside the config ({@code jdbc:h2:file:...}), or
 *                  {@code jdbc:h2:mem:...} for tests
 * @param retention events older than this are deleted (default 30 days)
 */
public record EventsConfig(String jdbcUrl, Duration retention) {}
