package fips.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.Drop;
import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.link.spi.TransportAddr;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulator itself: clock, agenda, wires and node lifecycle. */
class SimulationTest {

    private static Simulation pair(long seed, NetConditions c) {
        Simulation sim = Simulation.builder(seed).nodes(2).edge(0, 1, c).dial(0, 1).build();
        assertTrue(sim.runUntil(() -> sim.node(0).isLinkedTo(sim.node(1)) && sim.node(1).isLinkedTo(sim.node(0)), 1_000));
        return sim;
    }

    @Test
    @DisplayName("Agenda: events run in (time, insertion) order; the clock jumps to each; runUntil stops on a condition or at the limit")
    void agendaOrder() {
        Simulation sim = Simulation.builder(1).nodes(1).build();
        List<String> seen = new ArrayList<>();
        sim.at(100, () -> seen.add("x@" + sim.nowMs()));
        sim.at(50, () -> seen.add("y@" + sim.nowMs()));
        sim.at(100, () -> seen.add("z@" + sim.nowMs()));
        sim.at(100, () -> sim.at(100, () -> seen.add("w@" + sim.nowMs())));
        sim.runUntil(99);
        assertEquals(List.of("y@50"), seen);
        assertEquals(99, sim.nowMs());
        sim.runUntil(1_000);
        assertEquals(List.of("y@50", "x@100", "z@100", "w@100"), seen);
        assertEquals(1_000, sim.nowMs());

        sim.at(1_500, () -> seen.add("v"));
        assertTrue(sim.runUntil(() -> seen.size() == 5, 10_000));
        assertEquals(1_500, sim.nowMs());
        assertFalse(sim.runUntil(() -> false, 7_000));
        assertEquals(7_000, sim.nowMs());
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(6_000));
        assertThrows(IllegalArgumentException.class, () -> sim.at(6_000, () -> { }));

        int[] ticks = {0};
        Simulation.Periodic p = sim.every(8_000, 250, () -> ticks[0]++);
        sim.runUntil(9_000);
        assertEquals(5, ticks[0]); // 8000, 8250, 8500, 8750, 9000
        p.cancel();
        sim.runFor(10_000);
        assertEquals(5, ticks[0]);
    }

    @Test
    @DisplayName("Virtual time: an idle link for a simulated hour steps only at the cores' deadlines (heartbeats every 10 s, INTEROP.md 3.6)")
    void idleHourIsCheap() {
        Simulation sim = pair(2, NetConditions.DEFAULT);
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        sim.runUntil(3_600_000);
        // a came up at 20 ms, b at 10 ms; each heartbeats every 10 s (359 in the hour), and each
        // cutover it initiates sends one at once (announcing the new keys, INTEROP.md 3.8), which
        // restarts its 10 s heartbeat period: so between 359 and 359 + cutovers initiated.
        for (SimNode[] d : new SimNode[][] {{a, b}, {b, a}}) {
            long init = d[0].events(LinkEvent.Rekeyed.class).stream().filter(LinkEvent.Rekeyed::initiator).count();
            long frames = sim.network().direction(d[0], d[1]).stats().get(WireStats.Count.SENT, PacketKind.FRAME);
            assertTrue(frames > 359 && frames <= 359 + init, "frames=" + frames + " initiated=" + init);
        }
        int rekeys = a.events(LinkEvent.Rekeyed.class).size();
        assertTrue(rekeys >= 3600 / 135 - 1 && rekeys <= 3600 / 105 + 1, "rekeys=" + rekeys);
        assertTrue(sim.eventsRun() < 5_000, "events=" + sim.eventsRun());
        assertEquals(0, a.spinPolls() + b.spinPolls());
        assertTrue(a.isLinkedTo(b));
    }

    @Test
    @DisplayName("Wire: a message arrives exactly one latency after it is sent; jitter stays within [latency, latency + jitter]")
    void latencyAndJitter() {
        Simulation sim = pair(3, NetConditions.latency(37));
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        long t = sim.nowMs();
        assertTrue(a.send(b, SimNode.TEST_MSG_TYPE, new byte[] {1, 2, 3}) > 0);
        sim.runFor(100);
        SimNode.Delivery d = b.deliveries().get(0);
        assertEquals(t + 37, d.atMs());
        assertEquals(a, d.from());
        assertEquals(SimNode.TEST_MSG_TYPE, d.msgType());
        assertArrayEquals(new byte[] {1, 2, 3}, d.body());

        sim.network().wire(a, b).setConditions(NetConditions.latency(20).withLatency(20, 30));
        for (int i = 0; i < 200; i++) {
            sim.after(i, () -> {
                byte[] sentAt = new byte[8];
                for (int k = 0; k < 8; k++) sentAt[k] = (byte) (sim.nowMs() >>> (8 * k));
                a.send(b, SimNode.TEST_MSG_TYPE, sentAt);
            });
        }
        sim.runFor(1_000);
        long minDelay = Long.MAX_VALUE;
        long maxDelay = 0;
        for (SimNode.Delivery x : b.deliveries().subList(1, 201)) {
            long sentAt = 0;
            for (int k = 0; k < 8; k++) sentAt |= (x.body()[k] & 0xffL) << (8 * k);
            minDelay = Math.min(minDelay, x.atMs() - sentAt);
            maxDelay = Math.max(maxDelay, x.atMs() - sentAt);
        }
        assertEquals(20, minDelay);
        assertEquals(50, maxDelay);
        assertEquals(201, b.deliveredCount());
    }

    @Test
    @DisplayName("Wire: 10% loss; every packet is counted sent and then delivered or lost; the link layer loses nothing else")
    void lossIsCounted() {
        Simulation sim = pair(4, NetConditions.latency(5).withLoss(0.10));
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        Traffic t = Traffic.start(sim, a, b, 10);
        sim.runFor(20_000);
        t.stop();
        sim.runFor(1_000);
        WireStats s = sim.network().direction(a, b).stats();
        assertEquals(s.sent(), s.delivered() + s.lost());
        long lostData = s.get(WireStats.Count.LOST, PacketKind.DATA);
        assertTrue(lostData > 150 && lostData < 250, "lostData=" + lostData);
        assertEquals(2_000, t.sent());
        assertEquals(t.sent() - lostData, t.received());
    }

    @Test
    @DisplayName("Wire: every packet duplicated; the replay window (INTEROP.md 3.4) drops each copy, every message is delivered once")
    void duplicationMeetsTheReplayWindow() {
        Simulation sim = pair(5, NetConditions.latency(5));
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        SimWire.Direction ab = sim.network().direction(a, b);
        // Frames already sent while the link came up (the initiator's confirming heartbeat) were not duplicated.
        long sentBefore = ab.stats().get(WireStats.Count.SENT, PacketKind.DATA) + ab.stats().get(WireStats.Count.SENT, PacketKind.FRAME);
        ab.setConditions(NetConditions.latency(5).withLatency(5, 3).withDuplicate(1.0));
        Traffic t = Traffic.start(sim, a, b, 50);
        sim.runFor(30_000);
        t.stop();
        sim.runFor(1_000);
        assertEquals(600, t.sent());
        assertEquals(600, t.received());
        assertEquals(0, t.duplicates());
        long dupFrames = ab.stats().get(WireStats.Count.DUPLICATED, PacketKind.DATA)
                + ab.stats().get(WireStats.Count.DUPLICATED, PacketKind.FRAME);
        assertEquals(ab.stats().get(WireStats.Count.SENT, PacketKind.DATA) + ab.stats().get(WireStats.Count.SENT, PacketKind.FRAME) - sentBefore, dupFrames);
        assertEquals(dupFrames, b.drops(Drop.REPLAY), b.core().dropCounters().toString());
        assertTrue(b.events(LinkEvent.Down.class).isEmpty());
    }

    @Test
    @DisplayName("Wire: reordering within the replay window (INTEROP.md 3.4) delivers every message, out of order")
    void reordering() {
        Simulation sim = pair(6, NetConditions.latency(5).withReorder(0.2, 50));
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        Traffic t = Traffic.start(sim, a, b, 10);
        sim.runFor(10_000);
        t.stop();
        sim.runFor(1_000);
        assertEquals(t.sent(), t.received());
        assertTrue(t.reordered() > 100, t.toString());
        assertEquals(0, b.drops(Drop.REPLAY));
    }

    @Test
    @DisplayName("Wire: packets over the wire's MTU are dropped and counted TOO_BIG; frames over the transport's MTU are refused by the core")
    void mtu() {
        Simulation sim = Simulation.builder(7).nodes(2).transportMtu(1280)
                .edge(0, 1, NetConditions.latency(5).withMtu(200)).dial(0, 1).build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b), 1_000));
        assertEquals(1280, a.link(b).linkMtu());
        int overhead = 32 + 5; // INTEROP.md 3.2: header, tag, timestamp and msg_type
        assertEquals(200, a.send(b, SimNode.TEST_MSG_TYPE, new byte[200 - overhead]));
        assertEquals(201, a.send(b, SimNode.TEST_MSG_TYPE, new byte[201 - overhead]));
        assertEquals(LinkCore.TOO_BIG, a.send(b, SimNode.TEST_MSG_TYPE, new byte[1281 - overhead]));
        sim.runFor(100);
        WireStats s = sim.network().direction(a, b).stats();
        assertEquals(2, s.get(WireStats.Count.SENT, PacketKind.DATA));
        assertEquals(1, s.get(WireStats.Count.DELIVERED, PacketKind.DATA));
        assertEquals(1, s.get(WireStats.Count.TOO_BIG, PacketKind.DATA));
        assertEquals(1, b.deliveredCount());
        assertEquals(2, a.messagesSent());
        assertEquals(1, a.messagesRefused());

        // The transport itself refuses what is over its own MTU, and counts it.
        assertFalse(a.transport().send(b.address(), new byte[1281], 0, 1281));
        assertEquals(1, a.transport().stats().sendTooBig());
    }

    @Test
    @DisplayName("Partitions: cutting a set of nodes cuts exactly the wires that cross its boundary; healing restores them")
    void partitions() {
        Simulation sim = Simulation.builder(8).nodes(4).full().build();
        SimNetwork net = sim.network();
        assertEquals(6, net.wires().size());
        List<SimWire> cut = net.partition(sim.node(0), sim.node(1));
        Set<String> names = cut.stream().map(SimWire::toString).collect(Collectors.toSet());
        assertEquals(Set.of("n0<->n2", "n0<->n3", "n1<->n2", "n1<->n3"), names);
        assertFalse(net.wire(sim.node(0), sim.node(1)).isCut());
        assertFalse(net.wire(sim.node(2), sim.node(3)).isCut());
        net.healAll();
        for (SimWire w : net.wires()) assertFalse(w.isCut());

        // One direction only.
        SimWire w = net.wire(sim.node(2), sim.node(3));
        w.from(sim.node(2)).cut();
        assertTrue(w.from(sim.node(2)).isCut());
        assertFalse(w.from(sim.node(3)).isCut());
        assertFalse(w.isCut());
        assertThrows(IllegalArgumentException.class, () -> net.connect(sim.node(2), sim.node(3), NetConditions.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> net.connect(sim.node(2), sim.node(2), NetConditions.DEFAULT));
    }

    @Test
    @DisplayName("Topologies: chain, ring and full wire the expected pairs; dialAlongEdges brings every link up")
    void topologies() {
        assertEquals(List.of("n0<->n1", "n1<->n2", "n2<->n3"), names(Simulation.builder(1).nodes(4).chain().build()));
        assertEquals(List.of("n0<->n1", "n1<->n2", "n2<->n3", "n3<->n0"), names(Simulation.builder(1).nodes(4).ring().build()));
        assertEquals(10, Simulation.builder(1).nodes(5).full().build().network().wires().size());
        Simulation sim = Simulation.builder(9).nodes(6).ring().dialAlongEdges().build();
        assertTrue(sim.runUntil(() -> sim.nodes().stream().allMatch(n -> n.core().links().size() == 2), 1_000));
        assertEquals(20, sim.nowMs()); // one msg1 and one msg2 at 10 ms each
    }

    private static List<String> names(Simulation sim) {
        return sim.network().wires().stream().map(SimWire::toString).toList();
    }

    @Test
    @DisplayName("Lifecycle: a stopped node's packets vanish and it refuses use; a restart keeps identity and address, draws a new epoch and redials")
    void stopAndRestart() {
        Simulation sim = pair(10, NetConditions.DEFAULT);
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        TransportAddr addr = a.address();
        byte[] epoch = a.core().epoch();
        LinkCore oldCore = a.core();
        a.stop();
        assertTrue(a.isStopped());
        assertFalse(a.isLinkedTo(b));
        assertThrows(IllegalStateException.class, () -> a.send(b, SimNode.TEST_MSG_TYPE, new byte[1]));
        sim.runFor(60_000);
        SimWire.Direction ba = sim.network().direction(b, a);
        assertTrue(ba.stats().vanished() > 0);
        assertEquals(ba.stats().sent(), ba.stats().delivered() + ba.stats().vanished());
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, b.events(LinkEvent.Down.class).get(0).reason());

        a.restart();
        assertNotEquals(oldCore, a.core());
        assertEquals(addr, a.address());
        assertFalse(java.util.Arrays.equals(epoch, a.core().epoch()));
        sim.runFor(100);
        assertTrue(a.isLinkedTo(b));
        assertTrue(b.isLinkedTo(a));
    }

    @Test
    @DisplayName("Transport: sim addresses are sim:<index>, parse back, and bad ones are rejected with the value; no wire means unroutable")
    void addresses() {
        Simulation sim = Simulation.builder(11).nodes(3).edge(0, 1).dial(0, 2).build();
        SimTransport t = sim.node(0).transport();
        assertEquals("sim", t.type());
        assertEquals("sim:2", sim.node(2).address().toString());
        assertEquals(sim.node(2).address(), t.parseAddress("sim:2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.parseAddress("udp:1.2.3.4"));
        assertTrue(e.getMessage().contains("udp:1.2.3.4"));
        sim.runFor(10);
        assertEquals(1, sim.network().unroutable()); // n0 dialled n2, but no wire joins them
        assertEquals(1, t.stats().sendErrors());
    }

    @Test
    @DisplayName("Injection: raw bytes arrive at the given time, from the given node's address, bypassing the wire")
    void injection() {
        Simulation sim = pair(12, NetConditions.DEFAULT);
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        long t = sim.nowMs();
        sim.injectAt(t + 500, a, b, new byte[] {0x10, 0, 0, 0});
        sim.runFor(499);
        assertEquals(0, b.drops(Drop.BAD_VERSION));
        sim.runFor(1);
        assertEquals(1, b.drops(Drop.BAD_VERSION));
        assertEquals(1, sim.network().injected());
        assertEquals(0, sim.network().totals().get(WireStats.Count.SENT, PacketKind.INVALID));
    }

    @Test
    @DisplayName("STYLE.md rule 5: fips.testkit is a named module exporting only its API (the simulator, the scenario runner) and requiring fips.fmp transitively")
    void moduleDescriptor() {
        Module m = Simulation.class.getModule();
        assertTrue(m.isNamed());
        ModuleDescriptor d = m.getDescriptor();
        assertEquals("fips.testkit", d.name());
        assertFalse(d.isAutomatic());
        assertEquals(Set.of("fips.testkit", "fips.testkit.sim"),
                d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("fips.fmp")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    }

    @Test
    @DisplayName("Configuration: conditions and builder arguments are checked with name=value messages")
    void argumentChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetConditions.DEFAULT.withLoss(1.5));
        assertEquals("loss=1.5 must be in [0, 1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetConditions.latency(-1));
        assertThrows(IllegalArgumentException.class, () -> NetConditions.DEFAULT.withMtu(0));
        assertThrows(IllegalArgumentException.class, () -> Simulation.builder(1).nodes(0));
        assertThrows(IllegalStateException.class, () -> Simulation.builder(1).build());
        e = assertThrows(IllegalArgumentException.class, () -> Simulation.builder(1).nodes(2).edge(0, 2).build());
        assertEquals("node=2 not in [0, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simulation.builder(1).nodes(2)
                .config(LinkConfig.defaults()).dial(0, 5).build());
    }
}
