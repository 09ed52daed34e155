package net.voicegslb.gslb.dns.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The admin HTTP listener ({@code /metrics}, {@code /healthz}, {@code POST /admin/reload}).
 * {@code listen} null means disabled. The reload endpoint needs the bearer token stored in
 * {@code tokenFile}, which is created with a random token on first start when it is missing.
 */
public record AdminConfig(InetSocketAddress listen, Path tokenFile) {}
