package fips.fmp.tree;

import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node's tree coordinates: the NodeAddrs from the node itself up to the
 * root (design/fips-spanning-tree.md "Coordinate Computation"; INTEROP.md
 * 5.3). Immutable. Held as pairs of longs so that the per-packet distance
 * computation of the forwarding path allocates nothing.
 */
public final class Coords {
    private final long[] words; // 2 per entry: hi, lo; index 0 = self, last = root

    private Coords(long[] words) {
        this.words = words;
    }

    public static Coords of(List<NodeAddr> selfToRoot) {
        if (selfToRoot.isEmpty()) {
            throw new IllegalArgumentException("coordinates need at least the node itself");
        }
        long[] w = new long[selfToRoot.size() * 2];
        for (int i = 0; i < selfToRoot.size(); i++) {
            w[2 * i] = selfToRoot.get(i).hi();
            w[2 * i + 1] = selfToRoot.get(i).lo();
        }
        return new Coords(w);
    }

    public static Coords of(NodeAddr... selfToRoot) {
        return of(Arrays.asList(selfToRoot));
    }

    /** Coordinates of a root: just itself. */
    public static Coords root(NodeAddr self) {
        return new Coords(new long[] {self.hi(), self.lo()});
    }

    /** {@code self} prepended to a parent's coordinates. */
    public static Coords child(NodeAddr self, Coords parent) {
        long[] w = new long[parent.words.length + 2];
        w[0] = self.hi();
        w[1] = self.lo();
        System.arraycopy(parent.words, 0, w, 2, parent.words.length);
        return new Coords(w);
    }

    /** Number of entries (depth + 1). */
    public int length() {
        return words.length / 2;
    }

    /** Depth: 0 for the root. */
    public int depth() {
        return length() - 1;
    }

    public NodeAddr get(int i) {
        return new NodeAddr(words[2 * i], words[2 * i + 1]);
    }

    public NodeAddr self() {
        return get(0);
    }

    public NodeAddr root() {
        return get(length() - 1);
    }

    public boolean rootEquals(Coords o) {
        int a = words.length, b = o.words.length;
        return words[a - 2] == o.words[b - 2] && words[a - 1] == o.words[b - 1];
    }

    /** True if {@code addr} is any entry (used for loop detection and cache pruning). */
    public boolean contains(NodeAddr addr) {
        long hi = addr.hi(), lo = addr.lo();
        for (int i = 0; i < words.length; i += 2) {
            if (words[i] == hi && words[i + 1] == lo) return true;
        }
        return false;
    }

    /**
     * Tree distance (INTEROP.md 5.5): hops from each node up to their lowest
     * common ancestor, summed; {@link Integer#MAX_VALUE} for different roots.
     * No allocation.
     */
    public int distanceTo(Coords o) {
        if (!rootEquals(o)) {
            return Integer.MAX_VALUE;
        }
        int a = words.length - 2, b = o.words.length - 2;
        int common = 0;
        while (a >= 0 && b >= 0 && words[a] == o.words[b] && words[a + 1] == o.words[b + 1]) {
            common++;
            a -= 2;
            b -= 2;
        }
        int lca = common - 1; // depth of the lowest common ancestor
        return (depth() - lca) + (o.depth() - lca);
    }

    public List<NodeAddr> toList() {
        List<NodeAddr> l = new ArrayList<>(length());
        for (int i = 0; i < length(); i++) l.add(get(i));
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coords c && Arrays.equals(words, c.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < length(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(get(i).toHex(), 0, 8);
        }
        return sb.append(']').toString();
    }
}
