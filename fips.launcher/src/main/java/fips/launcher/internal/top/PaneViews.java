package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The multi-pane tabs (reference/cli-fipstop.md "Multi-pane scrolling tabs", "Performance tab"):
 * Tree ({@code show_tree}), Filters ({@code show_bloom}), Routing ({@code show_routing} +
 * {@code show_cache}) and Performance ({@code show_mmp}). Each is a stack of {@link Pane}s that
 * scroll on their own; {@link #layout} splits the height between them.
 */
public final class PaneViews {
    private PaneViews() {}

    /** A pane: its title, an optional fixed header row (null: none) and its scrollable lines. */
    public record Pane(String title, String header, List<String> lines) {
        int chrome() {
            return header == null ? 1 : 2;
        }
    }

    /** The panes of tab {@code t} for a body {@code width} wide. */
    public static List<Pane> panes(Tab t, Snapshot snap, ViewState st, int width) {
        return switch (t) {
            case TREE -> tree(snap, width);
            case FILTERS -> filters(snap, width);
            case ROUTING -> routing(snap, width);
            case PERFORMANCE -> performance(snap, st);
            default -> List.of();
        };
    }

    /**
     * Heights (chrome included) of the panes in a body of {@code height} rows: each gets what it needs
     * if all fit; otherwise each gets at least min(need, 4) and the rest is dealt out one row at a time
     * to the panes that still want more.
     */
    public static int[] layout(List<Pane> panes, int height) {
        int n = panes.size();
        int[] want = new int[n];
        int[] h = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            want[i] = panes.get(i).chrome() + Math.max(1, panes.get(i).lines().size());
            total += want[i];
        }
        if (total <= height) return want;
        int left = height;
        for (int i = 0; i < n; i++) {
            h[i] = Math.min(want[i], Math.min(4, Math.max(0, left)));
            left -= h[i];
        }
        boolean grew = true;
        while (left > 0 && grew) {
            grew = false;
            for (int i = 0; i < n && left > 0; i++) {
                if (h[i] < want[i]) {
                    h[i]++;
                    left--;
                    grew = true;
                }
            }
        }
        return h;
    }

    /** The largest scroll offset of pane {@code i} at height {@code h}. */
    public static int maxScroll(Pane p, int h) {
        return Math.max(0, p.lines().size() - Math.max(0, h - p.chrome()));
    }

    /** The stacked panes drawn into {@code width} x {@code height}, the focused one's title marked. */
    public static List<Line> render(Tab t, Snapshot snap, ViewState st, int width, int height, Glyphs g) {
        List<Pane> panes = panes(t, snap, st, width);
        List<Line> out = new ArrayList<>();
        if (panes.isEmpty()) return out;
        int[] h = layout(panes, height);
        int focus = Math.min(st.paneFocus(t), panes.size() - 1);
        for (int i = 0; i < panes.size(); i++) {
            Pane p = panes.get(i);
            if (h[i] <= 0) continue;
            int scroll = Math.min(st.paneScroll(t, i), maxScroll(p, h[i]));
            int body = h[i] - p.chrome();
            String pos = p.lines().size() > body && body > 0
                    ? "  [" + (scroll + 1) + "-" + Math.min(p.lines().size(), scroll + body) + "/" + p.lines().size() + "]" : "";
            String title = (i == focus ? g.selected() + " " : "  ") + p.title() + pos;
            out.add(new Line(Fmt.fit(title, width, g), i == focus ? Line.Style.FOCUS_TITLE : Line.Style.PANE_TITLE));
            if (p.header() != null && h[i] > 1) out.add(new Line(Fmt.fit("  " + p.header(), width, g), Line.Style.HEADER));
            for (int r = 0; r < body; r++) {
                int li = scroll + r;
                String s = li < p.lines().size() ? "  " + p.lines().get(li) : r == 0 && p.lines().isEmpty() ? "  (none)" : "";
                out.add(new Line(Fmt.fit(s, width, g), r == 0 && p.lines().isEmpty() ? Line.Style.DIM : Line.Style.NORMAL));
            }
        }
        return out;
    }

    private static List<Pane> missing(Snapshot snap, Query q) {
        String err = snap.error(q);
        return List.of(new Pane(q.command(), null,
                List.of(err == null ? "waiting for " + q.command() + "..." : "error: " + Fmt.clean(err))));
    }

    private static List<String> kvLines(JNode obj, String[][] fields) {
        List<String> out = new ArrayList<>();
        int lw = 0;
        for (String[] f : fields) lw = Math.max(lw, f[1].length());
        for (String[] f : fields) {
            if (Fmt.at(obj, f[0]) == null) continue;
            JNode v = Fmt.at(obj, f[0]);
            out.add(Fmt.kv(f[1], v.isArray() ? Detail.scalars(v) : Fmt.text(v), lw));
        }
        return out;
    }

    private static List<Pane> tree(Snapshot snap, int width) {
        JNode t = snap.data(Tab.TREE_Q);
        if (t == null) return missing(snap, Tab.TREE_Q);
        List<String> state = kvLines(t, new String[][] {
            {"my_node_addr", "node_addr"}, {"is_root", "is root"}, {"depth", "depth"}, {"root", "root"},
            {"root_npub", "root npub"}, {"parent", "parent"}, {"parent_display_name", "parent name"},
            {"declaration_sequence", "declaration seq"}, {"declaration_signed", "declaration signed"},
            {"peer_tree_count", "peers in tree"},
        });
        List<JNode> coords = Tab.items(t, "my_coords");
        StringBuilder path = new StringBuilder();
        for (JNode c : coords) path.append(path.length() == 0 ? "" : " -> ").append(Fmt.text(c));
        state.add(Fmt.kv("coords", coords.isEmpty() ? Fmt.NONE : "self -> root: " + path, 18));
        List<String> peers = new ArrayList<>();
        for (JNode p : Tab.items(t, "peers")) peers.add(Detail.oneLine(p));
        return List.of(new Pane("Spanning tree", null, state),
                new Pane("Peer coordinates (" + peers.size() + ")", null, peers),
                new Pane("Tree announce counters", null, Detail.counters(Fmt.at(t, "stats"), width - 2)));
    }

    private static List<Pane> filters(Snapshot snap, int width) {
        JNode b = snap.data(Tab.BLOOM);
        if (b == null) return missing(snap, Tab.BLOOM);
        List<String> summary = kvLines(b, new String[][] {
            {"own_node_addr", "node_addr"}, {"is_leaf_only", "leaf only"}, {"sequence", "sequence"},
            {"uptree_fill_ratio", "uptree fill ratio"}, {"uptree_estimated_count", "uptree est. count"},
            {"leaf_dependent_count", "leaf dependents"},
        });
        List<String> peers = new ArrayList<>();
        for (JNode p : Tab.items(b, "peer_filters")) peers.add(Detail.oneLine(p));
        List<String> deps = new ArrayList<>();
        for (JNode d : Tab.items(b, "leaf_dependents")) deps.add(Detail.oneLine(d));
        return List.of(new Pane("Bloom filter", null, summary),
                new Pane("Peer filters (" + peers.size() + ")", null, peers),
                new Pane("Leaf dependents (" + deps.size() + ")", null, deps),
                new Pane("Filter announce counters", null, Detail.counters(Fmt.at(b, "stats"), width - 2)));
    }

    private static List<Pane> routing(Snapshot snap, int width) {
        JNode r = snap.data(Tab.ROUTING_Q);
        if (r == null) return missing(snap, Tab.ROUTING_Q);
        List<String> summary = kvLines(r, new String[][] {
            {"coord_cache_entries", "coord cache entries"}, {"identity_cache_entries", "identity cache entries"},
            {"pending_tun_destinations", "pending TUN destinations"}, {"pending_tun_packets", "pending TUN packets"},
            {"recent_requests", "recent requests"},
        });
        JNode c = snap.data(Tab.CACHE);
        if (c != null) {
            summary.add(Fmt.kv("coord cache", Fmt.text(c, "count") + " / " + Fmt.text(c, "max_entries") + "  fill "
                    + Detail.percent(Fmt.num(c, "fill_ratio")) + "  expired " + Fmt.text(c, "expired") + "  avg age "
                    + Fmt.millis(c, "avg_age_ms") + "  ttl " + Fmt.millis(c, "default_ttl_ms"), 24));
        }
        List<String> pending = new ArrayList<>();
        for (JNode p : Tab.items(r, "pending_lookups")) pending.add("lookup  " + Detail.oneLine(p));
        for (JNode p : Tab.items(r, "retries")) pending.add("retry   " + Detail.oneLine(p));
        if (c != null) for (JNode e : Tab.items(c, "entries")) pending.add("cached  " + Detail.oneLine(e));
        List<String> counters = new ArrayList<>();
        for (String fam : new String[] {"forwarding", "discovery", "error_signals", "congestion"}) {
            JNode f = Fmt.at(r, fam);
            if (f == null || !f.isObject()) continue;
            counters.add("[" + fam + "]");
            counters.addAll(Detail.counters(f, width - 2));
        }
        return List.of(new Pane("Routing", null, summary),
                new Pane("Pending lookups, retries, cached coordinates (" + pending.size() + ")", null, pending),
                new Pane("Counters", null, counters));
    }

    /** Performance columns: header, JSON key (top level or under mmp), format. */
    static final String[][] LINK_COLS = {
        {"SRTT", "srtt_ms", "ms"}, {"Loss", "loss_rate", "%"}, {"ETX", "etx", "n"}, {"Goodput", "goodput_bps", "bps"},
        {"Jitter", "jitter_ms", "ms"},
    };
    static final String[][] SESSION_COLS = {
        {"SRTT", "srtt_ms", "ms"}, {"Loss", "loss_rate", "%"}, {"ETX", "etx", "n"}, {"Goodput", "goodput_bps", "bps"},
        {"PMTU", "path_mtu", "n"},
    };

    /** Sort columns of a Performance pane: the name, then each metric. */
    public static int sortColumns(int pane) {
        return 1 + (pane == 0 ? LINK_COLS : SESSION_COLS).length;
    }

    private static List<Pane> performance(Snapshot snap, ViewState st) {
        JNode m = snap.data(Tab.MMP);
        if (m == null) return missing(snap, Tab.MMP);
        return List.of(mmpPane("Link MMP (per peer)", Tab.items(m, "peers"), LINK_COLS, st, 0),
                mmpPane("Session MMP (per session)", Tab.items(m, "sessions"), SESSION_COLS, st, 1));
    }

    private static Pane mmpPane(String title, List<JNode> rows, String[][] cols, ViewState st, int pane) {
        int sortCol = st.perfSortColumn(pane);
        boolean desc = st.perfSortDescending(pane);
        List<JNode> sorted = new ArrayList<>(rows);
        Comparator<JNode> cmp = sortCol == 0
                ? Comparator.comparing(r -> Detail.first(r, "display_name", "npub", "node_addr", "remote_addr"))
                : Comparator.comparing(r -> Detail.metric(r, cols[sortCol - 1][1]), Comparator.nullsFirst(Comparator.naturalOrder()));
        sorted.sort(desc ? cmp.reversed() : cmp);
        StringBuilder h = new StringBuilder(Fmt.pad((sortCol == 0 ? (desc ? "v " : "^ ") : "") + "Name", 24));
        for (int c = 0; c < cols.length; c++) {
            String label = (sortCol == c + 1 ? (desc ? "v " : "^ ") : "") + cols[c][0];
            h.append(Fmt.padLeft(label, 12));
        }
        List<String> lines = new ArrayList<>();
        for (JNode r : sorted) {
            StringBuilder b = new StringBuilder(Fmt.pad(Fmt.fit(Detail.first(r, "display_name", "npub", "node_addr", "remote_addr"), 23,
                    Glyphs.ASCII), 24));
            for (String[] c : cols) {
                Double d = Detail.metric(r, c[1]);
                String v = switch (c[2]) {
                    case "ms" -> Detail.ms(d);
                    case "%" -> Detail.percent(d);
                    case "bps" -> Detail.rate(d);
                    default -> Detail.plain(d);
                };
                b.append(Fmt.padLeft(v, 12));
            }
            lines.add(b.toString());
        }
        return new Pane(title + " (" + rows.size() + ")", h.toString(), lines);
    }
}
