package fips.testkit;

import fips.fmp.link.LinkConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fsp.session.SessionConfig;
import fips.noise.AeadEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a simulation: how many nodes, their link configuration and
 * transport MTU, the wires between them with their conditions, and who dials
 * whom. {@link #build()} creates the nodes (identities drawn from the seed in
 * index order) and the wires, and schedules the peer configuration as the
 * first event at the start time, in the order the {@code dial}/{@code peer}
 * calls were made; auto-connect peers send their first msg1 then. Nothing runs
 * until the test steps the simulation, so taps added after {@code build()}
 * see every packet.
 */
public final class SimBuilder {
    private record Edge(int a, int b, NetConditions conditions) {}

    private record PeerDecl(int node, int peer, boolean autoConnect, boolean autoReconnect) {}

    private final long seed;
    private int nodeCount;
    private long startMs;
    private LinkConfig config = LinkConfig.defaults();
    private MeshConfig meshConfig; // null: link-only nodes
    private SessionConfig sessionConfig; // null: no session cores
    private final Map<Integer, LinkConfig> configs = new HashMap<>();
    private int transportMtu = 1280;
    private final Map<Integer, Integer> mtus = new HashMap<>();
    private NetConditions conditions = NetConditions.DEFAULT;
    private final List<Edge> edges = new ArrayList<>();
    private final List<PeerDecl> peers = new ArrayList<>();
    private AeadEngine aead = AeadEngine.selected();
    private boolean recordLog = true;

    SimBuilder(long seed) {
        this.seed = seed;
    }

    /** The number of nodes, indexed from 0. */
    public SimBuilder nodes(int n) {
        if (n <= 0) throw new IllegalArgumentException("nodes=" + n + " must be > 0");
        nodeCount = n;
        return this;
    }

    /** The virtual time the simulation starts at (default 0). */
    public SimBuilder startMs(long ms) {
        startMs = ms;
        return this;
    }

    /** The link configuration of every node without its own (default {@link LinkConfig#defaults()}). */
    public SimBuilder config(LinkConfig c) {
        config = c;
        return this;
    }

    /**
     * Every node runs a whole {@link fips.fmp.mesh.MeshCore} with {@code c}
     * ({@link SimNode#mesh()}) instead of a bare LinkCore. Also sets the
     * default link configuration to {@code c.link()}; a later
     * {@link #config(LinkConfig)} (for all or one node) replaces the link part.
     */
    public SimBuilder mesh(MeshConfig c) {
        meshConfig = c;
        config = c.link();
        return this;
    }

    /**
     * Every node also hosts a {@link fips.fsp.session.SessionCore} with {@code c}
     * over its mesh core ({@link SimNode#session()}); needs {@link #mesh}.
     */
    public SimBuilder sessions(SessionConfig c) {
        sessionConfig = c;
        return this;
    }

    public SimBuilder config(int node, LinkConfig c) {
        configs.put(node, c);
        return this;
    }

    /** The MTU every node's transport reports (default 1280). */
    public SimBuilder transportMtu(int mtuBytes) {
        transportMtu = mtuBytes;
        return this;
    }

    public SimBuilder transportMtu(int node, int mtuBytes) {
        mtus.put(node, mtuBytes);
        return this;
    }

    /** The conditions of wires added without their own, both directions (default {@link NetConditions#DEFAULT}). */
    public SimBuilder conditions(NetConditions c) {
        conditions = c;
        return this;
    }

    /** The AEAD engine of every core (default {@link AeadEngine#selected()}; all give the same bytes). */
    public SimBuilder aead(AeadEngine engine) {
        aead = engine;
        return this;
    }

    /** Whether to keep the simulation-wide event log (default true). */
    public SimBuilder recordLog(boolean on) {
        recordLog = on;
        return this;
    }

    /** A wire between {@code a} and {@code b} with the default conditions (as they are at {@link #build()}). */
    public SimBuilder edge(int a, int b) {
        edges.add(new Edge(a, b, null));
        return this;
    }

    public SimBuilder edge(int a, int b, NetConditions c) {
        edges.add(new Edge(a, b, c));
        return this;
    }

    /** Wires 0-1, 1-2, ..., (n-2)-(n-1). */
    public SimBuilder chain() {
        for (int i = 0; i + 1 < nodeCount; i++) edge(i, i + 1);
        return this;
    }

    /** {@link #chain()} plus (n-1)-0 (for n > 2). */
    public SimBuilder ring() {
        chain();
        if (nodeCount > 2) edge(nodeCount - 1, 0);
        return this;
    }

    /** A wire between every pair. */
    public SimBuilder full() {
        for (int i = 0; i < nodeCount; i++) {
            for (int j = i + 1; j < nodeCount; j++) edge(i, j);
        }
        return this;
    }

    /** {@code node} configures {@code peer} as auto-connect (and auto-reconnect); {@code peer} does not configure {@code node}. */
    public SimBuilder dial(int node, int peer) {
        return peer(node, peer, true, true);
    }

    /** Both ends configure each other as auto-connect: crossing dials at the start time. */
    public SimBuilder dialBoth(int a, int b) {
        return dial(a, b).dial(b, a);
    }

    /** For every edge declared so far, the lower index dials the higher. */
    public SimBuilder dialAlongEdges() {
        for (Edge e : List.copyOf(edges)) dial(Math.min(e.a, e.b), Math.max(e.a, e.b));
        return this;
    }

    /** {@code node} configures {@code peer} with these flags. */
    public SimBuilder peer(int node, int peer, boolean autoConnect, boolean autoReconnect) {
        peers.add(new PeerDecl(node, peer, autoConnect, autoReconnect));
        return this;
    }

    public Simulation build() {
        if (nodeCount == 0) throw new IllegalStateException("nodes(n) was not called");
        if (sessionConfig != null && meshConfig == null) {
            throw new IllegalStateException("sessions(...) needs mesh(...): a session core runs over a MeshCore");
        }
        Simulation sim = new Simulation(seed, startMs, aead, recordLog);
        for (int i = 0; i < nodeCount; i++) {
            LinkConfig lc = configs.getOrDefault(i, config);
            int mtu = mtus.getOrDefault(i, transportMtu);
            if (meshConfig != null) sim.addMeshNode(meshConfig.withLink(lc), mtu);
            else sim.addNode(lc, mtu);
        }
        if (sessionConfig != null) {
            // After every node exists, so the identities are those the same seed gives without sessions.
            for (SimNode n : sim.nodes()) n.mesh().hostSessions(sessionConfig);
        }
        for (Edge e : edges) {
            sim.network().connect(node(sim, e.a), node(sim, e.b), e.conditions != null ? e.conditions : conditions);
        }
        List<PeerDecl> decls = List.copyOf(peers);
        for (PeerDecl p : decls) {
            node(sim, p.node);
            node(sim, p.peer);
        }
        // The first event of the run, so that taps installed after build() see the first msg1.
        sim.at(startMs, () -> {
            for (PeerDecl p : decls) {
                SimNode n = sim.node(p.node);
                n.addPeer(n.specFor(sim.node(p.peer), p.autoConnect, p.autoReconnect));
            }
        });
        return sim;
    }

    private SimNode node(Simulation sim, int i) {
        if (i < 0 || i >= nodeCount) throw new IllegalArgumentException("node=" + i + " not in [0, " + nodeCount + ")");
        return sim.node(i);
    }
}
