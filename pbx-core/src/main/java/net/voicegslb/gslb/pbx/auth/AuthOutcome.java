package net.voicegslb.gslb.pbx.auth;

import net.voicegslb.gslb.pbx.store.UserCredentials;

/**
 * What a digest check concluded. A wrong password and an unknown user both end in a plain
 * {@link Challenge}, so a response never tells whether the user exists.
 */
public sealed interface AuthOutcome {

    record Authenticated(UserCredentials user) implements AuthOutcome {}

    /**
     * Answer 401 with a fresh challenge; {@code stale} when only the nonce had expired,
     * {@code failed} when credentials were given and wrong (counted against the source only when
     * they answered our nonce), {@code unofferedAlgorithm} when the answer used an algorithm the
     * tenant does not offer (refused whatever the password: no silent downgrade).
     */
    record Challenge(boolean stale, boolean failed, boolean unofferedAlgorithm) implements AuthOutcome {

        public Challenge(boolean stale, boolean failed) {
            this(stale, failed, false);
        }
    }

    /** The source exceeded its failure budget: drop without answering. */
    record Blocked() implements AuthOutcome {}
}
