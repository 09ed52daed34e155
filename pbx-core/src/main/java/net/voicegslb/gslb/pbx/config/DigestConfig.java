package net.voicegslb.gslb.pbx.config;

import java.util.List;

/**
 * What a tenant's digest challenge offers (the 401 of the registrar and the 407 of the proxy alike),
 * and therefore the only algorithms an answer may use: an answer with any other algorithm is refused,
 * so a phone is never taken down to an algorithm the operator did not offer.
 *
 * <p>The default is one challenge, MD5. Phones built on libre (baresip 1.0) and SIPp 3.6 give up on
 * a 401 that carries any challenge whose algorithm they do not know, wherever it stands, so a
 * default that works with every phone can offer MD5 alone; SHA-256 is the operator's choice, alone
 * ({@code [SHA-256]}) or beside MD5 ({@code per_algorithm}), because each breaks some phones.
 *
 * @param algorithms what is offered, most preferred first ("SHA-256", "MD5")
 * @param challenge {@link Challenge#SINGLE}: one challenge for the one listed algorithm;
 *     {@link Challenge#PER_ALGORITHM}: one challenge per listed algorithm (RFC 8760 2.4)
 */
public record DigestConfig(List<String> algorithms, Challenge challenge) {

    /** How many challenge headers a 401/407 carries. */
    public enum Challenge { SINGLE, PER_ALGORITHM }

    public static final DigestConfig DEFAULT = new DigestConfig(List.of("MD5"), Challenge.SINGLE);

    public DigestConfig {
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a digest challenge needs at least one algorithm");
        }
        if (challenge == Challenge.SINGLE && algorithms.size() > 1) {
            throw new IllegalArgumentException("a single challenge offers one algorithm, not " + algorithms);
        }
    }

    /** Whether an answer with {@code algorithm} (upper case) answers something this tenant offered. */
    public boolean offers(String algorithm) {
        return algorithms.contains(algorithm);
    }

    /** For the start-up log: "one challenge, MD5" or "one challenge per algorithm, SHA-256 then MD5". */
    public String describe() {
        return (challenge == Challenge.SINGLE ? "one challenge, " : "one challenge per algorithm, ")
                + String.join(" then ", algorithms);
    }
}
