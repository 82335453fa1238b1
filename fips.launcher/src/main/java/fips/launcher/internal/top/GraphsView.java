package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Graphs tab (reference/cli-fipstop.md "Graphs tab"): stacked block plots of the
 * {@code show_stats_*history} series in three modes: Node (every node metric), MetricByPeer (one per-peer
 * metric across peers, as a sortable summary list whose selected row can expand into a full plot) and
 * PeerByMetric (every per-peer metric of one peer).
 */
public final class GraphsView {
    private GraphsView() {}

    /** Per-peer metrics when the daemon has not told us its list yet (the show_stats_list fixture's). */
    static final List<String> DEFAULT_PEER_METRICS =
            List.of("srtt_ms", "loss_rate", "bytes_in", "bytes_out", "packets_in", "packets_out", "ecn_ce");

    /** Sort columns of the by-peer summary list: name, last, max. */
    public static final int BY_PEER_SORT_COLUMNS = 3;

    public static List<String> peerMetrics(Snapshot snap) {
        List<String> out = new ArrayList<>();
        for (JNode m : Tab.items(snap.data(Tab.STATS_LIST), "metrics")) {
            if (Fmt.text(m, "scope").equals("peer")) out.add(Fmt.text(m, "name"));
        }
        return out.isEmpty() ? DEFAULT_PEER_METRICS : out;
    }

    public static String peerMetric(Snapshot snap, int selector) {
        List<String> m = peerMetrics(snap);
        return m.get(Math.floorMod(selector, m.size()));
    }

    public static List<JNode> statsPeers(Snapshot snap) {
        return Tab.items(snap.data(Tab.STATS_PEERS), "peers");
    }

    /** The npub of the PeerByMetric peer, or null while no peer is known. */
    public static String selectedPeerNpub(Snapshot snap, int selector) {
        List<JNode> p = statsPeers(snap);
        if (p.isEmpty()) return null;
        JNode n = Fmt.at(p.get(Math.floorMod(selector, p.size())), "npub");
        return n == null || n.isNull() ? null : n.str();
    }

    /** The MetricByPeer summary rows, sorted as the state says. */
    public static List<JNode> byPeerRows(Snapshot snap, ViewState st) {
        JNode d = snap.data(Tab.byPeerHistory(st.graphWindow(), peerMetric(snap, st.graphSelector())));
        List<JNode> rows = new ArrayList<>(Tab.items(d, "peers"));
        Comparator<JNode> cmp = switch (st.byPeerSortColumn()) {
            case 1 -> Comparator.comparing(r -> Chart.last(Chart.values(Fmt.at(r, "values"))), Comparator.nullsFirst(Comparator.naturalOrder()));
            case 2 -> Comparator.comparing(r -> Chart.max(Chart.values(Fmt.at(r, "values"))), Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> Comparator.comparing(r -> Detail.first(r, "display_name", "node_addr"));
        };
        rows.sort(st.byPeerSortDescending() ? cmp.reversed() : cmp);
        return rows;
    }

    public static List<Line> render(Snapshot snap, ViewState st, int width, int height, Glyphs g) {
        List<Line> out = new ArrayList<>();
        String mode = "Mode " + st.graphMode().label + "   window " + st.graphWindow().label();
        switch (st.graphMode()) {
            case NODE -> {
                out.add(Line.of(Fmt.fit(mode, width, g), Line.Style.PANE_TITLE));
                Query q = Tab.allHistory(st.graphWindow(), null);
                out.addAll(window(series(snap, q, width, height - 1, g), st.graphScroll(), height - 1));
            }
            case PEER_BY_METRIC -> {
                String npub = selectedPeerNpub(snap, st.graphSelector());
                List<JNode> peers = statsPeers(snap);
                String who = npub == null ? "(no peers with history yet)"
                        : Detail.first(peers.get(Math.floorMod(st.graphSelector(), peers.size())), "display_name", "npub")
                                + "  [" + (Math.floorMod(st.graphSelector(), peers.size()) + 1) + "/" + peers.size() + "]";
                out.add(Line.of(Fmt.fit(mode + "   peer " + who, width, g), Line.Style.PANE_TITLE));
                if (npub == null) {
                    String err = snap.error(Tab.STATS_PEERS);
                    if (err != null) out.add(Line.of(Fmt.fit("show_stats_peers: " + Fmt.clean(err), width, g), Line.Style.DIM));
                    return out;
                }
                out.addAll(window(series(snap, Tab.allHistory(st.graphWindow(), npub), width, height - 1, g), st.graphScroll(), height - 1));
            }
            case METRIC_BY_PEER -> {
                String metric = peerMetric(snap, st.graphSelector());
                out.add(Line.of(Fmt.fit(mode + "   metric " + metric, width, g), Line.Style.PANE_TITLE));
                out.addAll(byPeer(snap, st, metric, width, height - 1, g));
            }
        }
        return out;
    }

    /** Lines of a scrolled window. */
    private static List<Line> window(List<Line> all, int scroll, int height) {
        int s = Math.max(0, Math.min(scroll, all.size() - height));
        return all.subList(Math.min(s, all.size()), Math.min(all.size(), s + height));
    }

    /** How far the stacked plots of the current mode can scroll. */
    public static int maxScroll(Snapshot snap, ViewState st, int width, int height) {
        Query q = switch (st.graphMode()) {
            case NODE -> Tab.allHistory(st.graphWindow(), null);
            case PEER_BY_METRIC -> {
                String npub = selectedPeerNpub(snap, st.graphSelector());
                yield npub == null ? null : Tab.allHistory(st.graphWindow(), npub);
            }
            default -> null;
        };
        if (q == null) return 0;
        return Math.max(0, series(snap, q, width, height - 1, Glyphs.ASCII).size() - (height - 1));
    }

    /** Every series of a show_stats_all_history reply: a label line and a plot a few rows high. */
    private static List<Line> series(Snapshot snap, Query q, int width, int height, Glyphs g) {
        List<Line> out = new ArrayList<>();
        JNode d = snap.data(q);
        if (d == null) {
            String err = snap.error(q);
            out.add(Line.of(err == null ? "waiting for " + q.command() + "..." : q.command() + ": " + Fmt.clean(err), Line.Style.DIM));
            return out;
        }
        List<JNode> all = Tab.items(d, "series");
        if (all.isEmpty()) {
            out.add(Line.of("(no series)", Line.Style.DIM));
            return out;
        }
        int rows = Math.max(1, Math.min(6, height / all.size() - 1));
        for (JNode s : all) {
            List<Double> v = Chart.values(Fmt.at(s, "values"));
            String unit = Fmt.text(s, "unit");
            out.add(Line.of(Fmt.fit(Fmt.text(s, "metric") + " (" + unit + ")   last " + value(Chart.last(v), unit) + "   min "
                    + value(Chart.min(v), unit) + "   max " + value(Chart.max(v), unit), width, g), Line.Style.HEADER));
            for (String p : Chart.plot(v, Math.max(1, width - 2), rows, g)) out.add(Line.of("  " + p));
        }
        return out;
    }

    static String value(Double d, String unit) {
        if (d == null) return Fmt.NONE;
        return switch (unit) {
            case "bytes/s" -> Fmt.bytes(d) + "/s";
            case "fraction" -> Detail.percent(d);
            case "ms" -> Detail.ms(d);
            default -> Fmt.decimal(d);
        };
    }

    private static List<Line> byPeer(Snapshot snap, ViewState st, String metric, int width, int height, Glyphs g) {
        List<Line> out = new ArrayList<>();
        Query q = Tab.byPeerHistory(st.graphWindow(), metric);
        JNode d = snap.data(q);
        if (d == null) {
            String err = snap.error(q);
            out.add(Line.of(err == null ? "waiting for " + q.command() + "..." : q.command() + ": " + Fmt.clean(err), Line.Style.DIM));
            return out;
        }
        String unit = Fmt.text(d, "unit");
        List<JNode> rows = byPeerRows(snap, st);
        int sel = Math.min(st.byPeerSelected(), Math.max(0, rows.size() - 1));
        if (st.byPeerDetail() && !rows.isEmpty()) {
            JNode r = rows.get(sel);
            List<Double> v = Chart.values(Fmt.at(r, "values"));
            out.add(Line.of(Fmt.fit(Detail.first(r, "display_name", "node_addr") + "   last " + value(Chart.last(v), unit) + "   max "
                    + value(Chart.max(v), unit) + "   (Esc closes)", width, g), Line.Style.HEADER));
            for (String p : Chart.plot(v, Math.max(1, width - 2), Math.max(1, height - 1), g)) out.add(Line.of("  " + p));
            return out;
        }
        int sparkW = Math.max(8, width - 24 - 12 - 12 - 6);
        List<Table.Column> cols = List.of(Table.Column.left("Peer", 24), Table.Column.right("Last", 11),
                Table.Column.right("Max", 11), Table.Column.left("History", sparkW));
        List<String[]> cells = new ArrayList<>();
        for (JNode r : rows) {
            List<Double> v = Chart.values(Fmt.at(r, "values"));
            String name = Detail.first(r, "display_name", "node_addr") + (Fmt.at(r, "is_active") != null && !Fmt.flag(r, "is_active") ? " (gone)" : "");
            cells.add(new String[] {name, value(Chart.last(v), unit), value(Chart.max(v), unit), Chart.sparkline(v, sparkW, g)});
        }
        out.addAll(Table.render(cols, cells, rows.isEmpty() ? -1 : sel, width, height, "no peers with history", g));
        return out;
    }
}
