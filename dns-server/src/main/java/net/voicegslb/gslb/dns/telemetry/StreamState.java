package net.voicegslb.gslb.dns.telemetry;

/**
 * What the validator needs to know about one agent connection.
 *
 * @param nodeId       the node the connection authenticated as (token or certificate)
 * @param siteId       that node's configured site, or null when the node is not in the inventory
 * @param lastSequence sequence of the last accepted frame on this connection, 0 before the first
 * @param helloSeen    whether a hello has been accepted on this connection
 */
public record StreamState(String nodeId, String siteId, long lastSequence, boolean helloSeen) {
}
