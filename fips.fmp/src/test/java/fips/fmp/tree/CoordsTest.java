package fips.fmp.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.identity.NodeAddr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tree distance (INTEROP.md 5.5; design/fips-spanning-tree.md "Tree Distance"). */
class CoordsTest {
    private static final NodeAddr R = new NodeAddr(0, 1);
    private static final NodeAddr P = new NodeAddr(0, 2);
    private static final NodeAddr Q = new NodeAddr(0, 3);
    private static final NodeAddr A = new NodeAddr(0, 4);
    private static final NodeAddr B = new NodeAddr(0, 5);
    private static final NodeAddr C = new NodeAddr(0, 6);
    private static final NodeAddr R2 = new NodeAddr(0, 7);

    @Test
    @DisplayName("INTEROP.md 5.5: siblings are 2 apart, parent and child 1, a node 0 from itself")
    void siblingsParentChild() {
        Coords a = Coords.of(A, P, R);
        Coords b = Coords.of(B, P, R);
        Coords p = Coords.of(P, R);
        assertEquals(2, a.distanceTo(b));
        assertEquals(2, b.distanceTo(a));
        assertEquals(1, a.distanceTo(p));
        assertEquals(1, p.distanceTo(a));
        assertEquals(0, a.distanceTo(Coords.of(A, P, R)));
    }

    @Test
    @DisplayName("INTEROP.md 5.5: different roots are infinitely far (Integer.MAX_VALUE)")
    void differentRoots() {
        assertEquals(Integer.MAX_VALUE, Coords.of(A, P, R).distanceTo(Coords.of(B, P, R2)));
        assertEquals(Integer.MAX_VALUE, Coords.root(R).distanceTo(Coords.root(R2)));
    }

    @Test
    @DisplayName("INTEROP.md 5.5: (depth_a − lca) + (depth_b − lca), the design document's [A,X,Y,Root] / [B,Z,Y,Root] = 4")
    void formula() {
        // design/fips-spanning-tree.md "Tree Distance" example: common suffix [Y, Root].
        assertEquals(4, Coords.of(A, Q, C, R).distanceTo(Coords.of(B, P, C, R)));
        // Root to a depth-3 node: the root is the LCA.
        assertEquals(3, Coords.root(R).distanceTo(Coords.of(A, P, Q, R)));
        // Cousins under different children of the root: 2 + 2.
        assertEquals(4, Coords.of(A, P, R).distanceTo(Coords.of(B, Q, R)));
        // Uncle: [A, P, R] to [Q, R], LCA R at depth 0: 2 + 1.
        assertEquals(3, Coords.of(A, P, R).distanceTo(Coords.of(Q, R)));
    }
}
