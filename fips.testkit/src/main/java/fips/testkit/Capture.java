package fips.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link WireTap} that keeps a copy of every packet matching a filter, for
 * tests that count what went over the wire or re-inject it (replay, tamper).
 * Install with {@link SimNetwork#addTap}.
 */
public final class Capture implements WireTap {
    /** One captured packet. {@code bytes} is this capture's own copy. */
    public record Packet(long atMs, SimNode from, SimNode to, PacketKind kind, byte[] bytes) {
        /** A fresh copy of the bytes, to modify and inject. */
        public byte[] copy() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return atMs + " " + from.name() + "->" + to.name() + " " + kind + " " + bytes.length + "B";
        }
    }

    private final Predicate<Packet> filter;
    private final List<Packet> packets = new ArrayList<>();

    public Capture(Predicate<Packet> filter) {
        this.filter = filter;
    }

    /** Every packet of {@code kind} sent by {@code from} to {@code to}. */
    public static Capture of(SimNode from, SimNode to, PacketKind kind) {
        return new Capture(p -> p.from() == from && p.to() == to && p.kind() == kind);
    }

    /** Every packet of {@code kind}, any direction. */
    public static Capture of(PacketKind kind) {
        return new Capture(p -> p.kind() == kind);
    }

    @Override
    public void onSend(long nowMs, SimWire.Direction d, PacketKind kind, byte[] buf, int off, int len) {
        Packet p = new Packet(nowMs, d.from(), d.to(), kind, Arrays.copyOfRange(buf, off, off + len));
        if (filter.test(p)) packets.add(p);
    }

    /** The packets captured so far, oldest first (a live view). */
    public List<Packet> packets() {
        return packets;
    }

    public int size() {
        return packets.size();
    }

    public Packet last() {
        if (packets.isEmpty()) throw new IllegalStateException("nothing captured");
        return packets.get(packets.size() - 1);
    }

    public void clear() {
        packets.clear();
    }
}
