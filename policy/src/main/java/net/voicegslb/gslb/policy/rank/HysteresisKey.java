package net.voicegslb.gslb.policy.rank;

import net.voicegslb.gslb.policy.model.ClientPrefix;

/** Hysteresis is tracked per service, tenant and decision scope (the prefix an answer is valid for). */
record HysteresisKey(String service, String tenant, ClientPrefix scope) {
}
