package fips.launcher.internal.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the plain-node tree with its key path ({@code node.rekey},
 * {@code peers[1]}, {@code peers[1].addresses[0]}), read by typed accessors
 * that check the type and range and name {@code path.key} and the value in
 * every error (STYLE.md rule 15).
 */
final class Section {
    private final String path;
    private final Map<String, Object> map;

    private Section(String path, Map<String, Object> map) {
        this.path = path;
        this.map = map;
    }

    /** A mapping at {@code path}; null (an empty YAML value) is an empty mapping. */
    static Section of(String path, Object raw) throws ConfigException {
        if (raw == null) {
            return new Section(path, Map.of());
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw ConfigException.at(path, "expected a mapping of keys, got " + describe(raw));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw ConfigException.at(path, "key " + describe(k) + " is not a string");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new Section(path, typed);
    }

    String path() {
        return path;
    }

    /** The path of a key of this section. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Map<String, Object> raw() {
        return map;
    }

    Set<String> keys() {
        return map.keySet();
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    /** Checks every key, in document order: anything not in {@code known} is an unknown key. */
    void checkKeys(Set<String> known) throws ConfigException {
        for (String k : map.keySet()) {
            if (!known.contains(k)) throw ConfigException.at(child(k), "unknown key");
        }
    }

    /** An integer in {@code [min, max]}, or {@code def} when the key is absent. */
    long integer(String key, long def, long min, long max) throws ConfigException {
        Object v = map.get(key);
        if (v == null && !map.containsKey(key)) return def;
        return integerValue(child(key), v, min, max);
    }

    /** An integer in {@code [min, max]}, or null when the key is absent. */
    Long optionalInteger(String key, long min, long max) throws ConfigException {
        if (!map.containsKey(key)) return null;
        return integerValue(child(key), map.get(key), min, max);
    }

    static long integerValue(String path, Object v, long min, long max) throws ConfigException {
        BigInteger b;
        if (v instanceof Integer || v instanceof Long) {
            b = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            b = bi;
        } else {
            throw ConfigException.at(path, "expected " + range(min, max) + ", got " + describe(v));
        }
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ConfigException.at(path, "expected " + range(min, max) + ", got " + b);
        }
        return b.longValue();
    }

    private static String range(long min, long max) {
        return "an integer from " + min + " to " + max;
    }

    /**
     * A finite number in {@code [min, max]} ({@code (min, max]} when
     * {@code minExclusive}), or {@code def} when absent. Integers are accepted.
     */
    double number(String key, double def, double min, boolean minExclusive, double max) throws ConfigException {
        return number(key, def, min, minExclusive, max, false);
    }

    /** As {@link #number(String, double, double, boolean, double)}, with {@code max} excluded when {@code maxExclusive}. */
    double number(String key, double def, double min, boolean minExclusive, double max, boolean maxExclusive)
            throws ConfigException {
        if (!map.containsKey(key)) return def;
        return numberValue(child(key), map.get(key), min, minExclusive, max, maxExclusive);
    }

    /** As {@link #number} but null when absent. */
    Double optionalNumber(String key, double min, boolean minExclusive, double max) throws ConfigException {
        if (!map.containsKey(key)) return null;
        return numberValue(child(key), map.get(key), min, minExclusive, max, false);
    }

    private static double numberValue(String path, Object v, double min, boolean minExclusive, double max,
                                      boolean maxExclusive) throws ConfigException {
        String want = !minExclusive && !maxExclusive ? "a number from " + fmt(min) + " to " + fmt(max)
                : "a number " + (minExclusive ? "greater than " : "at least ") + fmt(min)
                + (maxExclusive ? " and less than " : " and at most ") + fmt(max);
        if (!(v instanceof Number n) || v instanceof Float) {
            throw ConfigException.at(path, "expected " + want + ", got " + describe(v));
        }
        double d = n.doubleValue();
        boolean below = minExclusive ? !(d > min) : !(d >= min);
        boolean above = maxExclusive ? !(d < max) : d > max;
        if (Double.isNaN(d) || Double.isInfinite(d) || below || above) {
            throw ConfigException.at(path, "expected " + want + ", got " + describe(v));
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    boolean bool(String key, boolean def) throws ConfigException {
        if (!map.containsKey(key)) return def;
        Object v = map.get(key);
        if (!(v instanceof Boolean b)) {
            throw ConfigException.at(child(key), "expected true or false, got " + describe(v));
        }
        return b;
    }

    /** A string, or {@code def} when absent or null. */
    String string(String key, String def) throws ConfigException {
        Object v = map.get(key);
        if (v == null) return def;
        if (!(v instanceof String s)) {
            throw ConfigException.at(child(key), "expected a string, got " + describe(v));
        }
        return s;
    }

    /** A required non-empty string. */
    String requiredString(String key) throws ConfigException {
        String s = string(key, null);
        if (s == null) throw ConfigException.at(child(key), "required");
        if (s.isEmpty()) throw ConfigException.at(child(key), "must not be empty");
        return s;
    }

    Section section(String key) throws ConfigException {
        return of(child(key), map.get(key));
    }

    /** A list, empty when absent or null. */
    List<Object> list(String key) throws ConfigException {
        Object v = map.get(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) {
            throw ConfigException.at(child(key), "expected a list, got " + describe(v));
        }
        @SuppressWarnings("unchecked")
        List<Object> typed = (List<Object>) l;
        return typed;
    }

    /** How a value appears in a message: strings quoted, collections by kind. */
    static String describe(Object v) {
        if (v == null) return "null (an empty value)";
        if (v instanceof String s) {
            String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
            return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        if (v instanceof Map<?, ?>) return "a mapping";
        if (v instanceof List<?>) return "a list";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        return "a value of YAML type " + v.getClass().getSimpleName();
    }
}
