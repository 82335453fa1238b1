package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeConfig;
import fips.identity.NodeAddr;
import fips.testkit.NetConditions;
import fips.testkit.SimBuilder;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The spanning tree over real LinkCores on the simulator (INTEROP.md 5.2;
 * design/spanning-tree-dynamics.md sections 4 and 6): a {@link SimTree} per
 * node, Noise links, latency, partitions healed by the link layer's redial.
 */
class TreeSimMeshTest {
    private final List<String> violations = new ArrayList<>();

    private List<SimTree> trees(Simulation sim) {
        List<SimTree> t = new ArrayList<>();
        for (SimNode n : sim.nodes()) {
            t.add(new SimTree(sim, n, TreeConfig.defaults(), violations));
        }
        return t;
    }

    private static SimTree byAddr(List<SimTree> trees, NodeAddr a) {
        for (SimTree t : trees) {
            if (t.node.nodeAddr().equals(a)) return t;
        }
        throw new AssertionError("no node " + a);
    }

    /** Connected components over established links. */
    private static List<Set<SimTree>> components(List<SimTree> trees) {
        List<Set<SimTree>> out = new ArrayList<>();
        Set<SimTree> seen = new HashSet<>();
        for (SimTree s : trees) {
            if (!seen.add(s)) continue;
            Set<SimTree> comp = new LinkedHashSet<>(List.of(s));
            Deque<SimTree> q = new ArrayDeque<>(List.of(s));
            while (!q.isEmpty()) {
                SimTree x = q.poll();
                for (SimTree y : trees) {
                    if (y != x && x.node.isLinkedTo(y.node) && seen.add(y)) {
                        comp.add(y);
                        q.add(y);
                    }
                }
            }
            out.add(comp);
        }
        return out;
    }

    /**
     * Null if each component of established links agrees on its smallest
     * NodeAddr as root and every node's coordinates are itself followed by its
     * parent's, the parent a linked peer; else what is wrong.
     */
    private static String treeProblem(List<SimTree> trees) {
        for (Set<SimTree> comp : components(trees)) {
            NodeAddr min = comp.stream().map(t -> t.node.nodeAddr()).min(Comparator.naturalOrder()).orElseThrow();
            for (SimTree t : comp) {
                if (!t.tree.root().equals(min)) return t.node + " root " + t.tree.root() + ", component min " + min;
                if (t.tree.isRoot()) continue;
                SimTree p = byAddr(trees, t.tree.parent());
                if (!t.node.isLinkedTo(p.node)) return t.node + " parent " + p.node + " not linked";
                if (!t.tree.coords().equals(Coords.child(t.node.nodeAddr(), p.tree.coords()))) {
                    return t.node + " coords " + t.tree.coords() + " != self + " + p.tree.coords();
                }
            }
        }
        return null;
    }

    private static boolean converged(List<SimTree> trees) {
        return components(trees).size() == 1 && treeProblem(trees) == null;
    }

    @Test
    @DisplayName("INTEROP.md 5.2 over LinkCore: chain A—B—C agrees on the smallest root; C's coordinates pass through B")
    void chainOfThree() {
        Simulation sim = Simulation.builder(0x7ee_0003L).nodes(3).conditions(NetConditions.latency(10)).build();
        List<SimTree> trees = trees(sim);
        List<SimNode> byAddr = new ArrayList<>(sim.nodes());
        byAddr.sort(Comparator.comparing(SimNode::nodeAddr));
        SimNode a = byAddr.get(0), c = byAddr.get(1), b = byAddr.get(2);
        sim.network().connect(a, b, NetConditions.latency(10));
        sim.network().connect(b, c, NetConditions.latency(10));
        a.addPeer(b, true);
        b.addPeer(c, true);
        assertTrue(sim.runUntil(() -> converged(trees), 5_000), treeProblem(trees));
        sim.runUntil(300_000);
        assertNull(treeProblem(trees));
        for (SimTree t : trees) {
            assertEquals(a.nodeAddr(), t.tree.root());
        }
        assertEquals(Coords.of(c.nodeAddr(), b.nodeAddr(), a.nodeAddr()), byAddr(trees, c.nodeAddr()).tree.coords());
        assertEquals(List.of(), violations);
    }

    private static Simulation fiftyNodes(long seed, List<int[]> edges) {
        Random r = new Random(seed);
        Set<Long> have = new HashSet<>();
        for (int i = 1; i < 50; i++) {
            int j = r.nextInt(i);
            edges.add(new int[] {j, i});
            have.add((long) j << 32 | i);
        }
        while (edges.size() < 49 + 40) {
            int i = r.nextInt(50), j = r.nextInt(50);
            if (i != j && have.add((long) Math.min(i, j) << 32 | Math.max(i, j))) {
                edges.add(new int[] {Math.min(i, j), Math.max(i, j)});
            }
        }
        SimBuilder b = Simulation.builder(seed).nodes(50).conditions(NetConditions.DEFAULT.withLatency(5, 20));
        for (int[] e : edges) b.edge(e[0], e[1]);
        return b.dialAlongEdges().build();
    }

    @Test
    @DisplayName("INTEROP.md 5.2 over LinkCore: a 50-node random mesh converges to the smallest root; partitioned root → the rest re-elects; healed → one tree")
    void fiftyNodesPartitionAndMerge() {
        Simulation sim = fiftyNodes(0x7ee_0050L, new ArrayList<>());
        List<SimTree> trees = trees(sim);
        assertTrue(sim.runUntil(() -> converged(trees), 30_000), treeProblem(trees));
        long convergedMs = sim.nowMs();
        SimTree root = trees.stream().min(Comparator.comparing(t -> t.node.nodeAddr())).orElseThrow();
        for (SimTree t : trees) {
            assertEquals(root.node.nodeAddr(), t.tree.root());
        }
        sim.runUntil(sim.nowMs() + 120_000);
        assertNull(treeProblem(trees));

        // Cut every wire of the root: links die after the dead timeout, the rest re-elects.
        long cutMs = sim.nowMs();
        sim.network().partition(root.node);
        assertTrue(sim.runUntil(() -> root.node.core().links().isEmpty()
                && trees.stream().noneMatch(t -> t.node.isLinkedTo(root.node))
                && treeProblem(trees) == null, cutMs + 120_000), treeProblem(trees));
        long reelectMs = sim.nowMs() - cutMs;
        sim.runUntil(sim.nowMs() + 60_000);
        assertNull(treeProblem(trees));
        for (Set<SimTree> comp : components(trees)) {
            NodeAddr min = comp.stream().map(t -> t.node.nodeAddr()).min(Comparator.naturalOrder()).orElseThrow();
            for (SimTree t : comp) assertEquals(min, t.tree.root());
        }
        assertTrue(root.tree.isRoot());

        // Heal: the link layer redials, the smallest root wins everywhere.
        long healMs = sim.nowMs();
        sim.network().healAll();
        assertTrue(sim.runUntil(() -> converged(trees) && trees.get(0).tree.root().equals(root.node.nodeAddr()),
                healMs + 600_000), treeProblem(trees));
        for (SimTree t : trees) {
            assertEquals(root.node.nodeAddr(), t.tree.root());
        }
        assertEquals(List.of(), violations);
        assertTrue(convergedMs <= 10_000, "converged at " + convergedMs + " ms");
        // The dead timeout (30 s, INTEROP.md 3.6) plus the re-election.
        assertTrue(reelectMs <= 75_000, "re-elected " + reelectMs + " ms after the cut");
        for (SimNode n : sim.nodes()) assertEquals(0, n.spinPolls(), n.name());
    }
}
