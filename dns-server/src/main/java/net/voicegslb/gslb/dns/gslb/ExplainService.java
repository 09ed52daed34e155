package net.voicegslb.gslb.dns.gslb;

import java.net.InetAddress;
import java.util.Map;

/**
 * Explains the dynamic answer one client would get for one name and type: evidence, scores, health,
 * hysteresis, fallbacks and the resulting records. Implemented by the GSLB answer layer; served by
 * {@code GET /api/v1/explain} and printed by {@code gslb explain}.
 */
public interface ExplainService {

    /**
     * @param client          the client's address (or the ECS prefix's address)
     * @param prefixLength    ECS source prefix length, or -1 to treat {@code client} as a resolver address
     * @param name            the queried name (any case, trailing dot optional)
     * @param qtype           DNS type code (1 A, 28 AAAA, 33 SRV, 35 NAPTR)
     * @throws IllegalArgumentException when the name is not a dynamic GSLB name or the type is not
     *                                  answered dynamically there (message says which)
     */
    Result explain(InetAddress client, int prefixLength, String name, int qtype);

    /**
     * @param json a JSON-ready tree (maps, lists, strings, numbers, booleans)
     * @param text the same for a terminal, one fact per line
     */
    record Result(Map<String, Object> json, String text) {}
}
