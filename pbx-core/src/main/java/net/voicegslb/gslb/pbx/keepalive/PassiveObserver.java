package net.voicegslb.gslb.pbx.keepalive;

/**
 * The node's passive view of client networks, for the probe agent (which will implement this;
 * until then {@link LoggingPassiveObserver}). Called on SIP event loops: implementations must not
 * block (queue and return).
 */
public interface PassiveObserver {

    /** A successful REGISTER (refresh included) from {@code event.source()}. */
    void registered(RegistrationSeen event);

    /** A keepalive OPTIONS to a registered contact was answered, or timed out. */
    void keepalive(KeepaliveResult event);

    PassiveObserver NONE = new PassiveObserver() {
        @Override
        public void registered(RegistrationSeen event) {}

        @Override
        public void keepalive(KeepaliveResult event) {}
    };
}
