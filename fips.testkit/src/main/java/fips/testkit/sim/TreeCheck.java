package fips.testkit.sim;

import fips.fmp.link.PeerLink;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.testkit.SimMesh;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the spanning tree of a simulation of mesh nodes is consistent
 * (INTEROP.md 5.2, 5.3): in every connected component of established links
 * all nodes name the component's smallest NodeAddr as root, and every other
 * node's coordinates are itself followed by its parent's, the parent being a
 * peer with an established link. Stopped nodes are left out. One pass over
 * the nodes and their links: O(nodes × depth + links).
 */
public final class TreeCheck {
    private TreeCheck() {}

    /** Null if the tree is consistent, else the first problem found (for assertion messages). */
    public static String problem(Simulation sim) {
        List<SimNode> nodes = sim.nodes();
        int n = nodes.size();
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        Map<Integer, NodeAddr> minOf = new HashMap<>();
        ArrayDeque<SimNode> q = new ArrayDeque<>();
        int next = 0;
        for (SimNode s : nodes) {
            if (s.isStopped() || comp[s.index()] >= 0) continue;
            int c = next++;
            comp[s.index()] = c;
            NodeAddr min = s.nodeAddr();
            q.add(s);
            while (!q.isEmpty()) {
                SimNode v = q.poll();
                if (v.nodeAddr().compareTo(min) < 0) min = v.nodeAddr();
                for (PeerLink l : v.core().links()) {
                    SimNode w = sim.node(l.nodeAddr());
                    if (w != null && !w.isStopped() && comp[w.index()] < 0 && w.isLinkedTo(v)) {
                        comp[w.index()] = c;
                        q.add(w);
                    }
                }
            }
            minOf.put(c, min);
        }
        for (SimNode v : nodes) {
            if (v.isStopped()) continue;
            SimMesh m = v.mesh();
            NodeAddr want = minOf.get(comp[v.index()]);
            if (!m.root().equals(want)) {
                return v.name() + " root " + m.root().toHex().substring(0, 8) + ", component minimum "
                        + want.toHex().substring(0, 8);
            }
            if (m.isRoot()) continue;
            SimNode p = sim.node(m.parent());
            if (p == null || !v.isLinkedTo(p)) {
                return v.name() + " parent " + m.parent().toHex().substring(0, 8) + " not linked";
            }
            Coords mine = m.coords(), theirs = p.mesh().coords();
            if (!mine.equals(Coords.child(v.nodeAddr(), theirs))) {
                return v.name() + " coords " + mine + " are not self + parent " + p.name() + " " + theirs;
            }
        }
        return null;
    }
}
