package fips.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed JSON value with the path that led to it, so that every shape error
 * names the exact field ({@code keys[3].npub: expected a string, got number}).
 */
public final class JNode {
    private final Object value;
    private final String path;

    private JNode(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    public static JNode of(Object parsed, String rootName) {
        return new JNode(parsed, rootName);
    }

    /**
     * Reads and parses the UTF-8 JSON file {@code file} (a known-answer vector
     * file, say) as a root node with the empty path. A syntax error names the
     * file and the offset; an unreadable file is an {@link UncheckedIOException}
     * naming the file.
     */
    public static JNode load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return new JNode(Json.parse(text), "");
        } catch (JsonException e) {
            throw new JsonException(file + ": " + e.getMessage());
        }
    }

    public String path() {
        return path;
    }

    public Object raw() {
        return value;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonException shape(String expected) {
        return new JsonException(path + ": expected " + expected + ", got " + describe(value));
    }

    private static String describe(Object v) {
        if (v == Json.NULL) return "null";
        if (v instanceof Map) return "object";
        if (v instanceof List) return "array";
        if (v instanceof String s) return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        if (v instanceof Boolean) return "boolean";
        return "number " + v;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        if (!(value instanceof Map)) throw shape("an object");
        return (Map<String, Object>) value;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    /** Whether this is the JSON {@code null} literal. */
    public boolean isNull() {
        return value == Json.NULL;
    }

    public boolean has(String key) {
        return value instanceof Map<?, ?> m && m.containsKey(key);
    }

    public Set<String> keys() {
        return map().keySet();
    }

    /** The member {@code key}; an error naming the path if absent. */
    public JNode get(String key) {
        Map<String, Object> m = map();
        if (!m.containsKey(key)) {
            throw new JsonException(child(key) + ": missing");
        }
        return new JNode(m.get(key), child(key));
    }

    /** The member {@code key}, or null if absent. */
    public JNode opt(String key) {
        Map<String, Object> m = map();
        return m.containsKey(key) ? new JNode(m.get(key), child(key)) : null;
    }

    public List<JNode> items() {
        if (!(value instanceof List<?> l)) throw shape("an array");
        List<JNode> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(new JNode(l.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public String str() {
        if (!(value instanceof String s)) throw shape("a string");
        return s;
    }

    public boolean bool() {
        if (!(value instanceof Boolean b)) throw shape("a boolean");
        return b;
    }

    /** An unsigned 64-bit integer, returned as the Java long with the same bits. */
    public long u64() {
        BigInteger b = integer();
        if (b.signum() < 0 || b.bitLength() > 64) throw shape("an unsigned 64-bit integer");
        return b.longValue();
    }

    public long i64() {
        BigInteger b = integer();
        if (b.bitLength() > 63) throw shape("a signed 64-bit integer");
        return b.longValue();
    }

    public int i32() {
        BigInteger b = integer();
        if (b.bitLength() > 31) throw shape("a 32-bit integer");
        return b.intValue();
    }

    private BigInteger integer() {
        if (value instanceof Long l) return BigInteger.valueOf(l);
        if (value instanceof BigInteger b) return b;
        throw shape("an integer");
    }

    public double num() {
        if (value instanceof Long l) return l;
        if (value instanceof BigInteger b) return b.doubleValue();
        if (value instanceof BigDecimal d) return d.doubleValue();
        throw shape("a number");
    }

    /** A hex string decoded to bytes. */
    public byte[] hex() {
        String s = str();
        if ((s.length() & 1) != 0) {
            throw new JsonException(path + ": not hex: odd length " + s.length());
        }
        try {
            return java.util.HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new JsonException(path + ": not hex: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return path + "=" + describe(value);
    }
}
