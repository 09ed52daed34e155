package net.voicegslb.gslb.dns.telemetry;

/**
 * Who an agent connection authenticated as, and how.
 *
 * @param nodeId      the node
 * @param certificate true when a client certificate (mutual TLS) vouched for it, false for a token
 */
record AgentIdentity(String nodeId, boolean certificate) {
}
