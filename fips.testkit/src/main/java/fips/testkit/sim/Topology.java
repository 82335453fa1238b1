package fips.testkit.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An undirected graph of {@code nodes} vertices (indices {@code 0..nodes-1})
 * and its edges, each once with {@code a < b}, in the order they were made:
 * the wires of a simulated mesh. Generators are deterministic functions of
 * their {@link Random}. Immutable; neighbour lists are built once (compressed
 * rows), so a breadth-first search allocates only its distance array.
 */
public final class Topology {
    private final String name;
    private final int nodes;
    private final int[] edgeA;
    private final int[] edgeB;
    private final int[] rowStart; // neighbours of v: adj[rowStart[v] .. rowStart[v+1])
    private final int[] adj;

    private Topology(String name, int nodes, int[] edgeA, int[] edgeB) {
        this.name = name;
        this.nodes = nodes;
        this.edgeA = edgeA;
        this.edgeB = edgeB;
        int[] degree = new int[nodes];
        for (int i = 0; i < edgeA.length; i++) {
            degree[edgeA[i]]++;
            degree[edgeB[i]]++;
        }
        rowStart = new int[nodes + 1];
        for (int v = 0; v < nodes; v++) rowStart[v + 1] = rowStart[v] + degree[v];
        adj = new int[rowStart[nodes]];
        int[] fill = Arrays.copyOf(rowStart, nodes);
        for (int i = 0; i < edgeA.length; i++) {
            adj[fill[edgeA[i]]++] = edgeB[i];
            adj[fill[edgeB[i]]++] = edgeA[i];
        }
    }

    /** Collects edges, refusing self-loops and (silently) duplicates. */
    private static final class Edges {
        final int nodes;
        final Set<Long> seen = new HashSet<>();
        int[] a = new int[16];
        int[] b = new int[16];
        int size;

        Edges(int nodes) {
            this.nodes = nodes;
        }

        /** Adds a–b; false if it was already there. */
        boolean add(int x, int y) {
            if (x == y || x < 0 || y < 0 || x >= nodes || y >= nodes) {
                throw new IllegalArgumentException("edge " + x + "-" + y + " is not between two of " + nodes + " nodes");
            }
            int lo = Math.min(x, y), hi = Math.max(x, y);
            if (!seen.add((long) lo << 32 | hi)) {
                return false;
            }
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
            }
            a[size] = lo;
            b[size] = hi;
            size++;
            return true;
        }

        Topology build(String name) {
            return new Topology(name, nodes, Arrays.copyOf(a, size), Arrays.copyOf(b, size));
        }
    }

    // ------------------------------------------------------------- generators

    /** A graph given by its edges, {@code {a, b}} pairs of indices below {@code nodes}; a repeated edge counts once. */
    public static Topology of(String name, int nodes, int[]... edges) {
        requireNodes(nodes, 1);
        Edges e = new Edges(nodes);
        for (int[] p : edges) {
            if (p.length != 2) throw new IllegalArgumentException("edge " + java.util.Arrays.toString(p) + " is not a pair");
            e.add(p[0], p[1]);
        }
        return e.build(name);
    }

    /** 0-1-2-...-(n-1)-0; n = 2 is one edge. */
    public static Topology ring(int n) {
        requireNodes(n, 2);
        Edges e = new Edges(n);
        for (int i = 0; i + 1 < n; i++) e.add(i, i + 1);
        if (n > 2) e.add(n - 1, 0);
        return e.build("ring");
    }

    /**
     * A grid of {@code ceil(sqrt(n))} columns filled row by row, each node
     * joined to its right and lower neighbours: √N×√N when n is a square, a
     * shorter last row otherwise (still connected).
     */
    public static Topology grid(int n) {
        requireNodes(n, 2);
        int cols = (int) Math.ceil(Math.sqrt(n));
        Edges e = new Edges(n);
        for (int i = 0; i < n; i++) {
            if ((i + 1) % cols != 0 && i + 1 < n) e.add(i, i + 1);
            if (i + cols < n) e.add(i, i + cols);
        }
        return e.build("grid");
    }

    /**
     * Barabási–Albert preferential attachment with {@code m} edges per new
     * node: a clique of {@code m + 1} nodes, then each node joins {@code m}
     * distinct existing nodes drawn with probability proportional to degree.
     */
    public static Topology scaleFree(int n, int m, Random rng) {
        if (m < 1) throw new IllegalArgumentException("m=" + m + " must be >= 1");
        requireNodes(n, m + 1);
        Edges e = new Edges(n);
        // Every edge end once: drawing a uniform entry is drawing a node by degree.
        int[] ends = new int[2 * (m * (m + 1) / 2 + (n - m - 1) * m)];
        int endCount = 0;
        for (int i = 0; i <= m; i++) {
            for (int j = i + 1; j <= m; j++) {
                e.add(i, j);
                ends[endCount++] = i;
                ends[endCount++] = j;
            }
        }
        int[] chosen = new int[m];
        for (int v = m + 1; v < n; v++) {
            int c = 0;
            while (c < m) {
                int t = ends[rng.nextInt(endCount)];
                boolean dup = false;
                for (int k = 0; k < c; k++) dup |= chosen[k] == t;
                if (!dup) chosen[c++] = t;
            }
            for (int k = 0; k < m; k++) {
                e.add(v, chosen[k]);
                ends[endCount++] = v;
                ends[endCount++] = chosen[k];
            }
        }
        return e.build("scale-free");
    }

    /**
     * Random geometric graph: {@code n} points uniform in the unit square,
     * joined when closer than a radius. The radius starts at
     * {@code sqrt(1.5 ln n / (π n))} (1.5 times the connectivity threshold's
     * area) and grows by 10% until the graph is connected; the points stay.
     * The radius used is in {@link #name()}.
     */
    public static Topology geometric(int n, Random rng) {
        requireNodes(n, 2);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            y[i] = rng.nextDouble();
        }
        double r = Math.sqrt(1.5 * Math.log(n) / (Math.PI * n));
        while (true) {
            Topology t = geometric(n, x, y, r);
            if (t.components() == 1) return t;
            r *= 1.1;
        }
    }

    private static Topology geometric(int n, double[] x, double[] y, double r) {
        int cells = Math.max(1, (int) Math.floor(1.0 / r));
        List<List<Integer>> grid = new ArrayList<>(cells * cells);
        for (int i = 0; i < cells * cells; i++) grid.add(new ArrayList<>());
        for (int i = 0; i < n; i++) grid.get(cell(x[i], cells) * cells + cell(y[i], cells)).add(i);
        Edges e = new Edges(n);
        double r2 = r * r;
        for (int i = 0; i < n; i++) {
            int cx = cell(x[i], cells), cy = cell(y[i], cells);
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    int gx = cx + dx, gy = cy + dy;
                    if (gx < 0 || gy < 0 || gx >= cells || gy >= cells) continue;
                    for (int j : grid.get(gx * cells + gy)) {
                        if (j <= i) continue;
                        double ddx = x[i] - x[j], ddy = y[i] - y[j];
                        if (ddx * ddx + ddy * ddy <= r2) e.add(i, j);
                    }
                }
            }
        }
        return e.build(String.format(java.util.Locale.ROOT, "geometric(r=%.4f)", r));
    }

    private static int cell(double v, int cells) {
        return Math.min(cells - 1, (int) (v * cells));
    }

    /**
     * Edges from a text file, one {@code a b} pair of node indices per line;
     * blank lines and {@code #} comments are skipped, a repeated edge is
     * counted once.
     *
     * @param nodes the node count, or 0 for the largest index + 1
     * @throws IllegalArgumentException naming the file and line of a bad line, a self-loop, an index
     *     outside {@code 0..nodes-1}, or a file without edges
     */
    public static Topology fromFile(Path file, int nodes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<int[]> pairs = new ArrayList<>();
        int max = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("[\\s,]+");
            String where = file + ":" + (ln + 1) + ": ";
            if (f.length != 2) {
                throw new IllegalArgumentException(where + "expected two node indices 'a b', got '" + lines.get(ln).strip() + "'");
            }
            int a, b;
            try {
                a = Integer.parseInt(f[0]);
                b = Integer.parseInt(f[1]);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(where + "node indices must be integers, got '" + line + "'");
            }
            if (a < 0 || b < 0) throw new IllegalArgumentException(where + "node indices must be >= 0, got '" + line + "'");
            if (a == b) throw new IllegalArgumentException(where + "self-loop " + a + "-" + b);
            if (nodes > 0 && Math.max(a, b) >= nodes) {
                throw new IllegalArgumentException(where + "index " + Math.max(a, b) + " is not below --nodes " + nodes);
            }
            max = Math.max(max, Math.max(a, b));
            pairs.add(new int[] {a, b});
        }
        if (pairs.isEmpty()) throw new IllegalArgumentException(file + ": no edges");
        int n = nodes > 0 ? nodes : max + 1;
        Edges e = new Edges(n);
        for (int[] p : pairs) e.add(p[0], p[1]);
        return e.build("file:" + file.getFileName());
    }

    private static void requireNodes(int n, int min) {
        if (n < min) throw new IllegalArgumentException("nodes=" + n + " must be >= " + min);
    }

    // ------------------------------------------------------------- queries

    /** {@code ring}, {@code grid}, {@code scale-free}, {@code geometric(r=...)} or {@code file:<name>}. */
    public String name() {
        return name;
    }

    public int nodes() {
        return nodes;
    }

    public int edges() {
        return edgeA.length;
    }

    /** The smaller end of edge {@code i}. */
    public int edgeA(int i) {
        return edgeA[i];
    }

    /** The larger end of edge {@code i}. */
    public int edgeB(int i) {
        return edgeB[i];
    }

    public int degree(int v) {
        return rowStart[v + 1] - rowStart[v];
    }

    public int neighbour(int v, int k) {
        return adj[rowStart[v] + k];
    }

    /** Hop counts from {@code src} to every node, -1 where unreachable. */
    public int[] distancesFrom(int src) {
        int[] d = new int[nodes];
        Arrays.fill(d, -1);
        int[] queue = new int[nodes];
        int head = 0, tail = 0;
        d[src] = 0;
        queue[tail++] = src;
        while (head < tail) {
            int v = queue[head++];
            for (int k = rowStart[v]; k < rowStart[v + 1]; k++) {
                int w = adj[k];
                if (d[w] < 0) {
                    d[w] = d[v] + 1;
                    queue[tail++] = w;
                }
            }
        }
        return d;
    }

    /** Component number of every node (0, 1, ... in order of each component's lowest index). */
    public int[] componentOf() {
        int[] c = new int[nodes];
        Arrays.fill(c, -1);
        int next = 0;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int s = 0; s < nodes; s++) {
            if (c[s] >= 0) continue;
            c[s] = next;
            q.add(s);
            while (!q.isEmpty()) {
                int v = q.poll();
                for (int k = rowStart[v]; k < rowStart[v + 1]; k++) {
                    if (c[adj[k]] < 0) {
                        c[adj[k]] = next;
                        q.add(adj[k]);
                    }
                }
            }
            next++;
        }
        return c;
    }

    public int components() {
        int max = -1;
        for (int c : componentOf()) max = Math.max(max, c);
        return max + 1;
    }

    @Override
    public String toString() {
        return name + " nodes=" + nodes + " edges=" + edges();
    }
}
