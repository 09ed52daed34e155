package net.voicegslb.gslb.dns.gslb;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.voicegslb.gslb.dns.answer.DynamicName;
import net.voicegslb.gslb.policy.PolicyEngine;
import net.voicegslb.gslb.policy.explain.Explanation;
import net.voicegslb.gslb.policy.model.ClientPrefix;
import net.voicegslb.gslb.policy.rank.Ranking;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Explains a dynamic answer: the ranking the query path would make for this client now (same
 * engine, same key), the policy's account of it, and the records that would be sent.
 */
public final class GslbExplainer implements ExplainService {

    private final Supplier<GslbService.Layer> layer;
    private final PolicyEngine engine;
    private final LongSupplier clock;

    public GslbExplainer(Supplier<GslbService.Layer> layer, PolicyEngine engine, LongSupplier clock) {
        this.layer = layer;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public Result explain(InetAddress client, int prefixLength, String name, int qtype) {
        GslbService.Layer l = layer.get();
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + name);
        }
        DynamicName d = l.names().get(qname);
        if (d == null) {
            throw new IllegalArgumentException(qname + " is not a dynamic GSLB name (dynamic names: "
                    + l.names().byName().keySet() + ")");
        }
        if (d.slot(qtype) < 0) {
            throw new IllegalArgumentException(qname + " " + Type.string(qtype)
                    + " is answered from the zone, the same for every client (dynamic types here: "
                    + java.util.Arrays.stream(d.types()).mapToObj(Type::string).toList() + ")");
        }
        ClientPrefix prefix = prefixLength < 0 ? ClientPrefix.host(client) : ClientPrefix.of(client, prefixLength);
        ClientKey key = new ClientKey(l.config().policy().store().ipv4AggregationLength(),
                Math.min(64, l.config().policy().store().ipv6AggregationLength())).fromPrefix(prefix);
        long now = clock.getAsLong();
        // peeked, not recorded: explaining a decision (from the CLI or the dashboard) must not change it
        Ranking ranking = engine.peek(d.service(), key.prefix(), d.tenant(), now);
        Explanation explanation = engine.explain(ranking);
        DynamicAnswerBuilder.Records records = l.builder().records(d, qtype, ranking, now);
        List<String> answer = records.answer().stream().map(Record::toString).toList();
        List<String> additional = records.additional().stream().map(Record::toString).toList();
        int scope = prefixLength < 0 ? 0 : ranking.scopePrefixLength();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", qname.toString());
        json.put("type", Type.string(qtype));
        json.put("client", prefix.toString());
        json.put("clientKey", key.prefix().toString());
        json.put("ecsScope", scope);
        json.put("ttl", records.ttl());
        json.put("answer", answer);
        json.put("additional", additional);
        List<Map<String, Object>> choices = d.kind(qtype) == DynamicName.Kind.NAPTR ? naptrChoices(d, ranking) : null;
        if (choices != null) {
            json.put("naptrChoices", choices);
        }
        json.put("explanation", JsonTree.of(explanation));

        StringBuilder text = new StringBuilder();
        text.append(qname).append(' ').append(Type.string(qtype)).append(" for client ").append(prefix)
                .append(" (key ").append(key.prefix()).append(prefixLength < 0 ? ", resolver address" : ", ECS")
                .append(")\n");
        String policyText = engine.explainText(ranking);
        text.append(policyText);
        if (!policyText.endsWith("\n")) {
            text.append('\n');
        }
        text.append("answer (TTL ").append(records.ttl()).append(" s, ")
                .append(prefixLength < 0 ? "no ECS option: keyed on the resolver" : "ECS scope /" + scope)
                .append("):\n");
        if (answer.isEmpty()) {
            text.append("  (no records: NODATA)\n");
        }
        answer.forEach(r -> text.append("  ").append(r).append('\n'));
        if (choices != null) {
            text.append("NAPTR choices (a transport is offered only while its SRV for this client has a target):\n");
            for (Map<String, Object> c : choices) {
                text.append("  ").append(c.get("service")).append(" -> ").append(c.get("srv")).append(": ")
                        .append(c.get("reason")).append('\n');
            }
        }
        if (!additional.isEmpty()) {
            text.append("additional:\n");
            additional.forEach(r -> text.append("  ").append(r).append('\n'));
        }
        return new Result(json, text.toString());
    }

    /** Per RFC 3263 choice: offered or not, and why (which nodes serve it, or which checks fail). */
    private static List<Map<String, Object>> naptrChoices(DynamicName d, Ranking ranking) {
        TransportChoice choice = TransportChoice.of(ranking);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (NaptrService s : NaptrService.values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("service", s.service());
            c.put("transport", s.transport().name().toLowerCase(java.util.Locale.ROOT));
            c.put("srv", s.srvName(d.owner()).toString());
            c.put("offered", choice.offers(s.transport()));
            c.put("reason", choice.why(s.transport()));
            out.add(c);
        }
        return out;
    }
}
