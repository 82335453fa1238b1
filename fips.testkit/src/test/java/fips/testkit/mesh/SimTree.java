package fips.testkit.mesh;

import fips.fmp.link.LinkEvent;
import fips.fmp.link.PeerLink;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeAction;
import fips.fmp.tree.TreeConfig;
import fips.fmp.tree.TreeCore;
import fips.fmp.wire.LinkMsgType;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A {@link TreeCore} driven by one {@link SimNode}: link Up/Down events
 * become {@code onPeerUp}/{@code onPeerDown} (the key from the established
 * link), delivered TreeAnnounce bodies become {@code onAnnounce}, Send
 * actions go out through the node's LinkCore, and the core is polled at its
 * {@code nextDeadlineMs()} on the simulation's clock.
 *
 * <p>Sends are deferred to the end of the current simulation event, so
 * LinkCore is never re-entered from inside its own delivery callback. After
 * every call the loop invariant is checked (INTEROP.md 5.2 "Candidates",
 * "Loop"): no repeated NodeAddr in the coordinates, and the parent's accepted
 * ancestry does not contain the node.
 */
final class SimTree {
    final Simulation sim;
    final SimNode node;
    final TreeCore tree;
    private final List<String> violations;
    private long pollAtMs = Long.MAX_VALUE;

    SimTree(Simulation sim, SimNode node, TreeConfig cfg, List<String> violations) {
        this.sim = sim;
        this.node = node;
        this.violations = violations;
        this.tree = new TreeCore(node.identity(), cfg, new Random(sim.random().nextLong()), sim.nowMs());
        node.onEvent(e -> {
            switch (e) {
                case LinkEvent.Up u -> {
                    PeerLink link = node.core().peer(u.peer());
                    handle(tree.onPeerUp(u.peer(), link.publicKey(), sim.nowMs()));
                }
                case LinkEvent.Down d -> handle(tree.onPeerDown(d.peer(), sim.nowMs()));
                default -> { }
            }
        });
        node.onDeliver((at, from, msgType, buf, off, len, nowMs) -> {
            if (msgType == LinkMsgType.TREE_ANNOUNCE) {
                handle(tree.onAnnounce(from.nodeAddr(), buf, off, len, nowMs));
            }
        });
    }

    private void handle(List<TreeAction> actions) {
        for (TreeAction a : actions) {
            if (a instanceof TreeAction.Send s) {
                SimNode to = sim.node(s.peer());
                sim.at(sim.nowMs(), () -> {
                    if (!node.isStopped() && node.isLinkedTo(to)) {
                        node.send(to, s.msgType(), s.frame(), s.bodyOffset(), s.bodyLength());
                    }
                });
            }
        }
        checkLoopInvariant();
        long next = tree.nextDeadlineMs();
        if (next != Long.MAX_VALUE && next != pollAtMs) {
            pollAtMs = next;
            sim.at(Math.max(next, sim.nowMs()), () -> {
                if (pollAtMs == next) {
                    pollAtMs = Long.MAX_VALUE;
                    handle(tree.poll(sim.nowMs()));
                }
            });
        }
    }

    private void checkLoopInvariant() {
        Coords c = tree.coords();
        Set<Object> seen = new HashSet<>();
        for (int k = 0; k < c.length(); k++) {
            if (!seen.add(c.get(k))) {
                violations.add(sim.nowMs() + " " + node + " coords repeat " + c.get(k) + ": " + c);
            }
        }
        if (!tree.isRoot()) {
            Coords pc = tree.peerCoords(tree.parent());
            if (pc == null || pc.contains(tree.nodeAddr())) {
                violations.add(sim.nowMs() + " " + node + " parent " + tree.parent() + " with ancestry " + pc);
            }
        }
    }
}
