package net.voicegslb.gslb.dns.answer;


/** Test access to the marker answers the snapshot builds for dynamic names. */
public final class NameAnswersAccess {

    private NameAnswersAccess() {}

    public static DynamicAnswer marker(DynamicName name, int qtype) {
        PreparedAnswer placeholder = new PreparedAnswer(0, true, 0, 0, 0, new byte[0], new byte[0]);
        return new DynamicAnswer(placeholder, name, name.slot(qtype), qtype);
    }

}
