package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reference/cli-fipstop.md "Keybindings", applied to the view state without a terminal. */
class ControllerTest {
    final Controller c = new Controller(Glyphs.UNICODE);
    final Snapshot snap = Fixtures.populatedSnapshot();

    static Key k(Key.Kind kind) {
        return Key.of(kind);
    }

    static ViewState st(Tab t) {
        ViewState st = new ViewState();
        st.size(120, 40);
        st.tab(t);
        return st;
    }

    @Test
    @DisplayName("Tabs: Tab cycles Node -> Peers -> ... -> Gateway -> Node, Shift-Tab reverses, g jumps to Graphs; each asks for a poll")
    void tabCycle() {
        ViewState st = st(Tab.NODE);
        List<Tab> seen = new ArrayList<>();
        for (int i = 0; i < Tab.values().length; i++) {
            assertInstanceOf(Controller.Poll.class, c.handle(k(Key.Kind.TAB), st, snap, 0));
            seen.add(st.tab());
        }
        assertEquals(List.of(Tab.PEERS, Tab.TRANSPORTS, Tab.SESSIONS, Tab.TREE, Tab.FILTERS, Tab.PERFORMANCE, Tab.ROUTING,
                Tab.GRAPHS, Tab.GATEWAY, Tab.NODE), seen);
        c.handle(k(Key.Kind.BACK_TAB), st, snap, 0);
        assertEquals(Tab.GATEWAY, st.tab());
        c.handle(Key.ch('g'), st, snap, 0);
        assertEquals(Tab.GRAPHS, st.tab());
    }

    @Test
    @DisplayName("q and Ctrl-C quit from anywhere, even with help or the confirmation modal open")
    void quit() {
        ViewState st = st(Tab.PEERS);
        assertInstanceOf(Controller.Quit.class, c.handle(Key.ch('q'), st, snap, 0));
        assertInstanceOf(Controller.Quit.class, c.handle(k(Key.Kind.CTRL_C), st, snap, 0));
        st.help(true);
        assertInstanceOf(Controller.Quit.class, c.handle(Key.ch('q'), st, snap, 0));
        st.confirm("npub1x", "x");
        assertInstanceOf(Controller.Quit.class, c.handle(k(Key.Kind.CTRL_C), st, snap, 0));
        assertInstanceOf(Controller.None.class, c.handle(Key.ch('x'), new ViewState(), snap, 0));
    }

    @Test
    @DisplayName("? toggles the help overlay; Esc closes it first")
    void help() {
        ViewState st = st(Tab.PEERS);
        c.handle(Key.ch('?'), st, snap, 0);
        assertTrue(st.help());
        c.handle(Key.ch('?'), st, snap, 0);
        assertFalse(st.help());
        st.help(true);
        st.select(Tab.PEERS, 1);
        c.handle(k(Key.Kind.ESC), st, snap, 0);
        assertFalse(st.help());
        assertEquals(1, st.selected(Tab.PEERS), "Esc closed help only");
    }

    @Test
    @DisplayName("Table tabs: Up/Down move the selection within the rows, Enter opens the detail, Esc closes then deselects")
    void tableSelection() {
        ViewState st = st(Tab.PEERS);
        assertEquals(-1, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        assertEquals(0, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        assertEquals(1, st.selected(Tab.PEERS), "clamped at the last of 2 peers");
        c.handle(k(Key.Kind.UP), st, snap, 0);
        assertEquals(0, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.END), st, snap, 0);
        assertEquals(1, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.ENTER), st, snap, 0);
        assertTrue(st.detail(Tab.PEERS));
        c.handle(k(Key.Kind.ESC), st, snap, 0);
        assertFalse(st.detail(Tab.PEERS));
        assertEquals(1, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.ESC), st, snap, 0);
        assertEquals(-1, st.selected(Tab.PEERS));
        c.handle(k(Key.Kind.ENTER), st, snap, 0);
        assertFalse(st.detail(Tab.PEERS), "Enter without a selection opens nothing");
        ViewState empty = st(Tab.SESSIONS);
        c.handle(k(Key.Kind.DOWN), empty, Fixtures.fixtureSnapshot(), 0);
        assertEquals(-1, empty.selected(Tab.SESSIONS), "no rows, nothing selected");
    }

    @Test
    @DisplayName("Detail view scrolls with Up/Down/PageDown/End, bounded by its length")
    void detailScroll() {
        ViewState st = st(Tab.PEERS);
        st.size(120, 12);
        st.select(Tab.PEERS, 0);
        st.detail(Tab.PEERS, true);
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        assertEquals(1, st.detailScroll());
        c.handle(k(Key.Kind.END), st, snap, 0);
        int max = Renderer.detailMaxScroll(Tab.PEERS, snap, st, 12 - Renderer.CHROME_ROWS, Glyphs.UNICODE);
        assertTrue(max > 10, "the peer detail is long: " + max);
        assertEquals(max, st.detailScroll());
        c.handle(k(Key.Kind.PAGE_DOWN), st, snap, 0);
        assertEquals(max, st.detailScroll());
        c.handle(k(Key.Kind.HOME), st, snap, 0);
        assertEquals(0, st.detailScroll());
    }

    @Test
    @DisplayName("Peers Del: asks Y/N first; y answers a Disconnect of the selected npub, n cancels")
    void disconnectConfirm() {
        ViewState st = st(Tab.PEERS);
        c.handle(k(Key.Kind.DELETE), st, snap, 0);
        assertNull(st.confirmNpub(), "Del without a selection does nothing");
        st.select(Tab.PEERS, 0);
        assertInstanceOf(Controller.None.class, c.handle(k(Key.Kind.DELETE), st, snap, 0));
        assertEquals(Fixtures.ALICE_NPUB, st.confirmNpub());
        c.handle(k(Key.Kind.TAB), st, snap, 0);
        assertEquals(Tab.PEERS, st.tab(), "the modal holds the keyboard");
        c.handle(Key.ch('n'), st, snap, 0);
        assertNull(st.confirmNpub());
        c.handle(k(Key.Kind.DELETE), st, snap, 0);
        Controller.Action a = c.handle(Key.ch('y'), st, snap, 0);
        Controller.Disconnect d = assertInstanceOf(Controller.Disconnect.class, a);
        assertEquals(Fixtures.ALICE_NPUB, d.npub());
        assertEquals("alice", d.name());
        assertNull(st.confirmNpub());
    }

    @Test
    @DisplayName("Transports: Right/Space expand, Left collapses (from a link row back to its transport), e/c all")
    void transportsExpand() {
        ViewState st = st(Tab.TRANSPORTS);
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        c.handle(k(Key.Kind.RIGHT), st, snap, 0);
        assertTrue(st.expanded("1"));
        assertEquals(4, TableViews.rows(Tab.TRANSPORTS, snap, st).size(), "2 transports + 2 links");
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        c.handle(k(Key.Kind.DOWN), st, snap, 0);
        assertEquals(2, st.selected(Tab.TRANSPORTS));
        c.handle(k(Key.Kind.LEFT), st, snap, 0);
        assertFalse(st.expanded("1"));
        assertEquals(0, st.selected(Tab.TRANSPORTS), "selection back on the collapsed transport");
        c.handle(Key.ch('e'), st, snap, 0);
        assertTrue(st.expanded("1") && st.expanded("2"));
        c.handle(k(Key.Kind.END), st, snap, 0);
        assertEquals(3, st.selected(Tab.TRANSPORTS));
        c.handle(Key.ch('c'), st, snap, 0);
        assertFalse(st.expanded("1") || st.expanded("2"));
        assertEquals(1, st.selected(Tab.TRANSPORTS), "selection stays on transport 2, now row 1");
        c.handle(Key.ch(' '), st, snap, 0);
        assertTrue(st.expanded("2"));
    }

    @Test
    @DisplayName("Multi-pane tabs: f moves focus; Up/Down/PgDn/End/Home scroll the focused pane within its content")
    void panes() {
        ViewState st = st(Tab.ROUTING);
        st.size(120, 20);
        Snapshot s = Fixtures.fixtureSnapshot();
        List<PaneViews.Pane> panes = PaneViews.panes(Tab.ROUTING, s, st, 120);
        assertEquals(3, panes.size());
        c.handle(Key.ch('f'), st, s, 0);
        c.handle(Key.ch('f'), st, s, 0);
        assertEquals(2, st.paneFocus(Tab.ROUTING));
        c.handle(k(Key.Kind.DOWN), st, s, 0);
        assertEquals(1, st.paneScroll(Tab.ROUTING, 2));
        c.handle(k(Key.Kind.PAGE_DOWN), st, s, 0);
        assertEquals(11, st.paneScroll(Tab.ROUTING, 2));
        c.handle(k(Key.Kind.END), st, s, 0);
        int[] h = PaneViews.layout(panes, 20 - Renderer.CHROME_ROWS);
        int max = PaneViews.maxScroll(panes.get(2), h[2]);
        assertTrue(max > 11, "counters pane is long: " + max);
        assertEquals(max, st.paneScroll(Tab.ROUTING, 2));
        c.handle(k(Key.Kind.PAGE_DOWN), st, s, 0);
        assertEquals(max, st.paneScroll(Tab.ROUTING, 2), "bounded");
        c.handle(k(Key.Kind.HOME), st, s, 0);
        assertEquals(0, st.paneScroll(Tab.ROUTING, 2));
        assertEquals(0, st.paneScroll(Tab.ROUTING, 0), "other panes untouched");
        c.handle(Key.ch('f'), st, s, 0);
        assertEquals(0, st.paneFocus(Tab.ROUTING), "focus wraps");
        String screen = String.join("\n", new Renderer(Glyphs.ASCII).render(s, st, 120, 20, 0).stream().map(Line::text).toList());
        assertTrue(screen.contains("> Routing"), screen);
    }

    @Test
    @DisplayName("Performance: s cycles the focused pane's sort column, S flips its direction")
    void perfSort() {
        ViewState st = st(Tab.PERFORMANCE);
        c.handle(Key.ch('s'), st, snap, 0);
        assertEquals(1, st.perfSortColumn(0));
        c.handle(Key.ch('S'), st, snap, 0);
        assertTrue(st.perfSortDescending(0));
        c.handle(Key.ch('f'), st, snap, 0);
        c.handle(Key.ch('s'), st, snap, 0);
        assertEquals(1, st.perfSortColumn(1));
        assertFalse(st.perfSortDescending(1));
        for (int i = 0; i < PaneViews.sortColumns(1) - 1; i++) c.handle(Key.ch('s'), st, snap, 0);
        assertEquals(0, st.perfSortColumn(1), "wraps to the name column");
    }

    @Test
    @DisplayName("Graphs: m cycles Node -> MetricByPeer -> PeerByMetric, Right/Left cycle the four windows, n/N the selector; each polls")
    void graphs() {
        ViewState st = st(Tab.GRAPHS);
        assertInstanceOf(Controller.Poll.class, c.handle(Key.ch('m'), st, snap, 0));
        assertEquals(ViewState.GraphMode.METRIC_BY_PEER, st.graphMode());
        c.handle(Key.ch('m'), st, snap, 0);
        assertEquals(ViewState.GraphMode.PEER_BY_METRIC, st.graphMode());
        c.handle(Key.ch('m'), st, snap, 0);
        assertEquals(ViewState.GraphMode.NODE, st.graphMode());
        assertEquals("10m / 1s", st.graphWindow().label());
        assertInstanceOf(Controller.Poll.class, c.handle(k(Key.Kind.RIGHT), st, snap, 0));
        assertEquals("1h / 1s", st.graphWindow().label());
        c.handle(Key.ch(' '), st, snap, 0);
        assertEquals("24h / 1m", st.graphWindow().label());
        c.handle(k(Key.Kind.RIGHT), st, snap, 0);
        assertEquals("1m / 1s", st.graphWindow().label());
        c.handle(k(Key.Kind.LEFT), st, snap, 0);
        assertEquals("24h / 1m", st.graphWindow().label());
        c.handle(Key.ch('m'), st, snap, 0);
        assertEquals("srtt_ms", GraphsView.peerMetric(snap, st.graphSelector()));
        assertInstanceOf(Controller.Poll.class, c.handle(Key.ch('n'), st, snap, 0));
        assertEquals("loss_rate", GraphsView.peerMetric(snap, st.graphSelector()));
        c.handle(Key.ch('N'), st, snap, 0);
        c.handle(Key.ch('N'), st, snap, 0);
        assertEquals("ecn_ce", GraphsView.peerMetric(snap, st.graphSelector()), "wraps backwards");
        // the poll plan follows the state
        List<Query> plan = Tab.GRAPHS.queries(st, snap);
        assertTrue(plan.contains(Tab.byPeerHistory(ViewState.WINDOWS[3], "ecn_ce")), plan.toString());
    }
}
