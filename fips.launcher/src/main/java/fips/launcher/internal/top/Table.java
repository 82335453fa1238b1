package fips.launcher.internal.top;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table: a header, rows, a selection marker column, column widths fitted to the content (each
 * capped), and a window of rows that keeps the selected one visible.
 */
public final class Table {
    /** One column: header, the widest it may get, and whether numbers align right. */
    public record Column(String header, int maxWidth, boolean right) {
        public static Column left(String header, int maxWidth) {
            return new Column(header, maxWidth, false);
        }

        public static Column right(String header, int maxWidth) {
            return new Column(header, maxWidth, true);
        }
    }

    private Table() {}

    /**
     * The table in at most {@code height} lines of {@code width}: the header, then the rows from an
     * offset that shows {@code selected} (-1: none, from the top), selected row marked; an empty table
     * shows {@code emptyText} under the header.
     */
    public static List<Line> render(List<Column> cols, List<String[]> rows, int selected, int width, int height,
            String emptyText, Glyphs g) {
        List<Line> out = new ArrayList<>();
        if (height <= 0) return out;
        int n = cols.size();
        int[] w = new int[n];
        for (int c = 0; c < n; c++) {
            w[c] = cols.get(c).header().length();
            for (String[] r : rows) w[c] = Math.max(w[c], r[c].length());
            w[c] = Math.min(w[c], cols.get(c).maxWidth());
        }
        StringBuilder h = new StringBuilder("  ");
        for (int c = 0; c < n; c++) h.append(cell(cols.get(c), cols.get(c).header(), w[c], c == n - 1, g));
        out.add(new Line(Fmt.fit(h.toString().stripTrailing(), width, g), Line.Style.HEADER));
        if (rows.isEmpty()) {
            if (height > 1) out.add(new Line(Fmt.fit("  " + emptyText, width, g), Line.Style.DIM));
            return out;
        }
        int visible = height - 1;
        int offset = 0;
        if (selected >= visible) offset = selected - visible + 1;
        offset = Math.max(0, Math.min(offset, Math.max(0, rows.size() - visible)));
        for (int i = offset; i < rows.size() && out.size() < height; i++) {
            String[] r = rows.get(i);
            boolean sel = i == selected;
            StringBuilder b = new StringBuilder(sel ? g.selected() + " " : "  ");
            for (int c = 0; c < n; c++) b.append(cell(cols.get(c), r[c], w[c], c == n - 1, g));
            out.add(new Line(Fmt.fit(b.toString().stripTrailing(), width, g), sel ? Line.Style.SELECTED : Line.Style.NORMAL));
        }
        if (offset + visible < rows.size() && out.size() == height && height > 2) {
            int more = rows.size() - (offset + visible);
            out.set(height - 1, new Line(Fmt.fit("  " + g.ellipsis() + " " + (more + 1) + " more rows", width, g), Line.Style.DIM));
        }
        return out;
    }

    private static String cell(Column col, String v, int w, boolean last, Glyphs g) {
        String s = Fmt.fit(v, w, g);
        s = col.right() ? Fmt.padLeft(s, w) : Fmt.pad(s, w);
        return last ? s : s + "  ";
    }
}
