package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import fips.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Polling and merging replies; connected/disconnected state. */
class SnapshotTest {
    /** A source answering from fixtures, counting requests, optionally down. */
    static final class FakeSource implements TopSource {
        final List<String> asked = new ArrayList<>();
        TopSource.Kind down;

        @Override
        public JNode request(String command, JNode params) throws SourceException {
            asked.add(command);
            if (down != null) throw new SourceException(down, "down: " + down);
            String line = Fixtures.replyLines().get(command);
            if (line == null) throw new SourceException(Kind.ERROR_REPLY, "unknown command: " + command);
            return JNode.of(Json.parse(line), command).get("data");
        }
    }

    @Test
    @DisplayName("poll: replies by query; an error reply is per query and keeps the daemon connected")
    void pollAndMerge() {
        FakeSource src = new FakeSource();
        Snapshot.Poll p = TopApp.poll(src, null, Tab.NODE.queries(new ViewState(), Snapshot.EMPTY), 10);
        Snapshot s = Snapshot.of(p);
        assertTrue(s.connected());
        assertNotNull(s.data("show_status"));
        assertEquals("unknown command: show_listening_sockets", s.error("show_listening_sockets"));
        assertEquals(10, s.polledAtMs());
    }

    @Test
    @DisplayName("poll: after the daemon is found unreachable, the other queries of the same poll fail without asking")
    void unreachableShortCircuits() {
        FakeSource src = new FakeSource();
        src.down = TopSource.Kind.NOT_RUNNING;
        Snapshot.Poll p = TopApp.poll(src, null, Tab.PEERS.queries(new ViewState(), Snapshot.EMPTY), 10);
        assertEquals(1, src.asked.size(), src.asked.toString());
        assertEquals(4, p.failures().size());
        Snapshot s = Fixtures.fixtureSnapshot().merge(p);
        assertFalse(s.connected());
        assertEquals("down: NOT_RUNNING", s.daemonProblem());
        assertNotNull(s.data("show_status"), "last known data is kept");
        src.down = null;
        Snapshot back = s.merge(TopApp.poll(src, null, List.of(Tab.STATUS), 20));
        assertTrue(back.connected());
        assertNull(back.daemonProblem());
    }

    @Test
    @DisplayName("Gateway queries go to the gateway source; no gateway source means 'not configured', the daemon stays connected")
    void gatewaySeparate() {
        FakeSource daemon = new FakeSource();
        Snapshot s = Snapshot.of(TopApp.poll(daemon, null, Tab.GATEWAY.queries(new ViewState(), Snapshot.EMPTY), 1));
        assertTrue(s.connected());
        assertFalse(s.gatewayConnected());
        assertEquals("no gateway socket configured", s.gatewayProblem());
        assertEquals(List.of("show_status"), daemon.asked);
        FakeSource gw = new FakeSource();
        TopApp.poll(daemon, gw, Tab.GATEWAY.queries(new ViewState(), Snapshot.EMPTY), 2);
        assertEquals(List.of("show_gateway", "show_mappings"), gw.asked);
    }

    @Test
    @DisplayName("Query keys: the same command with other params is another entry (Graphs windows)")
    void queryKeys() {
        Query a = Tab.allHistory(ViewState.WINDOWS[0], null);
        Query b = Tab.allHistory(ViewState.WINDOWS[1], null);
        JNode d = JNode.of(Json.emptyObject(), "d");
        Snapshot s = Snapshot.of(new Snapshot.Poll(Map.of(a, d), Map.of(), 1));
        assertNotNull(s.data(a));
        assertNull(s.data(b));
        assertEquals("show_stats_all_history {\"window\":\"1m\",\"granularity\":\"1s\"}", a.key());
    }
}
