package net.voicegslb.gslb.dns.admin;

/** The outcome of a reload, as told to the operator who asked for it. */
public record ReloadResult(boolean ok, String message) {}
