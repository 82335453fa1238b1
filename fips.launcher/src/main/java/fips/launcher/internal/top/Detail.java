package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generic rendering of daemon JSON for detail views and panes whose exact schema varies: nested
 * objects as indented key/value lines, counter objects packed into columns, one-line summaries.
 */
public final class Detail {
    private Detail() {}

    static final int MAX_LABEL = 28;

    /** Every field of {@code obj} as indented "key  value" lines; nested objects and arrays get sections. */
    public static List<String> flatten(JNode obj) {
        List<String> out = new ArrayList<>();
        flatten(obj, 0, out);
        return out;
    }

    private static void flatten(JNode obj, int indent, List<String> out) {
        if (obj == null || !obj.isObject()) {
            out.add(" ".repeat(indent) + Fmt.text(obj));
            return;
        }
        int lw = 0;
        for (String k : obj.keys()) lw = Math.max(lw, Fmt.clean(k).length());
        lw = Math.min(lw, MAX_LABEL);
        String ind = " ".repeat(indent);
        for (String k : obj.keys()) {
            JNode v = obj.get(k);
            String key = Fmt.clean(k);
            if (v.isObject() && !v.keys().isEmpty()) {
                out.add(ind + key + ":");
                flatten(v, indent + 2, out);
            } else if (v.isArray() && !v.items().isEmpty() && (v.items().get(0).isObject() || v.items().get(0).isArray())) {
                List<JNode> items = v.items();
                for (int i = 0; i < items.size(); i++) {
                    out.add(ind + key + "[" + i + "]:");
                    flatten(items.get(i), indent + 2, out);
                }
            } else if (v.isArray()) {
                out.add(ind + Fmt.kv(key, scalars(v), lw));
            } else {
                out.add(ind + Fmt.kv(key, Fmt.text(v), lw));
            }
        }
    }

    /** "[a, b, c]" for an array of scalars. */
    public static String scalars(JNode array) {
        StringBuilder b = new StringBuilder("[");
        for (JNode i : array.items()) {
            if (b.length() > 1) b.append(", ");
            b.append(Fmt.text(i));
        }
        return b.append(']').toString();
    }

    /** The scalar fields of {@code obj} as "key=value" pairs on one line (nested values summarised). */
    public static String oneLine(JNode obj) {
        if (obj == null || !obj.isObject()) return Fmt.text(obj);
        StringBuilder b = new StringBuilder();
        for (String k : obj.keys()) {
            JNode v = obj.get(k);
            if (b.length() > 0) b.append("  ");
            b.append(Fmt.clean(k)).append('=').append(v.isArray() ? scalarsOrCount(v) : Fmt.text(v));
        }
        return b.toString();
    }

    private static String scalarsOrCount(JNode a) {
        for (JNode i : a.items()) if (i.isObject() || i.isArray()) return Fmt.text(a);
        return scalars(a);
    }

    /**
     * The fields of a flat counters object packed into as many "name  value" columns as fit
     * {@code width}, filled top to bottom then left to right.
     */
    public static List<String> counters(JNode obj, int width) {
        List<String[]> kv = new ArrayList<>();
        if (obj != null && obj.isObject()) {
            for (String k : obj.keys()) {
                JNode v = obj.get(k);
                kv.add(new String[] {Fmt.clean(k), v.isObject() ? Detail.oneLine(v) : Fmt.text(v)});
            }
        }
        return columns(kv, width);
    }

    /** key/value pairs in columns (see {@link #counters}). */
    public static List<String> columns(List<String[]> kv, int width) {
        List<String> out = new ArrayList<>();
        if (kv.isEmpty()) return out;
        int kw = 0;
        int vw = 0;
        for (String[] p : kv) {
            kw = Math.max(kw, p[0].length());
            vw = Math.max(vw, p[1].length());
        }
        kw = Math.min(kw, 32);
        int cell = kw + 1 + Math.min(vw, 24);
        int cols = Math.max(1, Math.min(4, (width + 3) / (cell + 3)));
        int rows = (kv.size() + cols - 1) / cols;
        for (int r = 0; r < rows; r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int i = c * rows + r;
                if (i >= kv.size()) break;
                String[] p = kv.get(i);
                String s = Fmt.pad(p[0], kw) + " " + Fmt.padLeft(p[1], Math.min(vw, 24));
                if (c > 0) b.append("   ");
                b.append(cols > 1 ? Fmt.pad(s, cell) : s);
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    /** The first of {@code keys} that {@code obj} has with a non-null, non-empty value, as text; else "-". */
    public static String first(JNode obj, String... keys) {
        for (String k : keys) {
            JNode v = Fmt.at(obj, k);
            if (v != null && !v.isNull() && !(v.raw() instanceof String s && s.isEmpty())) return Fmt.text(v);
        }
        return Fmt.NONE;
    }

    /** A numeric field that may sit at the top level or under {@code mmp}. */
    public static Double metric(JNode obj, String key) {
        Double d = Fmt.num(obj, key);
        return d != null ? d : Fmt.num(obj, "mmp." + key);
    }

    static String ms(Double d) {
        return d == null ? Fmt.NONE : Fmt.decimal(d) + "ms";
    }

    static String percent(Double fraction) {
        return fraction == null ? Fmt.NONE : Fmt.decimal(fraction * 100) + "%";
    }

    static String plain(Double d) {
        return d == null ? Fmt.NONE : Fmt.decimal(d);
    }

    static String rate(Double bps) {
        return bps == null ? Fmt.NONE : Fmt.bytes(bps / 8) + "/s";
    }

    static boolean nonEmptyMap(Object raw) {
        return raw instanceof Map<?, ?> m && !m.isEmpty();
    }
}
