package fips.launcher.internal.control;

import fips.json.JNode;
import fips.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the shape of a rendered reply with a reference fixture
 * (spec/control-snapshots/*.json): the same keys at every level, the same
 * JSON type for every value (integer and float apart). Where the fixture has
 * null, any value passes; where it has {@code "<redacted>"} (a value the
 * snapshot hid), any value passes; an array's elements are compared with its
 * first element, and an empty fixture array accepts any elements; an empty
 * fixture object is a map with keys of the node's own (for example
 * {@code transport_peer_counts}) and accepts any keys. Paths in
 * {@code nullable} may be null in the rendering where the fixture has a value.
 */
final class Shapes {
    private Shapes() {}

    static final Path SNAPSHOTS = Path.of(System.getProperty("fips.vectors.dir", "../../shared/spec/vectors"))
            .resolveSibling("control-snapshots");

    /** The {@code data} of a fixture reply. */
    static JNode fixture(String command) {
        return JNode.load(SNAPSHOTS.resolve(command + ".json")).get("data");
    }

    /** Every difference, one line each, as {@code path: what}; empty if the shapes agree. */
    static List<String> diff(JNode expected, JNode actual, Set<String> nullable) {
        List<String> out = new ArrayList<>();
        diff(expected.raw(), actual.raw(), "data", nullable, out);
        return out;
    }

    static String type(Object v) {
        if (v == null || v == Json.NULL) return "null";
        if (v instanceof Map) return "object";
        if (v instanceof List) return "array";
        if (v instanceof String) return "string";
        if (v instanceof Boolean) return "boolean";
        if (v instanceof Long || v instanceof BigInteger || v instanceof Integer) return "integer";
        if (v instanceof BigDecimal) return "float";
        return "unexpected Java type " + v.getClass().getName();
    }

    private static void diff(Object e, Object a, String path, Set<String> nullable, List<String> out) {
        String te = type(e);
        String ta = type(a);
        if (te.equals("null") || "<redacted>".equals(e)) return;
        if (ta.equals("null") && nullable.contains(path)) return;
        if (!te.equals(ta)) {
            out.add(path + ": expected " + te + ", got " + ta);
            return;
        }
        if (e instanceof Map<?, ?> me && !me.isEmpty()) {
            Map<?, ?> ma = (Map<?, ?>) a;
            Set<String> missing = new TreeSet<>();
            for (Object k : me.keySet()) if (!ma.containsKey(k)) missing.add((String) k);
            Set<String> extra = new TreeSet<>();
            for (Object k : ma.keySet()) if (!me.containsKey(k)) extra.add((String) k);
            if (!missing.isEmpty()) out.add(path + ": missing keys " + missing);
            if (!extra.isEmpty()) out.add(path + ": unexpected keys " + extra);
            for (Object k : me.keySet()) {
                if (ma.containsKey(k)) diff(me.get(k), ma.get(k), path + "." + k, nullable, out);
            }
        } else if (e instanceof List<?> le && !le.isEmpty()) {
            List<?> la = (List<?>) a;
            for (int i = 0; i < la.size(); i++) diff(le.get(0), la.get(i), path + "[" + i + "]", nullable, out);
        }
    }
}
