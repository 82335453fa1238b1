package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The table tabs: Peers, Sessions, Transports (a tree of transports with their links) and Gateway
 * (reference/cli-fipstop.md "Tabs"): their rows, their tables, and the detail view of a row.
 */
public final class TableViews {
    private TableViews() {}

    /** A selectable row: the object it shows, and for the Transports tab whether it is a link child. */
    public record Row(JNode obj, boolean link, String transportId) {}

    /** The selectable rows of table tab {@code t}, in display order. */
    public static List<Row> rows(Tab t, Snapshot snap, ViewState st) {
        List<Row> out = new ArrayList<>();
        switch (t) {
            case PEERS -> Tab.items(snap.data(Tab.PEERS_Q), "peers").forEach(p -> out.add(new Row(p, false, null)));
            case SESSIONS -> Tab.items(snap.data(Tab.SESSIONS_Q), "sessions").forEach(s -> out.add(new Row(s, false, null)));
            case GATEWAY -> Tab.items(snap.data(Tab.GW_MAPPINGS), "mappings").forEach(m -> out.add(new Row(m, false, null)));
            case TRANSPORTS -> {
                List<JNode> links = Tab.items(snap.data(Tab.LINKS), "links");
                for (JNode tr : Tab.items(snap.data(Tab.TRANSPORTS_Q), "transports")) {
                    String id = Fmt.text(tr, "transport_id");
                    out.add(new Row(tr, false, id));
                    if (st.expanded(id)) {
                        for (JNode l : links) if (Fmt.text(l, "transport_id").equals(id)) out.add(new Row(l, true, id));
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    /** The table of tab {@code t} in {@code width} x {@code height}. */
    public static List<Line> render(Tab t, Snapshot snap, ViewState st, int width, int height, Glyphs g) {
        List<Row> rows = rows(t, snap, st);
        int sel = st.selected(t) < rows.size() ? st.selected(t) : rows.size() - 1;
        return switch (t) {
            case PEERS -> peers(snap, rows, sel, width, height, g);
            case SESSIONS -> sessions(rows, sel, width, height, g);
            case TRANSPORTS -> transports(snap, st, rows, sel, width, height, g);
            case GATEWAY -> gateway(snap, rows, sel, width, height, g);
            default -> List.of();
        };
    }

    static String peerName(JNode p, Glyphs g) {
        String name = Detail.first(p, "display_name");
        return !name.equals(Fmt.NONE) ? name : Fmt.middle(Detail.first(p, "npub", "node_addr"), 16, g);
    }

    private static List<Line> peers(Snapshot snap, List<Row> rows, int sel, int width, int height, Glyphs g) {
        List<Table.Column> cols = List.of(Table.Column.left("Name", 20), Table.Column.left("Npub", 22),
                Table.Column.left("State", 13), Table.Column.left("Dir", 8), Table.Column.left("Transport", 30),
                Table.Column.right("Depth", 5), Table.Column.left("Tree", 6), Table.Column.right("SRTT", 9),
                Table.Column.right("Loss", 7), Table.Column.left("Link", 8));
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            JNode p = r.obj();
            String tree = Fmt.flag(p, "is_parent") ? "parent" : Fmt.flag(p, "is_child") ? "child" : "";
            String transport = Detail.first(p, "transport_type") + " " + Detail.first(p, "transport_addr");
            cells.add(new String[] {peerName(p, g), Fmt.middle(Detail.first(p, "npub"), 22, g), Detail.first(p, "connectivity"),
                Detail.first(p, "direction"), transport, Detail.first(p, "tree_depth"), tree,
                Detail.ms(Detail.metric(p, "srtt_ms")), Detail.percent(Detail.metric(p, "loss_rate")), Detail.first(p, "link_id")});
        }
        List<Line> out = new ArrayList<>();
        out.add(Line.of(Fmt.fit("Authenticated peers: " + rows.size(), width, g), Line.Style.PANE_TITLE));
        out.addAll(Table.render(cols, cells, sel, width, height - 1, emptyText(snap, Tab.PEERS_Q, "no authenticated peers"), g));
        return out;
    }

    private static List<Line> sessions(List<Row> rows, int sel, int width, int height, Glyphs g) {
        List<Table.Column> cols = List.of(Table.Column.left("Name", 20), Table.Column.left("Npub", 22),
                Table.Column.left("State", 13), Table.Column.left("Role", 9), Table.Column.right("Idle", 9),
                Table.Column.right("SRTT", 9), Table.Column.right("Loss", 7), Table.Column.right("PMTU", 5),
                Table.Column.left("Flags", 12));
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            JNode s = r.obj();
            String name = !Detail.first(s, "display_name").equals(Fmt.NONE) ? Detail.first(s, "display_name")
                    : Fmt.middle(Detail.first(s, "npub", "remote_addr"), 16, g);
            String role = Fmt.at(s, "is_initiator") == null ? Fmt.NONE : Fmt.flag(s, "is_initiator") ? "initiator" : "responder";
            String flags = (Fmt.flag(s, "is_draining") ? "draining " : "")
                    + (Fmt.at(s, "current_k_bit") != null ? "k=" + Fmt.text(s, "current_k_bit") : "");
            cells.add(new String[] {name, Fmt.middle(Detail.first(s, "npub"), 22, g), Detail.first(s, "state"), role,
                Fmt.millis(s, "last_activity_ms"), Detail.ms(Detail.metric(s, "srtt_ms")),
                Detail.percent(Detail.metric(s, "loss_rate")), Detail.plain(Detail.metric(s, "path_mtu")), flags.strip()});
        }
        return Table.render(cols, cells, sel, width, height, "no end-to-end sessions", g);
    }

    private static List<Line> transports(Snapshot snap, ViewState st, List<Row> rows, int sel, int width, int height, Glyphs g) {
        List<Table.Column> cols = List.of(Table.Column.left("Transport / link", 26), Table.Column.left("Type", 10),
                Table.Column.left("State", 12), Table.Column.right("MTU", 5), Table.Column.left("Address", 34),
                Table.Column.left("Peer / links", 24));
        List<JNode> links = Tab.items(snap.data(Tab.LINKS), "links");
        List<JNode> peers = Tab.items(snap.data(Tab.PEERS_Q), "peers");
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            JNode o = r.obj();
            if (!r.link()) {
                int n = 0;
                for (JNode l : links) if (Fmt.text(l, "transport_id").equals(r.transportId())) n++;
                String name = Detail.first(o, "name");
                String label = (st.expanded(r.transportId()) ? g.expanded() : g.collapsed()) + " #" + r.transportId()
                        + (name.equals(Fmt.NONE) ? "" : " " + name);
                cells.add(new String[] {label, Detail.first(o, "type"), Detail.first(o, "state"), Detail.first(o, "mtu"),
                    Detail.first(o, "local_addr", "onion_address"), n + (n == 1 ? " link" : " links")});
            } else {
                String linkId = Fmt.text(o, "link_id");
                String peer = "";
                for (JNode p : peers) if (Fmt.text(p, "link_id").equals(linkId)) peer = peerName(p, g);
                cells.add(new String[] {"   " + g.branch() + " link " + linkId, Detail.first(o, "direction"),
                    Detail.first(o, "state"), "", Detail.first(o, "remote_addr"), peer});
            }
        }
        return Table.render(cols, cells, sel, width, height, emptyText(snap, Tab.TRANSPORTS_Q, "no transports"), g);
    }

    private static List<Line> gateway(Snapshot snap, List<Row> rows, int sel, int width, int height, Glyphs g) {
        List<Line> out = new ArrayList<>();
        JNode gw = snap.data(Tab.GW_STATUS);
        if (!snap.gatewayConnected()) {
            String why = snap.gatewayProblem() == null ? "not polled yet" : snap.gatewayProblem();
            out.add(Line.of(Fmt.fit("Gateway unreachable: " + Fmt.clean(why), width, g), Line.Style.DIM));
            out.add(Line.of(Fmt.fit("This tab stays empty while fips-gateway is not running (see --gateway-socket).", width, g),
                    Line.Style.DIM));
            return out;
        }
        if (gw != null) {
            out.add(Line.of(Fmt.fit("Pool " + Detail.first(gw, "pool_cidr") + "  total " + Detail.first(gw, "pool_total")
                    + "  allocated " + Detail.first(gw, "pool_allocated") + "  active " + Detail.first(gw, "pool_active")
                    + "  draining " + Detail.first(gw, "pool_draining") + "  free " + Detail.first(gw, "pool_free"), width, g)));
            out.add(Line.of(Fmt.fit("NAT mappings " + Detail.first(gw, "nat_mappings") + "  LAN " + Detail.first(gw, "lan_interface")
                    + "  DNS " + Detail.first(gw, "dns_listen") + " -> " + Detail.first(gw, "dns_upstream") + " ttl "
                    + Detail.first(gw, "dns_ttl") + "  grace " + Detail.first(gw, "pool_grace_period") + "  up "
                    + Fmt.duration(gw, "uptime_secs"), width, g)));
        } else if (snap.error(Tab.GW_STATUS) != null) {
            out.add(Line.of(Fmt.fit("show_gateway: " + Fmt.clean(snap.error(Tab.GW_STATUS)), width, g), Line.Style.WARN));
        }
        out.add(Line.of(""));
        List<Table.Column> cols = List.of(Table.Column.left("Virtual IP", 40), Table.Column.left("DNS name", 30),
                Table.Column.left("State", 9), Table.Column.right("Sess", 5), Table.Column.right("Age", 8),
                Table.Column.right("Last ref", 8), Table.Column.left("Mesh addr", 40));
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            JNode m = r.obj();
            cells.add(new String[] {Detail.first(m, "virtual_ip"), Detail.first(m, "dns_name"), Detail.first(m, "state"),
                Detail.first(m, "sessions"), Fmt.duration(m, "age_secs"), Fmt.duration(m, "last_ref_secs"),
                Detail.first(m, "mesh_addr", "node_addr")});
        }
        out.addAll(Table.render(cols, cells, sel, width, height - out.size(), emptyText(snap, Tab.GW_MAPPINGS, "no mappings"), g));
        return out;
    }

    private static String emptyText(Snapshot snap, Query q, String none) {
        String err = q.gateway() || snap.connected() ? snap.error(q) : null;
        if (err != null) return q.command() + ": " + Fmt.clean(err);
        if (snap.data(q) == null) return "waiting for " + q.command() + "...";
        return none;
    }

    /** The detail view of the selected row: its fields, and for a peer the link and transport it uses. */
    public static List<String> detail(Tab t, Snapshot snap, ViewState st, Glyphs g) {
        List<Row> rows = rows(t, snap, st);
        int sel = st.selected(t);
        if (sel < 0 || sel >= rows.size()) return List.of("(the selected row is gone)");
        Row r = rows.get(sel);
        List<String> out = new ArrayList<>();
        switch (t) {
            case PEERS -> {
                out.add("Peer " + peerName(r.obj(), g));
                out.add("");
                out.addAll(Detail.flatten(r.obj()));
                String linkId = Fmt.text(r.obj(), "link_id");
                for (JNode l : Tab.items(snap.data(Tab.LINKS), "links")) {
                    if (!Fmt.text(l, "link_id").equals(linkId)) continue;
                    out.add("");
                    out.add("Link " + linkId + " (show_links):");
                    Detail.flatten(l).forEach(s -> out.add("  " + s));
                    String tid = Fmt.text(l, "transport_id");
                    for (JNode tr : Tab.items(snap.data(Tab.TRANSPORTS_Q), "transports")) {
                        if (!Fmt.text(tr, "transport_id").equals(tid)) continue;
                        out.add("");
                        out.add("Transport " + tid + " (show_transports):");
                        Detail.flatten(tr).forEach(s -> out.add("  " + s));
                    }
                }
            }
            case SESSIONS -> {
                out.add("Session " + Detail.first(r.obj(), "display_name", "npub", "remote_addr"));
                out.add("");
                out.addAll(Detail.flatten(r.obj()));
            }
            case TRANSPORTS -> {
                out.add(r.link() ? "Link " + Fmt.text(r.obj(), "link_id") + " on transport " + r.transportId()
                        : "Transport " + r.transportId() + " " + Detail.first(r.obj(), "type"));
                out.add("");
                out.addAll(Detail.flatten(r.obj()));
            }
            case GATEWAY -> {
                out.add("Mapping " + Detail.first(r.obj(), "virtual_ip"));
                out.add("");
                out.addAll(Detail.flatten(r.obj()));
            }
            default -> { }
        }
        return out;
    }
}
