package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.List;

/** Sparklines and small block plots of a series whose missing samples are nulls. */
public final class Chart {
    private Chart() {}

    /** The numbers of a JSON array, null for JSON null or non-numbers. */
    public static List<Double> values(JNode array) {
        List<Double> out = new ArrayList<>();
        if (array == null || !array.isArray()) return out;
        for (JNode v : array.items()) out.add(v.raw() instanceof Number ? v.num() : null);
        return out;
    }

    /** The last of the non-null values, or null. */
    public static Double last(List<Double> v) {
        for (int i = v.size() - 1; i >= 0; i--) if (v.get(i) != null) return v.get(i);
        return null;
    }

    public static Double max(List<Double> v) {
        Double m = null;
        for (Double d : v) if (d != null && (m == null || d > m)) m = d;
        return m;
    }

    public static Double min(List<Double> v) {
        Double m = null;
        for (Double d : v) if (d != null && (m == null || d < m)) m = d;
        return m;
    }

    /** A one-row plot of the newest {@code width} samples (right-aligned: the newest at the right edge). */
    public static String sparkline(List<Double> v, int width, Glyphs g) {
        return plot(v, width, 1, g).get(0);
    }

    /**
     * A {@code height}-row block plot of the newest {@code width} samples, top row first, scaled from 0
     * (or the minimum, if negative) to the maximum; a missing sample is a blank column, a zero a baseline.
     */
    public static List<String> plot(List<Double> v, int width, int height, Glyphs g) {
        char[] lv = g.levels();
        int steps = lv.length - 1;
        List<Double> tail = v.size() > width ? v.subList(v.size() - width, v.size()) : v;
        Double hi = max(tail);
        Double lo = min(tail);
        double base = lo != null && lo < 0 ? lo : 0;
        double span = hi == null ? 0 : hi - base;
        char[][] rows = new char[height][width];
        for (char[] r : rows) java.util.Arrays.fill(r, ' ');
        int start = width - tail.size();
        for (int i = 0; i < tail.size(); i++) {
            Double d = tail.get(i);
            if (d == null) continue;
            int units = span <= 0 ? 1 : (int) Math.round((d - base) / span * height * steps);
            units = Math.max(1, Math.min(units, height * steps));
            for (int r = 0; r < height; r++) {
                int inRow = units - r * steps;
                int lvl = Math.max(0, Math.min(steps, inRow));
                rows[height - 1 - r][start + i] = lv[lvl];
            }
        }
        List<String> out = new ArrayList<>(height);
        for (char[] r : rows) out.add(new String(r));
        return out;
    }
}
