package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Node tab (reference/cli-fipstop.md "Tabs", "Listening on fips0 panel"): identity, counts,
 * sparklines from {@code show_status.sparklines}, and the Traffic block split into forwarding counters
 * (left) and the listening-sockets panel from {@code show_listening_sockets} (right).
 */
public final class NodeView {
    private NodeView() {}

    static final int LABEL = 13;

    /** Sparklines in show_status, in display order, with labels and how to print their last value. */
    private static final String[][] SPARKS = {
        {"mesh_size", "mesh size", "n"}, {"tree_depth", "tree depth", "n"}, {"peer_count", "peers", "n"},
        {"bytes_in", "bytes in/s", "b"}, {"bytes_out", "bytes out/s", "b"}, {"loss_rate", "loss", "%"},
    };

    public static List<Line> render(Snapshot snap, int width, int height, Glyphs g) {
        List<Line> out = new ArrayList<>();
        JNode s = snap.data(Tab.STATUS);
        if (s == null) {
            String err = snap.error(Tab.STATUS);
            out.add(Line.of(err == null ? "waiting for show_status..." : "show_status: " + Fmt.clean(err), Line.Style.DIM));
            return out;
        }
        out.add(Line.of("Identity", Line.Style.PANE_TITLE));
        out.add(Line.of(kv("npub", Fmt.text(s, "npub"))));
        out.add(Line.of(kv("node_addr", Fmt.text(s, "node_addr"))));
        out.add(Line.of(kv("ipv6_addr", Fmt.text(s, "ipv6_addr"))));
        out.add(Line.of(kv("version", Fmt.text(s, "version")) + "   pid " + Fmt.text(s, "pid") + "   uptime "
                + Fmt.duration(s, "uptime_secs")));
        String root = Fmt.flag(s, "is_root") ? "this node is the root" : "root " + Fmt.text(s, "root");
        out.add(Line.of(kv("state", Fmt.text(s, "state")) + "   " + root + "   leaf-only " + Fmt.text(s, "is_leaf_only")
                + "   persistent identity " + Fmt.text(s, "persistent")));
        out.add(Line.of(kv("TUN", Fmt.text(s, "tun_state") + " " + Fmt.text(s, "tun_name") + "   IPv6 MTU "
                + Fmt.text(s, "effective_ipv6_mtu"))));
        out.add(Line.of(""));
        out.add(Line.of("Mesh", Line.Style.PANE_TITLE));
        out.add(Line.of("  peers " + Fmt.text(s, "peer_count") + "   links " + Fmt.text(s, "link_count") + "   sessions "
                + Fmt.text(s, "session_count") + "   transports " + Fmt.text(s, "transport_count") + "   handshakes "
                + Fmt.text(s, "connection_count") + "   est. mesh size " + Fmt.text(s, "estimated_mesh_size")));
        JNode tpc = Fmt.at(s, "transport_peer_counts");
        if (tpc != null && tpc.isObject() && !tpc.keys().isEmpty()) {
            StringBuilder b = new StringBuilder("  peers by transport:");
            for (String k : tpc.keys()) b.append("  ").append(Fmt.clean(k)).append(' ').append(Fmt.text(tpc.get(k)));
            out.add(Line.of(b.toString()));
        }
        out.add(Line.of(""));
        out.add(Line.of("Trends", Line.Style.PANE_TITLE));
        int sparkWidth = Math.max(8, Math.min(60, width - LABEL - 16));
        for (String[] sp : SPARKS) {
            List<Double> v = Chart.values(Fmt.at(s, "sparklines." + sp[0]));
            Double last = Chart.last(v);
            String lastText = last == null ? Fmt.NONE : switch (sp[2]) {
                case "b" -> Fmt.bytes(last);
                case "%" -> Detail.percent(last);
                default -> Fmt.decimal(last);
            };
            out.add(Line.of("  " + Fmt.pad(sp[1], LABEL - 2) + " " + Chart.sparkline(v, sparkWidth, g) + "  " + lastText));
        }
        out.add(Line.of(""));
        List<String> left = traffic(s);
        List<String> right = listening(snap);
        int half = right.isEmpty() ? width : Math.max(30, width / 2);
        String title = "Traffic";
        out.add(Line.of(right.isEmpty() ? title : Fmt.pad(title, half) + right.get(0), Line.Style.PANE_TITLE));
        int n = Math.max(left.size(), right.size() - 1);
        for (int i = 0; i < n; i++) {
            String l = i < left.size() ? left.get(i) : "";
            String r = i + 1 < right.size() ? right.get(i + 1) : "";
            out.add(Line.of(right.isEmpty() ? l : Fmt.pad(Fmt.fit(l, half - 1, g), half) + r));
        }
        List<Line> fitted = new ArrayList<>();
        for (Line l : out) {
            if (fitted.size() == height) break;
            fitted.add(new Line(Fmt.fit(l.text(), width, g), l.style()));
        }
        return fitted;
    }

    private static String kv(String k, String v) {
        return "  " + Fmt.kv(k, v, LABEL - 2);
    }

    /** The forwarding counters of show_status as "what  packets  bytes" rows. */
    private static List<String> traffic(JNode s) {
        List<String> out = new ArrayList<>();
        JNode f = Fmt.at(s, "forwarding");
        if (f == null || !f.isObject()) {
            out.add("  (no forwarding counters)");
            return out;
        }
        out.add("  " + Fmt.pad("", 16) + Fmt.padLeft("packets", 10) + Fmt.padLeft("bytes", 12));
        String[][] rows = {
            {"originated", "originated"}, {"delivered", "delivered"}, {"forwarded", "forwarded"}, {"received", "received"},
            {"drop no route", "drop_no_route"}, {"drop MTU", "drop_mtu_exceeded"}, {"drop send err", "drop_send_error"},
            {"TTL exhausted", "ttl_exhausted"}, {"decode error", "decode_error"},
        };
        for (String[] r : rows) {
            out.add("  " + Fmt.pad(r[0], 16) + Fmt.padLeft(Fmt.text(f, r[1] + "_packets"), 10)
                    + Fmt.padLeft(Fmt.bytes(f, r[1] + "_bytes"), 12));
        }
        return out;
    }

    /** The "Listening on fips0" panel: title first, then rows; empty when the panel hides. */
    static List<String> listening(Snapshot snap) {
        List<String> out = new ArrayList<>();
        JNode l = snap.data(Tab.LISTENING);
        if (l == null) {
            String err = snap.error(Tab.LISTENING);
            if (err != null && snap.connected()) {
                out.add("Listening on fips0");
                out.add("  unavailable: " + Fmt.clean(err));
            }
            return out;
        }
        List<JNode> sockets = Tab.items(l, "sockets");
        if (sockets.isEmpty()) return out;
        boolean fw = Fmt.flag(l, "firewall_active");
        out.add(fw ? "Listening on fips0" : "Listening on fips0  fips-firewall.service inactive \u2014 all listeners exposed");
        out.add("  " + Fmt.pad("Proto", 6) + Fmt.padLeft("Port", 6) + "  " + Fmt.pad("Process", 22) + "State");
        for (JNode k : sockets) {
            String proc = Fmt.at(k, "process") == null || Fmt.at(k, "process").isNull() ? "?"
                    : Fmt.text(k, "process") + (Fmt.at(k, "pid") == null || Fmt.at(k, "pid").isNull() ? "" : "(" + Fmt.text(k, "pid") + ")");
            if (Fmt.flag(k, "wildcard_bind")) proc += "*";
            String state = switch (Fmt.text(k, "filter")) {
                case "accept", "no_firewall" -> "OPEN";
                case "drop" -> "filt";
                default -> "filt?";
            };
            if (!fw) state = "OPEN";
            out.add("  " + Fmt.pad(Fmt.text(k, "proto"), 6) + Fmt.padLeft(Fmt.text(k, "port"), 6) + "  " + Fmt.pad(proc, 22) + state);
        }
        return out;
    }
}
