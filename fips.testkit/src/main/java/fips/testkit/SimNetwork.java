package fips.testkit;

import fips.link.spi.TransportAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The in-memory network: {@link SimWire}s between the nodes' transports, the
 * fate of every packet (latency, jitter, loss, duplication, reordering, MTU,
 * partitions; see {@link NetConditions}) and the counters of it.
 *
 * <p>Sending never delivers at once: it schedules a delivery event on the
 * simulation's agenda, so no core is ever re-entered from another core's
 * call. All randomness comes from one {@link Random} derived from the
 * simulation's seed.
 */
public final class SimNetwork {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Simulation sim;
    private final Random rng;
    private final List<SimWire> wires = new ArrayList<>();
    private final List<WireTap> taps = new ArrayList<>();
    private long digest = FNV_OFFSET;
    private long unroutable;
    private long injected;
    private long packetsSent;
    private long bytesSent;

    SimNetwork(Simulation sim, Random rng) {
        this.sim = sim;
        this.rng = rng;
    }

    /**
     * Joins two nodes' transports with a wire.
     *
     * @throws IllegalArgumentException if {@code a == b} or they are already joined
     */
    public SimWire connect(SimNode a, SimNode b, NetConditions conditions) {
        if (a == b) throw new IllegalArgumentException("a wire needs two nodes, got node=" + a.name() + " twice");
        if (wire(a, b) != null) throw new IllegalArgumentException("wire " + a.name() + "<->" + b.name() + " exists");
        SimWire w = new SimWire(a, b, conditions);
        wires.add(w);
        a.wires.put(b.index(), w.from(a));
        b.wires.put(a.index(), w.from(b));
        return w;
    }

    /** The wire between {@code a} and {@code b}, or null. */
    public SimWire wire(SimNode a, SimNode b) {
        SimWire.Direction d = a.wires.get(b.index());
        return d == null ? null : d.wire();
    }

    /** The direction from {@code from} to {@code to}. */
    public SimWire.Direction direction(SimNode from, SimNode to) {
        SimWire.Direction d = from.wires.get(to.index());
        if (d == null) throw new IllegalArgumentException("no wire " + from.name() + "<->" + to.name());
        return d;
    }

    /** Every wire, in the order they were created. */
    public List<SimWire> wires() {
        return Collections.unmodifiableList(wires);
    }

    /** Cuts every wire with exactly one end in {@code side}; returns the wires cut. */
    public List<SimWire> partition(Collection<SimNode> side) {
        Set<SimNode> in = new HashSet<>(side);
        List<SimWire> cut = new ArrayList<>();
        for (SimWire w : wires) {
            if (in.contains(w.a()) != in.contains(w.b())) {
                w.cut();
                cut.add(w);
            }
        }
        return cut;
    }

    public List<SimWire> partition(SimNode... side) {
        return partition(Arrays.asList(side));
    }

    /** Heals every wire. */
    public void healAll() {
        for (SimWire w : wires) w.heal();
    }

    public void addTap(WireTap tap) {
        taps.add(tap);
    }

    public void removeTap(WireTap tap) {
        taps.remove(tap);
    }

    /** The sum of every direction's counters (a snapshot). */
    public WireStats totals() {
        WireStats t = new WireStats();
        for (SimWire w : wires) t.plus(w.from(w.a()).stats()).plus(w.from(w.b()).stats());
        return t;
    }

    /**
     * Packets handed to any wire so far ({@link WireStats.Count#SENT} summed
     * over every direction, lost and cut ones included), without summing.
     */
    public long packetsSent() {
        return packetsSent;
    }

    /** Bytes of the packets counted by {@link #packetsSent()}: FMP packets as the transports send them. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Packets sent to an address no wire of the sender leads to (not a sim address, or not a neighbour). */
    public long unroutable() {
        return unroutable;
    }

    /** Datagrams put straight into a node by {@link Simulation#inject}. */
    public long injected() {
        return injected;
    }

    /**
     * A 64-bit FNV-1a hash over every packet handed to a wire (time, ends,
     * bytes): two runs that sent the same packets at the same times have the
     * same digest.
     */
    public long digest() {
        return digest;
    }

    // ------------------------------------------------------------- packet path

    /** A packet from {@code from}'s transport; false if it could not leave the sender. */
    boolean send(SimNode from, TransportAddr to, byte[] buf, int off, int len, boolean viaSend) {
        int toIndex = SimTransport.indexOf(to);
        SimWire.Direction d = toIndex < 0 ? null : from.wires.get(toIndex);
        if (d == null) {
            unroutable++;
            return false;
        }
        PacketKind kind = PacketKind.of(buf, off, len, viaSend);
        long now = sim.nowMs();
        d.stats().add(WireStats.Count.SENT, kind);
        packetsSent++;
        bytesSent += len;
        hash(now, from.index(), toIndex, buf, off, len);
        for (int i = 0; i < taps.size(); i++) taps.get(i).onSend(now, d, kind, buf, off, len);
        NetConditions c = d.conditions();
        if (d.isCut()) {
            d.stats().add(WireStats.Count.CUT, kind);
            return true;
        }
        if (len > c.mtuBytes()) {
            d.stats().add(WireStats.Count.TOO_BIG, kind);
            return true;
        }
        if (c.loss() > 0 && rng.nextDouble() < c.loss()) {
            d.stats().add(WireStats.Count.LOST, kind);
            return true;
        }
        sim.scheduleDelivery(now + delay(c), d, d.from(), d.to(), kind, buf, off, len);
        if (c.duplicate() > 0 && rng.nextDouble() < c.duplicate()) {
            d.stats().add(WireStats.Count.DUPLICATED, kind);
            sim.scheduleDelivery(now + delay(c), d, d.from(), d.to(), kind, buf, off, len);
        }
        return true;
    }

    private long delay(NetConditions c) {
        long t = c.latencyMs();
        if (c.jitterMs() > 0) t += (long) (rng.nextDouble() * (c.jitterMs() + 1));
        if (c.reorder() > 0 && rng.nextDouble() < c.reorder()) t += c.reorderDelayMs();
        return t;
    }

    /** Counts the arrival of a packet scheduled by {@link #send}; false if it vanished at a stopped node. */
    boolean arrive(SimWire.Direction d, PacketKind kind, SimNode to) {
        if (to.isStopped()) {
            if (d != null) d.stats().add(WireStats.Count.VANISHED, kind);
            return false;
        }
        if (d != null) d.stats().add(WireStats.Count.DELIVERED, kind);
        return true;
    }

    void countInjected() {
        injected++;
    }

    private void hash(long now, int from, int to, byte[] buf, int off, int len) {
        long h = digest;
        h = (h ^ now) * FNV_PRIME;
        h = (h ^ from) * FNV_PRIME;
        h = (h ^ to) * FNV_PRIME;
        for (int i = off, end = off + len; i < end; i++) h = (h ^ (buf[i] & 0xff)) * FNV_PRIME;
        digest = h;
    }
}
