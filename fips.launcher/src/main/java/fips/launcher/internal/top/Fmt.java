package fips.launcher.internal.top;

import fips.json.JNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Formatting helpers shared by the views: safe text from daemon JSON, units, widths. */
public final class Fmt {
    private Fmt() {}

    /** Placeholder for a missing or null value. */
    public static final String NONE = "-";

    /**
     * {@code s} with every control character, format character (bidi overrides) and character outside
     * the Basic Multilingual Plane replaced by {@code ?}: daemon strings (peer names) are untrusted and
     * must neither drive the terminal nor break column widths.
     */
    public static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c);
            if (bad) {
                if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
                if (!(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))) {
                    b.append('?');
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** The member at dotted {@code path} of {@code obj} (e.g. {@code mmp.srtt_ms}), or null. */
    public static JNode at(JNode obj, String path) {
        JNode n = obj;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) return null;
            n = n.opt(part);
        }
        return n;
    }

    /** Any JSON value as display text: null/missing "-", booleans yes/no, numbers compact, strings cleaned. */
    public static String text(JNode v) {
        if (v == null || v.isNull()) return NONE;
        Object raw = v.raw();
        if (raw instanceof String s) return clean(s);
        if (raw instanceof Boolean b) return b ? "yes" : "no";
        if (raw instanceof BigDecimal d) return decimal(d.doubleValue());
        if (raw instanceof Number n) return n.toString();
        if (raw instanceof Map<?, ?> m) return m.isEmpty() ? "{}" : "{" + m.size() + " fields}";
        if (raw instanceof java.util.List<?> l) return l.isEmpty() ? "[]" : "[" + l.size() + " items]";
        return clean(String.valueOf(raw));
    }

    public static String text(JNode obj, String path) {
        return text(at(obj, path));
    }

    /** The number at {@code path}, or null if missing, null or not a number. */
    public static Double num(JNode obj, String path) {
        JNode v = at(obj, path);
        if (v == null || !(v.raw() instanceof Number)) return null;
        return v.num();
    }

    public static boolean flag(JNode obj, String path) {
        JNode v = at(obj, path);
        return v != null && v.raw() instanceof Boolean b && b;
    }

    /** A fraction-aware decimal: integers as such, others with up to 3 significant decimals. */
    public static String decimal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        double a = Math.abs(d);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", d);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", d);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.2f", d);
        return String.format(Locale.ROOT, "%.3g", d);
    }

    /** A byte count with a binary unit ("0 B", "1.5 KiB", "12 MiB"). */
    public static String bytes(double n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double v = n;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? Long.toString((long) v) : v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    public static String bytes(JNode obj, String path) {
        Double d = num(obj, path);
        return d == null ? text(obj, path) : bytes(d);
    }

    /** Seconds as the two largest units: "45s", "3m 12s", "2h 5m", "3d 4h". */
    public static String duration(long secs) {
        if (secs < 0) return NONE;
        if (secs < 60) return secs + "s";
        if (secs < 3600) return secs / 60 + "m " + secs % 60 + "s";
        if (secs < 86400) return secs / 3600 + "h " + secs % 3600 / 60 + "m";
        return secs / 86400 + "d " + secs % 86400 / 3600 + "h";
    }

    /** A duration in seconds at {@code path}, or the raw text when it is not a number. */
    public static String duration(JNode obj, String path) {
        Double d = num(obj, path);
        return d == null ? text(obj, path) : duration((long) Math.floor(d));
    }

    /** Milliseconds as "850ms" below a second, else as {@link #duration(long)}. */
    public static String millis(JNode obj, String path) {
        Double d = num(obj, path);
        if (d == null) return text(obj, path);
        return d < 1000 ? Math.round(d) + "ms" : duration((long) (d / 1000));
    }

    /** "npub1sx42mj…kkhmu5r"-style shortening of a long identifier to at most {@code max} characters. */
    public static String middle(String s, int max, Glyphs g) {
        if (s.length() <= max || max < 5) return fit(s, max, g);
        int tail = (max - 1) / 3;
        int head = max - 1 - tail;
        return s.substring(0, head) + g.ellipsis() + s.substring(s.length() - tail);
    }

    /** {@code s} cut to {@code w} characters, the last replaced by an ellipsis when cut. */
    public static String fit(String s, int w, Glyphs g) {
        if (w <= 0) return "";
        if (s.length() <= w) return s;
        return w == 1 ? s.substring(0, 1) : s.substring(0, w - 1) + g.ellipsis();
    }

    /** {@code s} cut to exactly {@code w} characters or padded with spaces to it. */
    public static String pad(String s, int w) {
        if (s.length() >= w) return s.substring(0, Math.max(0, w));
        return s + " ".repeat(w - s.length());
    }

    public static String padLeft(String s, int w) {
        if (s.length() >= w) return s.substring(0, Math.max(0, w));
        return " ".repeat(w - s.length()) + s;
    }

    /** "label  value" rows with the labels in one column of {@code labelWidth}. */
    public static String kv(String label, String value, int labelWidth) {
        return pad(label, labelWidth) + " " + value;
    }
}
