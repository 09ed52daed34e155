package net.voicegslb.gslb.pbx.lab;

import java.net.InetAddress;
import java.util.Objects;

/** Who a synthetic phone is: its SIP user and password in the domain, and the address it sends from. */
public record PhoneAccount(String user, String password, InetAddress address) {
    public PhoneAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return "PhoneAccount[" + user + "@" + address.getHostAddress() + "]"; // never the password
    }
}
