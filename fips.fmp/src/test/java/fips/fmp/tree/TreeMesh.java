package fips.fmp.tree;

import fips.identity.Identity;
import fips.identity.NodeAddr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A deterministic in-memory mesh of {@link TreeCore}s on a virtual clock:
 * links that come up and go down (each end told, as a link layer's Up/Down
 * would), announces delivered after a seeded latency as long as the link
 * they were sent on is still the same link, and each core polled at its
 * {@link TreeCore#nextDeadlineMs()}. fips.testkit's simulator cannot be used
 * from fips.fmp's own tests (it depends on fips.fmp), so this is the
 * tree-only equivalent; the same scenarios run over real LinkCores there.
 *
 * <p>After every call into a core it checks the loop invariant: the node's
 * coordinates hold each NodeAddr once, and its parent's accepted ancestry
 * does not contain it (INTEROP.md 5.2 "Candidates", "Loop").
 */
final class TreeMesh {
    private record Event(long atMs, long seq, Runnable action) {}

    private static final class Link {
        boolean up;
        int epoch;
    }

    private final Random rng;
    private final int minLatencyMs;
    private final int jitterMs;
    final List<Identity> ids;
    final TreeCore[] cores;
    private final long[] pollAt;
    private final PriorityQueue<Event> agenda =
            new PriorityQueue<>(Comparator.comparingLong(Event::atMs).thenComparingLong(Event::seq));
    private final Map<Long, Link> links = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long seq;
    private long nowMs;
    long announcesDelivered;
    long coordsChanges;

    TreeMesh(int n, long seed, TreeConfig cfg, long startMs, int minLatencyMs, int jitterMs) {
        this.rng = new Random(seed);
        this.minLatencyMs = minLatencyMs;
        this.jitterMs = jitterMs;
        this.nowMs = startMs;
        List<Identity> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(Identity.generate(rng));
        }
        this.ids = List.copyOf(l);
        this.cores = new TreeCore[n];
        this.pollAt = new long[n];
        for (int i = 0; i < n; i++) {
            cores[i] = new TreeCore(ids.get(i), cfg, new Random(rng.nextLong()), startMs);
            pollAt[i] = Long.MAX_VALUE;
        }
    }

    long nowMs() {
        return nowMs;
    }

    NodeAddr addr(int i) {
        return ids.get(i).nodeAddr();
    }

    int index(NodeAddr a) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).nodeAddr().equals(a)) return i;
        }
        throw new IllegalArgumentException("no node " + a);
    }

    List<String> violations() {
        return violations;
    }

    // ------------------------------------------------------------ topology

    private static long key(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    boolean isUp(int a, int b) {
        Link l = links.get(key(a, b));
        return l != null && l.up;
    }

    /** Brings the link a—b up at {@code atMs}: both ends get onPeerUp. */
    void linkUpAt(long atMs, int a, int b) {
        at(atMs, () -> {
            Link l = links.computeIfAbsent(key(a, b), k -> new Link());
            if (l.up) return;
            l.up = true;
            l.epoch++;
            call(a, cores[a].onPeerUp(addr(b), ids.get(b).publicKey(), nowMs));
            call(b, cores[b].onPeerUp(addr(a), ids.get(a).publicKey(), nowMs));
        });
    }

    /** Takes a—b down now: in-flight announces on it are lost; both ends get onPeerDown. */
    void linkDown(int a, int b) {
        Link l = links.get(key(a, b));
        if (l == null || !l.up) return;
        l.up = false;
        l.epoch++;
        call(a, cores[a].onPeerDown(addr(b), nowMs));
        call(b, cores[b].onPeerDown(addr(a), nowMs));
    }

    /** Neighbours over links that are up. */
    List<Integer> neighbours(int i) {
        List<Integer> n = new ArrayList<>();
        for (int j = 0; j < cores.length; j++) {
            if (j != i && isUp(i, j)) n.add(j);
        }
        return n;
    }

    /** The connected components over links that are up, each as a set of indices. */
    List<Set<Integer>> components() {
        List<Set<Integer>> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int s = 0; s < cores.length; s++) {
            if (!seen.add(s)) continue;
            Set<Integer> comp = new LinkedHashSet<>();
            Deque<Integer> q = new ArrayDeque<>(List.of(s));
            comp.add(s);
            while (!q.isEmpty()) {
                for (int j : neighbours(q.poll())) {
                    if (seen.add(j)) {
                        comp.add(j);
                        q.add(j);
                    }
                }
            }
            out.add(comp);
        }
        return out;
    }

    // ------------------------------------------------------------ running

    void at(long atMs, Runnable r) {
        agenda.add(new Event(Math.max(atMs, nowMs), seq++, r));
    }

    void runUntil(long ms) {
        while (!agenda.isEmpty() && agenda.peek().atMs() <= ms) {
            step();
        }
        nowMs = Math.max(nowMs, ms);
    }

    /** Runs until {@code cond} holds (checked after each event) or {@code limitMs}; the clock stops at the event that made it true. */
    boolean runUntil(BooleanSupplier cond, long limitMs) {
        while (!cond.getAsBoolean()) {
            if (agenda.isEmpty() || agenda.peek().atMs() > limitMs) {
                nowMs = Math.max(nowMs, limitMs);
                return cond.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        Event e = agenda.poll();
        nowMs = e.atMs();
        e.action().run();
    }

    private void call(int i, List<TreeAction> actions) {
        for (TreeAction a : actions) {
            switch (a) {
                case TreeAction.Send s -> send(i, index(s.peer()), s.frame());
                case TreeAction.CoordsChanged c -> coordsChanges++;
                case TreeAction.TreePeerChanged t -> { }
            }
        }
        checkLoopInvariant(i);
        long next = cores[i].nextDeadlineMs();
        if (next != Long.MAX_VALUE && next != pollAt[i]) {
            pollAt[i] = next;
            at(next, () -> {
                if (pollAt[i] == next) {
                    pollAt[i] = Long.MAX_VALUE;
                    call(i, cores[i].poll(nowMs));
                }
            });
        }
    }

    private void send(int from, int to, byte[] frame) {
        Link l = links.get(key(from, to));
        if (l == null || !l.up) {
            return; // the link layer would answer NO_LINK
        }
        int epoch = l.epoch;
        long arrive = nowMs + minLatencyMs + (jitterMs == 0 ? 0 : rng.nextInt(jitterMs + 1));
        at(arrive, () -> {
            if (l.up && l.epoch == epoch) {
                announcesDelivered++;
                call(to, cores[to].onAnnounce(addr(from), frame, 1, frame.length - 1, nowMs));
            }
        });
    }

    private void checkLoopInvariant(int i) {
        TreeCore c = cores[i];
        Coords co = c.coords();
        Set<NodeAddr> seen = new HashSet<>();
        for (int k = 0; k < co.length(); k++) {
            if (!seen.add(co.get(k))) {
                violations.add(nowMs + " node " + i + " coords repeat " + co.get(k) + ": " + co);
            }
        }
        if (!c.isRoot()) {
            Coords pc = c.peerCoords(c.parent());
            if (pc == null) {
                violations.add(nowMs + " node " + i + " parent " + c.parent() + " has no coords");
            } else if (pc.contains(c.nodeAddr())) {
                violations.add(nowMs + " node " + i + " kept parent " + c.parent() + " whose ancestry contains it: " + pc);
            }
        }
    }

    // ------------------------------------------------------------ checks

    /**
     * Null if every component agrees on its smallest NodeAddr as root and
     * every node's coordinates are itself followed by its parent's, the
     * parent a live neighbour; else what is wrong.
     */
    String treeProblem() {
        for (Set<Integer> comp : components()) {
            NodeAddr min = null;
            for (int i : comp) {
                if (min == null || addr(i).compareTo(min) < 0) min = addr(i);
            }
            for (int i : comp) {
                TreeCore c = cores[i];
                if (!c.root().equals(min)) {
                    return "node " + i + " root " + c.root() + ", component min " + min;
                }
                if (c.isRoot()) {
                    if (!c.coords().equals(Coords.root(addr(i)))) return "root " + i + " coords " + c.coords();
                    continue;
                }
                int p = index(c.parent());
                if (!isUp(i, p)) {
                    return "node " + i + " parent " + p + " is not a live neighbour";
                }
                if (!c.coords().equals(Coords.child(addr(i), cores[p].coords()))) {
                    return "node " + i + " coords " + c.coords() + " != self + parent's " + cores[p].coords();
                }
            }
        }
        return null;
    }

    /** Every consecutive pair of a node's coordinates is a live link, and it ends at the root. */
    String pathProblem(int i) {
        Coords c = cores[i].coords();
        for (int k = 0; k + 1 < c.length(); k++) {
            if (!isUp(index(c.get(k)), index(c.get(k + 1)))) {
                return "node " + i + " coords " + c + ": no link " + c.get(k) + "—" + c.get(k + 1);
            }
        }
        return null;
    }
}
