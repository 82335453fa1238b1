package fips.link.spi;

import java.math.BigInteger;
import java.util.List;

/**
 * Typed reads of the values in a transport's settings map (the plain YAML
 * nodes {@link TransportProvider#open} receives), for the hand-written mapping
 * STYLE.md rule 15 asks for. Every failure is an
 * {@link IllegalArgumentException} whose message starts with the key's full
 * path and shows the offending value as it would be written in YAML, for
 * example {@code transports.udp.mtu: expected an integer 576..65535, got "abc"}.
 *
 * <p>{@code path} is always the full key path ({@code keyPath + "." + key}).
 */
public final class SettingsReader {
    private SettingsReader() {}

    /**
     * An integer {@code min..max}. Accepts the integral boxes a YAML loader
     * produces ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, a
     * small {@code BigInteger}); anything else, including {@code 1280.5},
     * {@code "1280"} and null, is refused.
     */
    public static int integer(String path, Object v, int min, int max) {
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof BigInteger b && b.bitLength() < 63) {
            n = b.longValue();
        } else {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw bad(path, "an integer " + min + ".." + max, v);
        }
        return (int) n;
    }

    /** A YAML boolean; strings such as {@code "yes"} and numbers are refused. */
    public static boolean bool(String path, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(path, "true or false", v);
    }

    /**
     * A boolean key taken only at its default {@code false}, because what
     * {@code true} turns on is not built ({@code why}); a documented key is
     * accepted so shared configuration files load, never silently ignored.
     */
    public static void requireFalse(String path, Object v, String why) {
        if (bool(path, v)) {
            throw notSupported(path, why, v);
        }
    }

    /** A key taken only at its default, absent or null, for the same reason as {@link #requireFalse}. */
    public static void requireNull(String path, Object v, String why) {
        if (v != null) {
            throw notSupported(path, why, v);
        }
    }

    /** {@code "<path>: expected <expected>, got <value>"}. */
    public static IllegalArgumentException bad(String path, String expected, Object v) {
        return new IllegalArgumentException(path + ": expected " + expected + ", got " + show(v));
    }

    /** A key not in {@code knownKeys}; the message lists them. */
    public static IllegalArgumentException unknownKey(String path, Object v, List<String> knownKeys) {
        return new IllegalArgumentException(path + ": unknown key (value " + show(v)
                + "); known keys: " + String.join(", ", knownKeys));
    }

    /**
     * A documented key whose feature is not built, set to something other than
     * its default; {@code why} says what is missing.
     */
    public static IllegalArgumentException notSupported(String path, String why, Object v) {
        return new IllegalArgumentException(path + ": not supported yet (" + why + "), got "
                + show(v) + "; remove the key or set it to its default");
    }

    /** A value as it would be written in YAML: strings quoted. */
    public static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
