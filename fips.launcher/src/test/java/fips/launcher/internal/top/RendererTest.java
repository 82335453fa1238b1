package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The screen as a pure function of the daemon's replies (control-snapshots fixtures) and the view state. */
class RendererTest {
    static final Renderer R = new Renderer(Glyphs.UNICODE);

    static String screen(Snapshot snap, ViewState st, int w, int h) {
        st.size(w, h);
        return R.render(snap, st, w, h, 0).stream().map(Line::text).collect(Collectors.joining("\n"));
    }

    static ViewState on(Tab t) {
        ViewState st = new ViewState();
        st.tab(t);
        return st;
    }

    @Test
    @DisplayName("cli-fipstop.md Tabs/Node: show_status fixture shows identity, root, counts and the tab bar")
    void nodeTabFromFixture() {
        String s = screen(Fixtures.fixtureSnapshot(), new ViewState(), 120, 40);
        assertTrue(s.contains("fipstop"), s);
        assertTrue(s.contains(Fixtures.NPUB), "full npub on the Node tab\n" + s);
        assertTrue(s.contains("1b4788b7ab7a436a611fc59fb1e34c6e"), s);
        assertTrue(s.contains("fd1b:4788:b7ab:7a43:6a61:1fc5:9fb1:e34c"), s);
        assertTrue(s.contains("this node is the root"), s);
        assertTrue(s.contains("IPv6 MTU 1203"), s);
        assertTrue(s.contains("[Node]"), "active tab marked\n" + s);
        assertTrue(s.contains("connected"), s);
        assertTrue(s.contains("Traffic"), s);
        // fixture uptime is "<redacted>": shown as is, not a crash
        assertTrue(s.contains("uptime <redacted>"), s);
    }

    @Test
    @DisplayName("cli-fipstop.md Listening on fips0 panel: OPEN / filt / filt?, wildcard *, unresolved ?, inactive banner")
    void listeningPanel() {
        Map<String, Object> d = Fixtures.obj("fips0_addr", "fd1b::1", "firewall_active", true, "sockets", List.of(
                Fixtures.obj("proto", "tcp", "local_addr", "::", "port", 8080L, "pid", 42L, "process", "python",
                        "wildcard_bind", true, "filter", "accept"),
                Fixtures.obj("proto", "udp", "local_addr", "fd1b::1", "port", 53L, "pid", null, "process", null,
                        "wildcard_bind", false, "filter", "drop"),
                Fixtures.obj("proto", "tcp", "local_addr", "fd1b::1", "port", 22L, "pid", 7L, "process", "sshd",
                        "wildcard_bind", false, "filter", "unknown")));
        Snapshot snap = Fixtures.fixtureSnapshot().merge(new Snapshot.Poll(
                Map.of(Tab.LISTENING, JNode.of(d, "d")), Map.of(), 2000));
        String s = screen(snap, new ViewState(), 140, 40);
        assertTrue(s.contains("Listening on fips0"), s);
        assertFalse(s.contains("inactive"), s);
        assertTrue(s.matches("(?s).*tcp\\s+8080\\s+python\\(42\\)\\*\\s+OPEN.*"), s);
        assertTrue(s.matches("(?s).*udp\\s+53\\s+\\?\\s+filt\\b.*"), s);
        assertTrue(s.matches("(?s).*tcp\\s+22\\s+sshd\\(7\\)\\s+filt\\?.*"), s);
        d.put("firewall_active", false);
        Snapshot off = snap.merge(new Snapshot.Poll(Map.of(Tab.LISTENING, JNode.of(d, "d")), Map.of(), 3000));
        String s2 = screen(off, new ViewState(), 140, 40);
        assertTrue(s2.contains("fips-firewall.service inactive"), s2);
        assertFalse(s2.contains("filt"), "every row OPEN when the firewall is inactive\n" + s2);
    }

    @Test
    @DisplayName("Peers tab: empty show_peers fixture says so; populated rows show name, npub, transport, tree role, SRTT")
    void peersTab() {
        String empty = screen(Fixtures.fixtureSnapshot(), on(Tab.PEERS), 120, 30);
        assertTrue(empty.contains("no authenticated peers"), empty);
        assertTrue(empty.contains("[Peers]"), empty);
        ViewState st = on(Tab.PEERS);
        st.select(Tab.PEERS, 0);
        String s = screen(Fixtures.populatedSnapshot(), st, 140, 30);
        assertTrue(s.contains("Authenticated peers: 2"), s);
        assertTrue(s.matches("(?s).*\u25b6 alice\\s+npub1qmc3c.*active\\s+outbound\\s+udp 192\\.0\\.2\\.1:2121\\s+0\\s+parent\\s+12\\.5ms.*"), s);
        assertTrue(s.contains("child"), s);
    }

    @Test
    @DisplayName("Fmt.clean: a peer name with an escape sequence reaches the screen defused")
    void untrustedNamesAreDefused() {
        ViewState st = on(Tab.PEERS);
        String s = screen(Fixtures.populatedSnapshot(), st, 140, 30);
        assertFalse(s.contains("\u001b"), "no ESC byte from daemon data on screen");
        assertTrue(s.contains("bob?[31m"), s);
    }

    @Test
    @DisplayName("Peers detail view: the peer's fields plus its link (show_links) and transport (show_transports)")
    void peerDetail() {
        ViewState st = on(Tab.PEERS);
        st.select(Tab.PEERS, 0);
        st.detail(Tab.PEERS, true);
        String s = screen(Fixtures.populatedSnapshot(), st, 120, 60);
        assertTrue(s.contains("Peer alice"), s);
        assertTrue(s.contains("transport_addr  192.0.2.1:2121"), s);
        assertTrue(s.contains("srtt_ms   12.5"), s);
        assertTrue(s.contains("Link 3 (show_links):"), s);
        assertTrue(s.contains("Transport 1 (show_transports):"), s);
        assertTrue(s.contains("local_addr   0.0.0.0:2121"), s);
    }

    @Test
    @DisplayName("Transports tab: a tree; expanding a transport lists its links with the peer on each")
    void transportsTree() {
        ViewState st = on(Tab.TRANSPORTS);
        String collapsed = screen(Fixtures.populatedSnapshot(), st, 120, 30);
        assertTrue(collapsed.matches("(?s).*\u25b8 #1 udp0\\s+udp\\s+running\\s+1472\\s+0\\.0\\.0\\.0:2121\\s+2 links.*"), collapsed);
        assertTrue(collapsed.contains("#2 tcp0"), collapsed);
        assertFalse(collapsed.contains("link 3"), collapsed);
        st.expand("1", true);
        String open = screen(Fixtures.populatedSnapshot(), st, 120, 30);
        assertTrue(open.contains("\u25be #1 udp0"), open);
        assertTrue(open.matches("(?s).*\u2514 link 3\\s+outbound\\s+connected\\s+192\\.0\\.2\\.1:2121\\s+alice.*"), open);
        assertTrue(open.contains("link 4"), open);
        int link4 = open.indexOf("link 4");
        assertTrue(link4 < open.indexOf("#2 tcp0"), "links sit under their transport\n" + open);
    }

    @Test
    @DisplayName("Sessions tab: empty fixture, then a session row with state, role, idle time and MMP")
    void sessionsTab() {
        assertTrue(screen(Fixtures.fixtureSnapshot(), on(Tab.SESSIONS), 120, 30).contains("no end-to-end sessions"));
        String s = screen(Fixtures.populatedSnapshot(), on(Tab.SESSIONS), 140, 30);
        assertTrue(s.matches("(?s).*alice\\s+npub1qmc3c\\S*\\s+established\\s+initiator\\s+850ms\\s+20ms\\s+0%\\s+1280.*"), s);
    }

    @Test
    @DisplayName("Tree tab (show_tree fixture): state pane, coordinates, root npub and the announce counters")
    void treeTab() {
        String s = screen(Fixtures.fixtureSnapshot(), on(Tab.TREE), 120, 40);
        assertTrue(s.contains("\u25b6 Spanning tree"), "first pane focused\n" + s);
        assertTrue(s.contains("root npub          " + Fixtures.NPUB), s);
        assertTrue(s.contains("declaration signed yes"), s);
        assertTrue(s.contains("self -> root: 1b4788b7ab7a436a611fc59fb1e34c6e"), s);
        assertTrue(s.contains("Peer coordinates (0)"), s);
        assertTrue(s.matches("(?s).*parent_switches\\s+0.*"), s);
    }

    @Test
    @DisplayName("Filters tab (show_bloom fixture): null uptree values shown as '-', counters listed")
    void filtersTab() {
        String s = screen(Fixtures.fixtureSnapshot(), on(Tab.FILTERS), 120, 40);
        assertTrue(s.contains("uptree fill ratio -"), s);
        assertTrue(s.contains("Peer filters (0)"), s);
        assertTrue(s.matches("(?s).*debounce_suppressed\\s+0.*"), s);
    }

    @Test
    @DisplayName("Routing tab (show_routing + show_cache fixtures): summary, cache line, counter families")
    void routingTab() {
        String s = screen(Fixtures.fixtureSnapshot(), on(Tab.ROUTING), 160, 60);
        assertTrue(s.contains("coord cache entries"), s);
        assertTrue(s.contains("coord cache              0 / 50000  fill 0%"), s);
        for (String fam : List.of("[forwarding]", "[discovery]", "[error_signals]", "[congestion]")) assertTrue(s.contains(fam), s);
        assertTrue(s.matches("(?s).*req_dedup_cache_full\\s+0.*"), s);
    }

    @Test
    @DisplayName("Performance tab: two panes; rows sort by the chosen column and direction")
    void performanceSort() {
        Map<String, Object> mmp = Fixtures.obj("peers", List.of(
                Fixtures.obj("display_name", "zed", "srtt_ms", 5L, "loss_rate", 0L),
                Fixtures.obj("display_name", "amy", "srtt_ms", 50L, "loss_rate", 0L)), "sessions", List.of());
        Snapshot snap = Fixtures.fixtureSnapshot().merge(new Snapshot.Poll(Map.of(Tab.MMP, JNode.of(mmp, "m")), Map.of(), 5));
        ViewState st = on(Tab.PERFORMANCE);
        String byName = screen(snap, st, 120, 30);
        assertTrue(byName.indexOf("amy") < byName.indexOf("zed"), byName);
        assertTrue(byName.contains("Session MMP (per session) (0)"), byName);
        st.perfSort(0, 1, true); // SRTT, descending
        String bySrtt = screen(snap, st, 120, 30);
        assertTrue(bySrtt.indexOf("amy") < bySrtt.indexOf("zed"), bySrtt);
        st.perfSort(0, 1, false);
        String asc = screen(snap, st, 120, 30);
        assertTrue(asc.indexOf("zed") < asc.indexOf("amy"), asc);
        assertTrue(asc.contains("^ SRTT"), asc);
    }

    @Test
    @DisplayName("Graphs tab Node mode (show_stats_all_history fixture): one labelled plot per series")
    void graphsNode() {
        String s = screen(Fixtures.fixtureSnapshot(), on(Tab.GRAPHS), 120, 40);
        assertTrue(s.contains("Mode Node   window 10m / 1s"), s);
        for (String m : List.of("mesh_size (nodes)", "tree_depth (hops)", "bytes_in (bytes/s)", "active_sessions (sessions)")) {
            assertTrue(s.contains(m), m + "\n" + s);
        }
    }

    @Test
    @DisplayName("Graphs MetricByPeer: per-peer rows with last/max and a sparkline; Enter expands a full plot")
    void graphsByPeer() {
        ViewState st = on(Tab.GRAPHS);
        st.graphMode(ViewState.GraphMode.METRIC_BY_PEER);
        Map<String, Object> d = Fixtures.obj("metric", "srtt_ms", "unit", "ms", "granularity_seconds", 1L, "window_seconds", 600L,
                "peers", List.of(Fixtures.obj("node_addr", "aa", "display_name", "alice", "is_active", true, "values", List.of(1L, 2L, 40L))));
        Query q = Tab.byPeerHistory(st.graphWindow(), "srtt_ms");
        Snapshot snap = Fixtures.fixtureSnapshot().merge(new Snapshot.Poll(Map.of(q, JNode.of(d, "d")), Map.of(), 5));
        String s = screen(snap, st, 120, 30);
        assertTrue(s.contains("metric srtt_ms"), s);
        assertTrue(s.matches("(?s).*alice\\s+40ms\\s+40ms\\s+\\S+.*"), s);
        st.byPeerDetail(true);
        String plot = screen(snap, st, 120, 30);
        assertTrue(plot.contains("(Esc closes)"), plot);
        assertTrue(plot.chars().filter(c -> c == '\u2588').count() > 20, "a tall plot of full blocks\n" + plot);
    }

    @Test
    @DisplayName("cli-fipstop.md Exit Codes: a lost daemon is 'Disconnected' in the title bar, not an exit")
    void disconnected() {
        Snapshot down = Snapshot.of(new Snapshot.Poll(Map.of(), Map.of(Tab.STATUS,
                new TopSource.SourceException(TopSource.Kind.NOT_RUNNING, "no control socket at /run/fips/control.sock")), 1));
        String s = screen(down, new ViewState(), 100, 24);
        assertTrue(s.lines().findFirst().orElseThrow().contains("Disconnected: no control socket at /run/fips/control.sock"), s);
        assertTrue(s.contains("Retrying at every refresh"), s);
        // known data stays visible after the daemon goes away
        Snapshot later = Fixtures.fixtureSnapshot().merge(new Snapshot.Poll(Map.of(), Map.of(Tab.STATUS,
                new TopSource.SourceException(TopSource.Kind.NOT_RUNNING, "gone")), 9));
        String s2 = screen(later, new ViewState(), 100, 24);
        assertTrue(s2.contains("Disconnected: gone"), s2);
        assertTrue(s2.contains(Fixtures.NPUB), s2);
    }

    @Test
    @DisplayName("cli-fipstop.md Gateway tab: empty, with the reason, when the gateway socket is unreachable")
    void gatewayUnreachable() {
        String s = screen(Fixtures.fixtureSnapshot(), on(Tab.GATEWAY), 120, 30);
        assertTrue(s.contains("Gateway unreachable: no control socket at /x/gateway.sock"), s);
    }

    @Test
    @DisplayName("Gateway tab: pool summary and the mappings table")
    void gatewayUp() {
        Map<String, Object> gw = Fixtures.obj("pool_total", 254L, "pool_allocated", 2L, "pool_active", 1L, "pool_draining", 1L,
                "pool_free", 252L, "nat_mappings", 1L, "dns_listen", "[::1]:53", "uptime_secs", 65L, "pool_cidr", "fd00:aa::/120",
                "lan_interface", "br-lan", "dns_upstream", "[::1]:5354", "dns_ttl", 60L, "pool_grace_period", 30L);
        Map<String, Object> maps = Fixtures.obj("mappings", List.of(Fixtures.obj("virtual_ip", "fd00:aa::5", "mesh_addr", "fd4a::1",
                "node_addr", "4a1f", "dns_name", "alice.fips", "state", "Active", "sessions", 2L, "age_secs", 125L, "last_ref_secs", 3L)));
        Snapshot snap = Fixtures.fixtureSnapshot().merge(new Snapshot.Poll(
                Map.of(Tab.GW_STATUS, JNode.of(gw, "g"), Tab.GW_MAPPINGS, JNode.of(maps, "m")), Map.of(), 7));
        String s = screen(snap, on(Tab.GATEWAY), 140, 30);
        assertTrue(s.contains("Pool fd00:aa::/120  total 254  allocated 2  active 1  draining 1  free 252"), s);
        assertTrue(s.matches("(?s).*fd00:aa::5\\s+alice\\.fips\\s+Active\\s+2\\s+2m 5s\\s+3s\\s+fd4a::1.*"), s);
    }

    @Test
    @DisplayName("cli-fipstop.md Keybindings: ? overlay lists the keys of the current tab from the one registry")
    void helpOverlay() {
        ViewState st = on(Tab.TRANSPORTS);
        st.help(true);
        String s = screen(Fixtures.fixtureSnapshot(), st, 120, 40);
        assertTrue(s.contains("Help: keys of the Transports tab"), s);
        assertTrue(s.contains("expand all"), s);
        assertTrue(s.contains("collapse all"), s);
        assertTrue(s.contains("Peers        show_peers, show_links, show_transports"), s);
        assertTrue(s.contains("Gateway      gateway show_gateway, gateway show_mappings"), s);
        String footer = s.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(footer.contains("e expand all") && footer.contains("q Ctrl-C quit"), footer);
    }

    @Test
    @DisplayName("Peers Del: the confirmation modal names the peer and the y/n choice")
    void confirmModal() {
        ViewState st = on(Tab.PEERS);
        st.confirm(Fixtures.ALICE_NPUB, "alice");
        String s = screen(Fixtures.populatedSnapshot(), st, 120, 30);
        assertTrue(s.contains("Disconnect peer alice?"), s);
        assertTrue(s.contains("y: disconnect    n / Esc: cancel"), s);
        assertTrue(s.lines().reduce((a, b) -> b).orElseThrow().contains("y disconnect"), s);
    }

    @Test
    @DisplayName("Every tab, mode and size: exactly height lines, none wider than the screen")
    void framesFit() {
        Snapshot[] snaps = {Snapshot.EMPTY, Fixtures.fixtureSnapshot(), Fixtures.populatedSnapshot()};
        int[][] sizes = {{40, 8}, {80, 24}, {120, 40}, {250, 70}, {20, 5}};
        for (Snapshot snap : snaps) {
            for (int[] sz : sizes) {
                for (Tab t : Tab.values()) {
                    for (boolean help : new boolean[] {false, true}) {
                        ViewState st = on(t);
                        st.help(help);
                        st.select(t, 0);
                        List<Line> f = R.render(snap, st, sz[0], sz[1], 0);
                        assertEquals(sz[1], f.size(), t + " " + sz[0] + "x" + sz[1]);
                        for (Line l : f) assertTrue(l.text().length() <= sz[0], t + " " + sz[0] + ": " + l.text());
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("A terminal below the minimum size says so instead of drawing a broken screen")
    void tooSmall() {
        String s = screen(Fixtures.fixtureSnapshot(), new ViewState(), 30, 6);
        assertTrue(s.startsWith("terminal too small: 30x6"), s);
    }
}
