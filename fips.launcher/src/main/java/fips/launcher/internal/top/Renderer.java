package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole screen as a pure function of (snapshot, view state, size, time): title bar, tab bar,
 * the active tab's body (or its detail view, or the help overlay), a confirmation modal over it, and
 * the footer with the key hints of the current context. Exactly {@code height} lines, none wider than
 * {@code width}.
 */
public final class Renderer {
    public static final int MIN_WIDTH = 40;
    public static final int MIN_HEIGHT = 8;
    /** Rows that are not body: title, tab bar, rule, footer. */
    public static final int CHROME_ROWS = 4;

    private final Glyphs g;

    public Renderer(Glyphs g) {
        this.g = g;
    }

    public Glyphs glyphs() {
        return g;
    }

    public List<Line> render(Snapshot snap, ViewState st, int width, int height, long nowMs) {
        List<Line> out = new ArrayList<>(height);
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            out.add(Line.of(Fmt.fit("terminal too small: " + width + "x" + height + ", fipstop needs " + MIN_WIDTH + "x"
                    + MIN_HEIGHT + "; q quits", width, g), Line.Style.WARN));
            while (out.size() < height) out.add(Line.of(""));
            return out;
        }
        out.add(title(snap, width));
        out.add(tabBar(st, width));
        out.add(new Line(String.valueOf(g.rule()).repeat(width), Line.Style.DIM));
        int bodyHeight = height - CHROME_ROWS;
        List<Line> body = st.help() ? help(st, width) : body(snap, st, width, bodyHeight);
        body = new ArrayList<>(body.size() > bodyHeight ? body.subList(0, bodyHeight) : body);
        while (body.size() < bodyHeight) body.add(Line.of(""));
        if (st.confirmNpub() != null) confirm(body, st, width);
        out.addAll(body);
        String msg = st.message(nowMs);
        out.add(new Line(Fmt.fit(" " + (msg != null ? msg : Keymap.footer(st)), width, g), msg != null ? Line.Style.WARN : Line.Style.FOOTER));
        return out;
    }

    private Line title(Snapshot snap, int width) {
        JNode s = snap.data(Tab.STATUS);
        StringBuilder left = new StringBuilder(" fipstop");
        if (s != null) {
            left.append("  ").append(Fmt.middle(Fmt.text(s, "npub"), 24, g)).append("  ").append(Fmt.text(s, "state"))
                    .append("  up ").append(Fmt.duration(s, "uptime_secs")).append("  v").append(Fmt.text(s, "version"));
        }
        String right = snap.connected() ? g.bullet() + " connected "
                : "Disconnected: " + Fmt.clean(String.valueOf(snap.daemonProblem())) + " ";
        int room = width - right.length() - 1;
        String text;
        if (room >= 10) {
            text = Fmt.pad(Fmt.fit(left.toString(), room, g), room + 1) + right;
        } else {
            text = Fmt.fit(snap.connected() ? left.toString() : " Disconnected", width, g);
        }
        return new Line(Fmt.fit(text, width, g), snap.connected() ? Line.Style.TITLE : Line.Style.ERROR);
    }

    private Line tabBar(ViewState st, int width) {
        StringBuilder b = new StringBuilder(" ");
        int from = -1;
        int to = -1;
        for (Tab t : Tab.values()) {
            if (t == st.tab()) {
                from = b.length();
                b.append('[').append(t.label).append(']');
                to = b.length();
            } else {
                b.append(' ').append(t.label).append(' ');
            }
            b.append(' ');
        }
        String text = Fmt.fit(b.toString(), width, g);
        return new Line(text, Line.Style.TABS, Math.min(from, text.length()), Math.min(to, text.length()));
    }

    private List<Line> body(Snapshot snap, ViewState st, int width, int height) {
        Tab t = st.tab();
        if (!snap.connected() && t != Tab.GATEWAY && snap.data(Tab.STATUS) == null) {
            List<Line> out = new ArrayList<>();
            out.add(Line.of(Fmt.fit("Disconnected: " + Fmt.clean(String.valueOf(snap.daemonProblem())), width, g), Line.Style.ERROR));
            out.add(Line.of("Retrying at every refresh.", Line.Style.DIM));
            return out;
        }
        if (t.isTable() && st.detail(t)) return detail(t, snap, st, width, height);
        return switch (t) {
            case NODE -> NodeView.render(snap, width, height, g);
            case PEERS, SESSIONS, TRANSPORTS, GATEWAY -> TableViews.render(t, snap, st, width, height, g);
            case TREE, FILTERS, ROUTING, PERFORMANCE -> PaneViews.render(t, snap, st, width, height, g);
            case GRAPHS -> GraphsView.render(snap, st, width, height, g);
        };
    }

    /** How far the open detail view of {@code t} can scroll in a body of {@code height}. */
    public static int detailMaxScroll(Tab t, Snapshot snap, ViewState st, int height, Glyphs g) {
        return Math.max(0, TableViews.detail(t, snap, st, g).size() - (height - 1));
    }

    private List<Line> detail(Tab t, Snapshot snap, ViewState st, int width, int height) {
        List<String> lines = TableViews.detail(t, snap, st, g);
        List<Line> out = new ArrayList<>();
        int scroll = Math.min(st.detailScroll(), Math.max(0, lines.size() - (height - 1)));
        out.add(new Line(Fmt.fit(g.selected() + " " + lines.get(0) + "   (Esc closes; Up/Down scroll)", width, g), Line.Style.FOCUS_TITLE));
        for (int i = 1 + scroll; i < lines.size() && out.size() < height; i++) out.add(Line.of(Fmt.fit("  " + lines.get(i), width, g)));
        return out;
    }

    private List<Line> help(ViewState st, int width) {
        List<Line> out = new ArrayList<>();
        out.add(new Line(Fmt.fit("Help: keys of the " + st.tab().label + " tab (? closes)", width, g), Line.Style.FOCUS_TITLE));
        for (Keymap.Binding b : Keymap.current(st)) out.add(Line.of(Fmt.fit("  " + Fmt.pad(b.keys(), 20) + b.action(), width, g)));
        out.add(Line.of(""));
        out.add(new Line("Tabs and the queries they poll", Line.Style.PANE_TITLE));
        ViewState probe = new ViewState();
        for (Tab t : Tab.values()) {
            StringBuilder q = new StringBuilder();
            for (Query x : t.queries(probe, Snapshot.EMPTY)) {
                if (x == Tab.STATUS && t != Tab.NODE) continue;
                if (q.length() > 0) q.append(", ");
                q.append(x.gateway() ? "gateway " : "").append(x.command());
            }
            out.add(Line.of(Fmt.fit("  " + Fmt.pad(t.label, 13) + q, width, g)));
        }
        return out;
    }

    private void confirm(List<Line> body, ViewState st, int width) {
        String name = Fmt.clean(st.confirmName());
        String[] text = {
            "Disconnect peer " + name + "?",
            Fmt.middle(Fmt.clean(st.confirmNpub()), 60, g),
            "y: disconnect    n / Esc: cancel",
        };
        int inner = 0;
        for (String s : text) inner = Math.max(inner, s.length());
        inner = Math.min(inner + 2, width - 4);
        int top = Math.max(0, body.size() / 2 - 3);
        String rule = "+" + "-".repeat(inner) + "+";
        int left = Math.max(0, (width - inner - 2) / 2);
        String pad = " ".repeat(left);
        List<String> box = new ArrayList<>();
        box.add(rule);
        for (String s : text) box.add("|" + Fmt.pad(" " + Fmt.fit(s, inner - 2, g), inner) + "|");
        box.add(rule);
        for (int i = 0; i < box.size() && top + i < body.size(); i++) {
            body.set(top + i, new Line(Fmt.fit(pad + box.get(i), width, g), Line.Style.WARN));
        }
    }
}
