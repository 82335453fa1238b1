package fips.launcher.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A declared set of keys for one mapping: each key's type, range and default.
 * {@link #read} checks a {@link Section} against it (unknown key, wrong type,
 * out of range: an error naming the path and the value) and returns every
 * key's value with the defaults filled in.
 *
 * <p>Used for the blocks whose keys are many and mostly plain (transport
 * blocks, {@code node.rendezvous.*}, {@code node.native_api}, MMP, ECN); the
 * records are then built from the {@link Values}. A default of {@code null}
 * means "none" (an optional key).
 */
final class Schema {
    enum Kind { BOOL, INT, NUMBER, STRING, CHOICE, STRING_LIST, INT_LIST, SECTION }

    /** One key. Only the fields of its kind are used. */
    record Key(String name, Kind kind, Object def, long min, long max, double dmin, boolean dminExclusive,
               double dmax, boolean dmaxExclusive, List<String> choices, Schema nested, boolean required) {}

    /** Largest u32: most {@code *_secs} and counts are u32 or u64 in the reference. */
    static final long U32_MAX = 0xFFFF_FFFFL;

    private final Map<String, Key> keys = new LinkedHashMap<>();

    private Schema(List<Key> ks) {
        for (Key k : ks) keys.put(k.name(), k);
    }

    static Schema of(Key... ks) {
        return new Schema(List.of(ks));
    }

    boolean knows(String key) {
        return keys.containsKey(key);
    }

    static Key bool(String name, boolean def) {
        return new Key(name, Kind.BOOL, def, 0, 0, 0, false, 0, false, List.of(), null, false);
    }

    /** An integer in {@code [min, max]}; {@code def} may be null (optional). */
    static Key integer(String name, Long def, long min, long max) {
        return new Key(name, Kind.INT, def, min, max, 0, false, 0, false, List.of(), null, false);
    }

    static Key u8(String name, long def) {
        return integer(name, def, 0, 255);
    }

    static Key u16(String name, long def) {
        return integer(name, def, 0, 65_535);
    }

    static Key u32(String name, long def) {
        return integer(name, def, 0, U32_MAX);
    }

    /** u64 and usize: capped at {@link Long#MAX_VALUE} here. */
    static Key u64(String name, long def) {
        return integer(name, def, 0, Long.MAX_VALUE);
    }

    static Key number(String name, double def, double min, boolean minExclusive, double max, boolean maxExclusive) {
        return new Key(name, Kind.NUMBER, def, 0, 0, min, minExclusive, max, maxExclusive, List.of(), null, false);
    }

    /** A string; {@code def} may be null (optional). */
    static Key string(String name, String def) {
        return new Key(name, Kind.STRING, def, 0, 0, 0, false, 0, false, List.of(), null, false);
    }

    static Key requiredString(String name) {
        return new Key(name, Kind.STRING, null, 0, 0, 0, false, 0, false, List.of(), null, true);
    }

    /** One of {@code choices}, compared exactly. */
    static Key choice(String name, String def, String... choices) {
        return new Key(name, Kind.CHOICE, def, 0, 0, 0, false, 0, false, List.of(choices), null, false);
    }

    static Key strings(String name, List<String> def) {
        return new Key(name, Kind.STRING_LIST, List.copyOf(def), 0, 0, 0, false, 0, false, List.of(), null, false);
    }

    static Key integers(String name, List<Long> def, long min, long max) {
        return new Key(name, Kind.INT_LIST, List.copyOf(def), min, max, 0, false, 0, false, List.of(), null, false);
    }

    static Key section(String name, Schema nested) {
        return new Key(name, Kind.SECTION, null, 0, 0, 0, false, 0, false, List.of(), nested, false);
    }

    /**
     * Checks every key of {@code s} and reads every declared key.
     *
     * @throws ConfigException naming {@code path.key} for an unknown key, a missing required key, or a bad value
     */
    Values read(Section s) throws ConfigException {
        for (String k : s.keys()) {
            if (!keys.containsKey(k)) throw ConfigException.at(s.child(k), "unknown key");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Values> nested = new LinkedHashMap<>();
        for (Key k : keys.values()) {
            String path = s.child(k.name());
            boolean present = s.has(k.name()) && s.raw().get(k.name()) != null;
            if (k.required() && !present) throw ConfigException.at(path, "required");
            Object v = switch (k.kind()) {
                case BOOL -> s.bool(k.name(), (Boolean) k.def());
                case INT -> present ? (Object) Section.integerValue(path, s.raw().get(k.name()), k.min(), k.max()) : k.def();
                case NUMBER -> s.number(k.name(), (Double) k.def(), k.dmin(), k.dminExclusive(), k.dmax(), k.dmaxExclusive());
                case STRING -> {
                    String str = s.string(k.name(), (String) k.def());
                    if (present && str.isEmpty()) throw ConfigException.at(path, "must not be empty");
                    yield str;
                }
                case CHOICE -> {
                    String str = s.string(k.name(), (String) k.def());
                    if (!k.choices().contains(str)) {
                        throw ConfigException.at(path, "expected one of " + String.join(", ", k.choices()) + ", got "
                                + Section.describe(str));
                    }
                    yield str;
                }
                case STRING_LIST -> present ? stringList(path, s.list(k.name())) : k.def();
                case INT_LIST -> present ? intList(path, s.list(k.name()), k.min(), k.max()) : k.def();
                case SECTION -> {
                    Values inner = k.nested().read(s.section(k.name()));
                    nested.put(k.name(), inner);
                    yield null;
                }
            };
            values.put(k.name(), v);
        }
        return new Values(s, this, Collections.unmodifiableMap(values), nested);
    }

    private static List<String> stringList(String path, List<Object> items) throws ConfigException {
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String str) || str.isEmpty()) {
                throw ConfigException.at(path + "[" + i + "]", "expected a non-empty string, got "
                        + Section.describe(items.get(i)));
            }
            out.add(str);
        }
        return List.copyOf(out);
    }

    private static List<Long> intList(String path, List<Object> items, long min, long max) throws ConfigException {
        List<Long> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(Section.integerValue(path + "[" + i + "]", items.get(i), min, max));
        }
        return List.copyOf(out);
    }

    /**
     * The values of one mapping, defaults filled in.
     *
     * @param section where they were read, for paths
     */
    record Values(Section section, Schema schema, Map<String, Object> values, Map<String, Values> nested) {
        String path(String key) {
            return section.child(key);
        }

        boolean present(String key) {
            return section.has(key) && section.raw().get(key) != null;
        }

        boolean bool(String key) {
            return (Boolean) values.get(key);
        }

        long integer(String key) {
            return (Long) values.get(key);
        }

        /** The integer, or null for an optional key left out. */
        Long optionalInteger(String key) {
            return (Long) values.get(key);
        }

        int intValue(String key) {
            return Math.toIntExact((Long) values.get(key));
        }

        double number(String key) {
            return (Double) values.get(key);
        }

        String string(String key) {
            return (String) values.get(key);
        }

        @SuppressWarnings("unchecked")
        List<String> strings(String key) {
            return (List<String>) values.get(key);
        }

        @SuppressWarnings("unchecked")
        List<Long> integers(String key) {
            return (List<Long>) values.get(key);
        }

        Values sub(String key) {
            return nested.get(key);
        }

        /**
         * The keys written with a value other than their default, nested
         * sections included, in declaration order: path to value.
         */
        Map<String, Object> changed() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Key k : schema.keys.values()) {
                if (k.kind() == Kind.SECTION) {
                    out.putAll(nested.get(k.name()).changed());
                } else if (present(k.name()) && !Objects.equals(values.get(k.name()), k.def())) {
                    out.put(path(k.name()), values.get(k.name()));
                }
            }
            return out;
        }
    }
}
