package fips.launcher.internal.top;

import java.util.List;

/**
 * Applies one key to the view state (reference/cli-fipstop.md "Keybindings"; {@link Keymap} lists the
 * same keys for the footer and the help overlay) and says what the driver must do next. Pure apart
 * from the state it is given: no terminal, no sockets, no clock but the {@code nowMs} argument.
 */
public final class Controller {

    /** What the driver does after a key. */
    public sealed interface Action permits None, Quit, Poll, Disconnect {}

    /** Redraw only. */
    public record None() implements Action {}

    /** Restore the terminal and exit 0. */
    public record Quit() implements Action {}

    /** The queries changed (tab, mode, window, selector): poll now rather than at the next tick. */
    public record Poll() implements Action {}

    /** The operator confirmed disconnecting this peer (control command {@code disconnect}, INTEROP.md 13). */
    public record Disconnect(String npub, String name) implements Action {}

    static final Action NONE = new None();
    static final Action QUIT = new Quit();
    static final Action POLL = new Poll();

    private final Glyphs g;

    public Controller(Glyphs g) {
        this.g = g;
    }

    public Action handle(Key k, ViewState st, Snapshot snap, long nowMs) {
        if (k.kind() == Key.Kind.CTRL_C) return QUIT;
        if (st.confirmNpub() != null) {
            if (k.is('y') || k.is('Y')) {
                Action a = new Disconnect(st.confirmNpub(), st.confirmName());
                st.confirm(null, null);
                return a;
            }
            if (k.is('n') || k.is('N') || k.kind() == Key.Kind.ESC) st.confirm(null, null);
            return k.is('q') ? QUIT : NONE;
        }
        Tab t = st.tab();
        if (k.is('q')) return QUIT;
        if (k.is('?')) {
            st.help(!st.help());
            return NONE;
        }
        switch (k.kind()) {
            case TAB -> {
                st.tab(t.next());
                return POLL;
            }
            case BACK_TAB -> {
                st.tab(t.previous());
                return POLL;
            }
            case ESC -> {
                if (st.help()) st.help(false);
                else if (t.isTable() && st.detail(t)) st.detail(t, false);
                else if (t == Tab.GRAPHS && st.byPeerDetail()) st.byPeerDetail(false);
                else if (t.isTable()) st.select(t, -1);
                return NONE;
            }
            default -> { }
        }
        if (k.is('g')) {
            st.tab(Tab.GRAPHS);
            return POLL;
        }
        if (t.isTable()) return table(k, t, st, snap);
        if (t.hasPanes()) return panes(k, t, st, snap);
        if (t == Tab.GRAPHS) return graphs(k, st, snap);
        return NONE;
    }

    private int bodyHeight(ViewState st) {
        return Math.max(1, st.height() - Renderer.CHROME_ROWS);
    }

    private static int step(Key k) {
        return switch (k.kind()) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -ViewState.PAGE_ROWS;
            case PAGE_DOWN -> ViewState.PAGE_ROWS;
            case HOME -> Integer.MIN_VALUE;
            case END -> Integer.MAX_VALUE;
            default -> 0;
        };
    }

    private static int move(int pos, int step, int max) {
        if (step == Integer.MIN_VALUE) return 0;
        if (step == Integer.MAX_VALUE) return max;
        return Math.max(0, Math.min(max, pos + step));
    }

    private Action table(Key k, Tab t, ViewState st, Snapshot snap) {
        if (st.detail(t)) {
            int s = step(k);
            if (s != 0) st.detailScroll(move(st.detailScroll(), s, Renderer.detailMaxScroll(t, snap, st, bodyHeight(st), g)));
            return NONE;
        }
        List<TableViews.Row> rows = TableViews.rows(t, snap, st);
        int sel = Math.min(st.selected(t), rows.size() - 1);
        int s = step(k);
        if (s != 0) {
            if (!rows.isEmpty()) st.select(t, sel < 0 && s < 0 ? 0 : move(sel, s, rows.size() - 1));
            return NONE;
        }
        TableViews.Row row = sel >= 0 ? rows.get(sel) : null;
        if (k.kind() == Key.Kind.ENTER) {
            if (row != null) st.detail(t, true);
            return NONE;
        }
        if (t == Tab.PEERS && k.kind() == Key.Kind.DELETE && row != null) {
            String npub = Detail.first(row.obj(), "npub");
            if (!npub.equals(Fmt.NONE)) st.confirm(npub, TableViews.peerName(row.obj(), g));
            return NONE;
        }
        if (t == Tab.TRANSPORTS) return transports(k, st, snap, rows, sel);
        return NONE;
    }

    private Action transports(Key k, ViewState st, Snapshot snap, List<TableViews.Row> rows, int sel) {
        TableViews.Row row = sel >= 0 ? rows.get(sel) : null;
        if ((k.kind() == Key.Kind.RIGHT || k.is(' ')) && row != null) {
            st.expand(row.transportId(), true);
        } else if (k.kind() == Key.Kind.LEFT && row != null) {
            st.expand(row.transportId(), false);
            if (row.link()) st.select(Tab.TRANSPORTS, parentIndex(rows, sel));
        } else if (k.is('e')) {
            for (TableViews.Row r : rows) if (!r.link()) st.expand(r.transportId(), true);
        } else if (k.is('c')) {
            int parent = row == null ? -1 : parentIndex(rows, sel);
            st.collapseAll();
            if (row != null) {
                int idx = 0;
                for (int i = 0; i < parent; i++) if (!rows.get(i).link()) idx++;
                st.select(Tab.TRANSPORTS, idx);
            }
        }
        return NONE;
    }

    private static int parentIndex(List<TableViews.Row> rows, int sel) {
        int i = sel;
        while (i > 0 && rows.get(i).link()) i--;
        return i;
    }

    private Action panes(Key k, Tab t, ViewState st, Snapshot snap) {
        List<PaneViews.Pane> panes = PaneViews.panes(t, snap, st, st.width());
        if (panes.isEmpty()) return NONE;
        int focus = Math.min(st.paneFocus(t), panes.size() - 1);
        if (k.is('f')) {
            st.paneFocus(t, (focus + 1) % panes.size());
            return NONE;
        }
        if (t == Tab.PERFORMANCE && k.is('s')) {
            st.perfSort(focus, (st.perfSortColumn(focus) + 1) % PaneViews.sortColumns(focus), st.perfSortDescending(focus));
            return NONE;
        }
        if (t == Tab.PERFORMANCE && k.is('S')) {
            st.perfSort(focus, st.perfSortColumn(focus), !st.perfSortDescending(focus));
            return NONE;
        }
        int s = step(k);
        if (s != 0) {
            int[] h = PaneViews.layout(panes, bodyHeight(st));
            int max = PaneViews.maxScroll(panes.get(focus), h[focus]);
            st.paneScroll(t, focus, move(Math.min(st.paneScroll(t, focus), max), s, max));
        }
        return NONE;
    }

    private Action graphs(Key k, ViewState st, Snapshot snap) {
        if (k.is('m')) {
            ViewState.GraphMode[] m = ViewState.GraphMode.values();
            st.graphMode(m[(st.graphMode().ordinal() + 1) % m.length]);
            return POLL;
        }
        if (k.kind() == Key.Kind.RIGHT || k.is(' ')) {
            st.graphWindowIndex(st.graphWindowIndex() + 1);
            return POLL;
        }
        if (k.kind() == Key.Kind.LEFT) {
            st.graphWindowIndex(st.graphWindowIndex() - 1);
            return POLL;
        }
        if (k.is('n') || k.is('N')) {
            st.graphSelector(st.graphSelector() + (k.is('n') ? 1 : -1));
            st.graphScroll(0);
            st.byPeerSelected(0);
            st.byPeerDetail(false);
            return POLL;
        }
        boolean byPeer = st.graphMode() == ViewState.GraphMode.METRIC_BY_PEER;
        if (byPeer && k.is('s')) {
            st.byPeerSort((st.byPeerSortColumn() + 1) % GraphsView.BY_PEER_SORT_COLUMNS, st.byPeerSortDescending());
            return NONE;
        }
        if (byPeer && k.is('S')) {
            st.byPeerSort(st.byPeerSortColumn(), !st.byPeerSortDescending());
            return NONE;
        }
        if (byPeer && k.kind() == Key.Kind.ENTER) {
            if (!GraphsView.byPeerRows(snap, st).isEmpty()) st.byPeerDetail(true);
            return NONE;
        }
        int s = step(k);
        if (s == 0) return NONE;
        if (byPeer) {
            int n = GraphsView.byPeerRows(snap, st).size();
            st.byPeerSelected(move(st.byPeerSelected(), s, Math.max(0, n - 1)));
        } else {
            int max = GraphsView.maxScroll(snap, st, st.width(), bodyHeight(st));
            st.graphScroll(move(Math.min(st.graphScroll(), max), s, max));
        }
        return NONE;
    }
}
