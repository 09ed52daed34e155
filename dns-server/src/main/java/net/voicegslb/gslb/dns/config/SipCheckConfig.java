package net.voicegslb.gslb.dns.config;

import java.time.Duration;

/**
 * Active SIP OPTIONS checks of every node.
 *
 * @param enabled   false turns checks off (heartbeats alone decide)
 * @param interval  time between checks of one target
 * @param timeout   no final response within this is a failed check
 * @param rise      consecutive successes before a failed node counts as up again
 * @param fall      consecutive failures before a node counts as down
 * @param maxDrain  longest drain honoured from a 503's Retry-After (a bogus huge value must not
 *                  remove a node for days)
 * @param fromUser  user part of the From header, so node operators can filter our checks
 */
public record SipCheckConfig(boolean enabled, Duration interval, Duration timeout, int rise, int fall,
                             Duration maxDrain, String fromUser) {}
