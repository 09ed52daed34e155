package net.voicegslb.gslb.dns.gslb;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the policy's explanation records into plain maps and lists for a JSON encoder, field
 * names as in the records, so the API follows the model without a mapping layer to keep in step.
 */
final class JsonTree {

    private JsonTree() {}

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return value;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : Math.round(d * 1000) / 1000.0;
        }
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(v -> out.add(of(v)));
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
            return out;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    out.put(c.getName(), of(c.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName(), e);
                }
            }
            return out;
        }
        return value.toString();
    }
}
