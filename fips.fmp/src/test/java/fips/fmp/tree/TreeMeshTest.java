package fips.fmp.tree;

import static fips.fmp.tree.TreeFixtures.T0_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Many tree cores wired together on a virtual clock ({@link TreeMesh}):
 * convergence, partition and merge (design/spanning-tree-dynamics.md
 * sections 4 and 6; INTEROP.md 5.2). Every test also checks, after every
 * call into every core, that no node keeps a parent whose ancestry contains
 * it.
 */
class TreeMeshTest {

    private static int smallest(TreeMesh m, Iterable<Integer> nodes) {
        int best = -1;
        for (int i : nodes) {
            if (best < 0 || m.addr(i).compareTo(m.addr(best)) < 0) best = i;
        }
        return best;
    }

    /** One component (every link up) forming one valid tree. */
    private static boolean converged(TreeMesh m) {
        return m.components().size() == 1 && m.treeProblem() == null;
    }

    private static List<Integer> all(TreeMesh m) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < m.cores.length; i++) l.add(i);
        return l;
    }

    @Test
    @DisplayName("design/spanning-tree-dynamics.md 4 \"Three nodes\": chain A—B—C agrees on the smallest root; C's coordinates pass through B")
    void chainOfThree() {
        TreeMesh m = new TreeMesh(3, 3, TreeConfig.defaults(), T0_MS, 10, 0);
        // Name the nodes so that A (an end) is the smallest and C (the other end) the middle one.
        List<Integer> byAddr = new ArrayList<>(all(m));
        byAddr.sort((x, y) -> m.addr(x).compareTo(m.addr(y)));
        int a = byAddr.get(0), c = byAddr.get(1), b = byAddr.get(2);
        m.linkUpAt(T0_MS, a, b);
        m.linkUpAt(T0_MS, b, c);
        assertTrue(m.runUntil(() -> converged(m), T0_MS + 5_000), m.treeProblem());
        long convergedMs = m.nowMs() - T0_MS;
        m.runUntil(T0_MS + 300_000);
        assertNull(m.treeProblem());
        for (TreeCore core : m.cores) {
            assertEquals(m.addr(a), core.root());
        }
        assertEquals(Coords.of(m.addr(c), m.addr(b), m.addr(a)), m.cores[c].coords());
        assertEquals(Coords.of(m.addr(b), m.addr(a)), m.cores[b].coords());
        assertTrue(m.cores[b].isTreePeer(m.addr(c)));
        assertTrue(m.cores[a].isTreePeer(m.addr(b)));
        // b's switch to a reaches c one 500 ms rate-limit gap after b's first announce (INTEROP.md 5.4).
        assertTrue(convergedMs <= 1_000, "converged after " + convergedMs + " ms");
        assertEquals(List.of(), m.violations());
    }

    /** A random connected graph: a random spanning tree plus {@code extra} random edges. */
    private static List<int[]> randomGraph(int n, int extra, long seed) {
        Random r = new Random(seed);
        List<int[]> edges = new ArrayList<>();
        java.util.Set<Long> have = new java.util.HashSet<>();
        for (int i = 1; i < n; i++) {
            int j = r.nextInt(i);
            edges.add(new int[] {i, j});
            have.add((long) Math.min(i, j) << 32 | Math.max(i, j));
        }
        while (edges.size() < n - 1 + extra) {
            int i = r.nextInt(n), j = r.nextInt(n);
            if (i != j && have.add((long) Math.min(i, j) << 32 | Math.max(i, j))) {
                edges.add(new int[] {i, j});
            }
        }
        return edges;
    }

    private static TreeMesh fiftyNodeMesh(long seed) {
        TreeMesh m = new TreeMesh(50, seed, TreeConfig.defaults(), T0_MS, 5, 25);
        Random r = new Random(seed + 1);
        for (int[] e : randomGraph(50, 40, seed)) {
            m.linkUpAt(T0_MS + r.nextInt(2_000), e[0], e[1]); // links come up over two seconds
        }
        return m;
    }

    private static void assertValidTree(TreeMesh m) {
        assertNull(m.treeProblem());
        for (int i = 0; i < m.cores.length; i++) {
            assertNull(m.pathProblem(i));
        }
    }

    @Test
    @DisplayName("INTEROP.md 5.2: a 50-node random connected mesh converges to the smallest root, every node's coordinates a live path to it")
    void fiftyNodesConverge() {
        TreeMesh m = fiftyNodeMesh(50);
        assertTrue(m.runUntil(() -> converged(m), T0_MS + 30_000), m.treeProblem());
        long convergedMs = m.nowMs() - T0_MS;
        int root = smallest(m, all(m));
        for (TreeCore c : m.cores) {
            assertEquals(m.addr(root), c.root());
        }
        assertValidTree(m);
        // And it stays so through periodic re-evaluations.
        m.runUntil(T0_MS + 600_000);
        assertValidTree(m);
        assertEquals(List.of(), m.violations());
        assertTrue(convergedMs <= 10_000, "converged after " + convergedMs + " ms");
    }

    @Test
    @DisplayName("design/spanning-tree-dynamics.md 6: the root's links cut → each remaining part re-elects its smallest; healed → one tree under the global smallest")
    void partitionAndMerge() {
        TreeMesh m = fiftyNodeMesh(51);
        assertTrue(m.runUntil(() -> converged(m), T0_MS + 30_000), m.treeProblem());
        m.runUntil(m.nowMs() + 10_000);
        int root = smallest(m, all(m));
        List<Integer> rootPeers = m.neighbours(root);

        long cutMs = m.nowMs();
        for (int p : rootPeers) {
            m.linkDown(root, p);
        }
        assertTrue(m.runUntil(() -> m.treeProblem() == null, cutMs + 120_000), m.treeProblem());
        long reelectMs = m.nowMs() - cutMs;
        assertEquals(Set.of(root), m.components().stream().filter(s -> s.contains(root)).findFirst().orElseThrow());
        for (Set<Integer> comp : m.components()) {
            int min = smallest(m, comp);
            for (int i : comp) {
                assertEquals(m.addr(min), m.cores[i].root());
            }
        }
        assertTrue(m.cores[root].isRoot());
        m.runUntil(m.nowMs() + 120_000);
        assertValidTree(m);

        long healMs = m.nowMs();
        for (int p : rootPeers) {
            m.linkUpAt(healMs, root, p);
        }
        assertTrue(m.runUntil(() -> m.treeProblem() == null && m.cores[0].root().equals(m.addr(root)),
                healMs + 30_000), m.treeProblem());
        long mergeMs = m.nowMs() - healMs;
        for (TreeCore c : m.cores) {
            assertEquals(m.addr(root), c.root());
        }
        m.runUntil(m.nowMs() + 120_000);
        assertValidTree(m);
        assertEquals(List.of(), m.violations());
        assertTrue(reelectMs <= 30_000, "re-elected after " + reelectMs + " ms");
        assertTrue(mergeMs <= 5_000, "merged after " + mergeMs + " ms");
    }

    @Test
    @DisplayName("INTEROP.md 5.2 \"Loop\": churn of random links never leaves a node under a parent whose ancestry contains it")
    void churnKeepsLoopInvariant() {
        TreeMesh m = fiftyNodeMesh(52);
        List<int[]> edges = randomGraph(50, 40, 52);
        Random r = new Random(520);
        m.runUntil(T0_MS + 10_000);
        for (int round = 0; round < 40; round++) {
            int[] e = edges.get(r.nextInt(edges.size()));
            long t = m.nowMs();
            if (m.isUp(e[0], e[1])) {
                m.linkDown(e[0], e[1]);
            } else {
                m.linkUpAt(t, e[0], e[1]);
            }
            m.runUntil(t + r.nextInt(3_000));
        }
        for (int[] e : edges) {
            m.linkUpAt(m.nowMs(), e[0], e[1]);
        }
        assertTrue(m.runUntil(() -> m.treeProblem() == null && m.components().size() == 1
                && m.cores[0].root().equals(m.addr(smallest(m, all(m)))), m.nowMs() + 180_000), m.treeProblem());
        assertValidTree(m);
        assertEquals(List.of(), m.violations());
        NodeAddr root = m.addr(smallest(m, all(m)));
        for (TreeCore c : m.cores) {
            assertEquals(root, c.root());
        }
    }
}
