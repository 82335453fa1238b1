package fips.fsp.session;

import fips.identity.NodeAddr;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packets a {@link SessionCore} holds while sessions open (INTEROP.md
 * 8.6 queue limits): at most {@code pending_packets_per_dest} per destination,
 * the oldest dropped first, and at most {@code pending_max_destinations}
 * destinations, the oldest destination's queue dropped first. Drops are
 * counted in the core's counters and reported to the sink as
 * {@link SessionEvent.Unreachable}. Control plane: holding a packet copies it.
 * Owned by the core's thread.
 */
final class HeldPackets {
    /** A packet held while its session opens. */
    record Held(int srcPort, int dstPort, byte[] data) {}

    /** The packets held for one destination. */
    static final class Queue {
        final ArrayDeque<Held> packets = new ArrayDeque<>();
        boolean lookupPending;
    }

    private final SessionConfig cfg;
    private final SessionSink sink;
    /** The core's counters, indexed by {@link SessionCounter#ordinal()}. */
    private final long[] counts;
    private final LinkedHashMap<NodeAddr, Queue> held = new LinkedHashMap<>();

    HeldPackets(SessionConfig cfg, SessionSink sink, long[] counts) {
        this.cfg = cfg;
        this.sink = sink;
        this.counts = counts;
    }

    /** Holds a copy of {@code buf[off, off+len)} for {@code dest}; returns its queue. */
    Queue hold(NodeAddr dest, int srcPort, int dstPort, byte[] buf, int off, int len) {
        Queue q = held.get(dest);
        if (q == null) {
            if (held.size() >= cfg.pendingMaxDestinations()) {
                Iterator<Map.Entry<NodeAddr, Queue>> it = held.entrySet().iterator();
                Map.Entry<NodeAddr, Queue> oldest = it.next();
                it.remove();
                int n = oldest.getValue().packets.size();
                counts[SessionCounter.QUEUE_DROPPED_DESTINATION.ordinal()] += n;
                if (n > 0) sink.sessionEvent(new SessionEvent.Unreachable(oldest.getKey(), "queue full", n));
            }
            q = new Queue();
            held.put(dest, q);
        }
        if (q.packets.size() >= cfg.pendingPacketsPerDest()) {
            q.packets.pollFirst();
            counts[SessionCounter.QUEUE_DROPPED_OLDEST.ordinal()]++;
        }
        q.packets.addLast(new Held(srcPort, dstPort, Arrays.copyOfRange(buf, off, off + len)));
        return q;
    }

    /** The queue of {@code dest}, or null. */
    Queue get(NodeAddr dest) {
        return held.get(dest);
    }

    /** Removes and returns the queue of {@code dest} (to flush it), or null. */
    Queue remove(NodeAddr dest) {
        return held.remove(dest);
    }

    /** Drops every packet held for {@code dest}, counted and reported as unreachable for {@code reason}. */
    void drop(NodeAddr dest, String reason) {
        Queue q = held.remove(dest);
        if (q != null && !q.packets.isEmpty()) {
            counts[SessionCounter.QUEUE_DROPPED_UNREACHABLE.ordinal()] += q.packets.size();
            sink.sessionEvent(new SessionEvent.Unreachable(dest, reason, q.packets.size()));
        }
    }

    /** Packets held for {@code dest}. */
    int packetsFor(NodeAddr dest) {
        Queue q = held.get(dest);
        return q == null ? 0 : q.packets.size();
    }

    /** Packets held in all. */
    int packets() {
        int n = 0;
        for (Queue q : held.values()) n += q.packets.size();
        return n;
    }

    /** Destinations with held packets. */
    int destinations() {
        return held.size();
    }
}
