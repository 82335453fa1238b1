package fips.testkit.mesh;

import fips.fmp.mesh.MeshConfig;
import fips.fmp.route.RouteOutcome;
import fips.testkit.NetConditions;
import fips.testkit.SessionProbe;
import fips.testkit.SimBuilder;
import fips.testkit.SimMesh;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import fips.testkit.sim.Topology;
import fips.testkit.sim.TreeCheck;

/**
 * A mesh of MeshCore nodes on a {@link Topology} (wires of {@value #LATENCY_MS} ms,
 * lower index dials higher) and the few steps the adversarial mesh tests share:
 * waiting for convergence, and one lookup plus one SessionDatagram between two nodes.
 */
final class MeshScenario {
    static final long LATENCY_MS = 10;

    final Topology topo;
    final Simulation sim;

    MeshScenario(Topology topo, long seed) {
        this.topo = topo;
        SimBuilder b = Simulation.builder(seed).nodes(topo.nodes()).mesh(MeshConfig.defaults())
                .conditions(NetConditions.latency(LATENCY_MS));
        for (int i = 0; i < topo.edges(); i++) b.edge(topo.edgeA(i), topo.edgeB(i));
        this.sim = b.dialAlongEdges().build();
    }

    SimNode node(int i) {
        return sim.node(i);
    }

    /** Every edge of the topology whose ends are both running has an established link. */
    boolean allLinked() {
        for (int i = 0; i < topo.edges(); i++) {
            SimNode a = sim.node(topo.edgeA(i)), b = sim.node(topo.edgeB(i));
            if (a.isStopped() || b.isStopped()) continue;
            if (!a.isLinkedTo(b) || !b.isLinkedTo(a)) return false;
        }
        return true;
    }

    long lastCoordsChangeMs() {
        long m = Long.MIN_VALUE;
        for (SimNode n : sim.nodes()) m = Math.max(m, n.mesh().lastCoordsChangeMs());
        return m;
    }

    long coordsChanges() {
        long c = 0;
        for (SimNode n : sim.nodes()) c += n.mesh().coordsChanges();
        return c;
    }

    /**
     * Runs in 1 s steps until all links are up, {@link TreeCheck} passes and no
     * coordinates changed for {@code stableMs}; false if that is not so by
     * {@code limitMs} from now.
     */
    boolean converge(long stableMs, long limitMs) {
        long from = sim.nowMs();
        while (sim.nowMs() < from + limitMs) {
            sim.runFor(1_000);
            if (sim.nowMs() - Math.max(from, lastCoordsChangeMs()) >= stableMs && allLinked()
                    && TreeCheck.problem(sim) == null) {
                return true;
            }
        }
        return false;
    }

    /** What became of one lookup and datagram. */
    record Probe(SimMesh.LookupResult lookup, int sendOutcome, boolean delivered) {
        boolean ok() {
            return lookup != null && lookup.succeeded() && delivered;
        }
    }

    /**
     * {@code src} looks {@code dst} up; on success it sends one SessionSetup
     * probe. Runs the simulation until the lookup finished (at most its 15 s of
     * attempts) and then 2 s for the datagram.
     */
    Probe probe(SimNode src, SimNode dst, long tag) {
        int before = src.mesh().lookups().size();
        long receivedBefore = countTag(dst, tag);
        src.mesh().lookup(dst);
        sim.runUntil(() -> src.mesh().lookups().size() > before, sim.nowMs() + 16_000);
        if (src.mesh().lookups().size() == before) return new Probe(null, -1, false);
        SimMesh.LookupResult r = src.mesh().lookups().get(before);
        if (!r.succeeded()) return new Probe(r, -1, false);
        int out = src.mesh().sendDatagram(dst, SessionProbe.sessionSetup(src.mesh().coords(), r.coords(), tag));
        sim.runFor(2_000);
        return new Probe(r, out, out == RouteOutcome.FORWARDED && countTag(dst, tag) > receivedBefore);
    }

    private static long countTag(SimNode dst, long tag) {
        long n = 0;
        for (SimMesh.Datagram d : dst.mesh().datagrams()) {
            if (SessionProbe.tag(d.payload(), 0, d.payload().length) == tag) n++;
        }
        return n;
    }
}
