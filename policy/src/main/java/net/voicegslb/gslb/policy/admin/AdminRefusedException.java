package net.voicegslb.gslb.policy.admin;

/** An administrative change that was not made, with the reason in words for the operator. */
public final class AdminRefusedException extends RuntimeException {

    public AdminRefusedException(String message) {
        super(message);
    }
}
