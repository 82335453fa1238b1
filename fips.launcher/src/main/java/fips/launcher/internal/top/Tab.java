package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tabs in their cycle order and the queries each needs (reference/cli-fipstop.md "Tabs"). Every
 * tab also polls {@code show_status}, which feeds the title bar.
 */
public enum Tab {
    NODE("Node"),
    PEERS("Peers"),
    TRANSPORTS("Transports"),
    SESSIONS("Sessions"),
    TREE("Tree"),
    FILTERS("Filters"),
    PERFORMANCE("Performance"),
    ROUTING("Routing"),
    GRAPHS("Graphs"),
    GATEWAY("Gateway");

    public final String label;

    Tab(String label) {
        this.label = label;
    }

    public Tab next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public Tab previous() {
        return values()[(ordinal() + values().length - 1) % values().length];
    }

    /** Whether the tab is a table whose rows Up/Down select and Enter opens. */
    public boolean isTable() {
        return this == PEERS || this == TRANSPORTS || this == SESSIONS || this == GATEWAY;
    }

    /** Whether the tab is stacked panes that scroll on their own (f moves focus). */
    public boolean hasPanes() {
        return this == TREE || this == FILTERS || this == ROUTING || this == PERFORMANCE;
    }

    static final Query STATUS = Query.daemon("show_status");
    static final Query LISTENING = Query.daemon("show_listening_sockets");
    static final Query PEERS_Q = Query.daemon("show_peers");
    static final Query LINKS = Query.daemon("show_links");
    static final Query TRANSPORTS_Q = Query.daemon("show_transports");
    static final Query SESSIONS_Q = Query.daemon("show_sessions");
    static final Query TREE_Q = Query.daemon("show_tree");
    static final Query BLOOM = Query.daemon("show_bloom");
    static final Query MMP = Query.daemon("show_mmp");
    static final Query ROUTING_Q = Query.daemon("show_routing");
    static final Query CACHE = Query.daemon("show_cache");
    static final Query STATS_LIST = Query.daemon("show_stats_list");
    static final Query STATS_PEERS = Query.daemon("show_stats_peers");
    static final Query GW_STATUS = Query.gateway("show_gateway");
    static final Query GW_MAPPINGS = Query.gateway("show_mappings");

    /** The queries this tab polls in state {@code st} (the Graphs tab's depend on its mode and window). */
    public List<Query> queries(ViewState st, Snapshot snap) {
        List<Query> q = new ArrayList<>();
        q.add(STATUS);
        switch (this) {
            case NODE -> q.add(LISTENING);
            case PEERS -> q.addAll(List.of(PEERS_Q, LINKS, TRANSPORTS_Q));
            case TRANSPORTS -> q.addAll(List.of(TRANSPORTS_Q, LINKS, PEERS_Q));
            case SESSIONS -> q.add(SESSIONS_Q);
            case TREE -> q.add(TREE_Q);
            case FILTERS -> q.add(BLOOM);
            case PERFORMANCE -> q.add(MMP);
            case ROUTING -> q.addAll(List.of(ROUTING_Q, CACHE));
            case GRAPHS -> q.addAll(graphQueries(st, snap));
            case GATEWAY -> {
                q.clear();
                q.add(STATUS);
                q.add(GW_STATUS);
                q.add(GW_MAPPINGS);
            }
        }
        return q;
    }

    static List<Query> graphQueries(ViewState st, Snapshot snap) {
        List<Query> q = new ArrayList<>();
        q.add(STATS_LIST);
        ViewState.Window w = st.graphWindow();
        switch (st.graphMode()) {
            case NODE -> q.add(allHistory(w, null));
            case METRIC_BY_PEER -> q.add(byPeerHistory(w, GraphsView.peerMetric(snap, st.graphSelector())));
            case PEER_BY_METRIC -> {
                q.add(STATS_PEERS);
                String npub = GraphsView.selectedPeerNpub(snap, st.graphSelector());
                if (npub != null) q.add(allHistory(w, npub));
            }
        }
        return q;
    }

    static Query allHistory(ViewState.Window w, String peerNpub) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (peerNpub != null) p.put("peer", peerNpub);
        p.put("window", w.window());
        p.put("granularity", w.granularity());
        return Query.daemon("show_stats_all_history", p);
    }

    static Query byPeerHistory(ViewState.Window w, String metric) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("metric", metric);
        p.put("window", w.window());
        p.put("granularity", w.granularity());
        return Query.daemon("show_stats_history_all_peers", p);
    }

    /** The array {@code key} of {@code node}, empty if the node or member is missing or not an array. */
    static List<JNode> items(JNode node, String key) {
        if (node == null || !node.isObject()) return List.of();
        JNode a = node.opt(key);
        return a != null && a.isArray() ? a.items() : List.of();
    }
}
