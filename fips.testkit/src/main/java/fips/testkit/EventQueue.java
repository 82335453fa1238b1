package fips.testkit;

import java.util.Arrays;

/**
 * The simulator's agenda: a binary min-heap of pooled {@link Event}s ordered
 * by (time, insertion sequence), so that events at the same millisecond run in
 * the order they were scheduled and a run is reproducible. Events and their
 * packet buffers are recycled, so a steady-state run allocates nothing per
 * packet.
 */
final class EventQueue {
    static final int DELIVER = 1;
    static final int POLL = 2;
    static final int ACTION = 3;

    /** One scheduled happening; fields are meaningful per {@link #kind}. */
    static final class Event {
        int kind;
        long atMs;
        long seq;
        // DELIVER: the packet, the wire direction it travels (null if injected), sender and receiver.
        SimWire.Direction dir;
        SimNode from;
        PacketKind packetKind;
        byte[] buf = new byte[0];
        int len;
        // DELIVER: the receiver; POLL: the node, and the poll generation it was scheduled for.
        SimNode node;
        long gen;
        // ACTION
        Runnable action;
        Event nextFree;

        /** Copies {@code src[off, off+len)} into this event's own buffer. */
        void load(byte[] src, int off, int len) {
            if (buf.length < len) buf = new byte[Math.max(len, 256)];
            System.arraycopy(src, off, buf, 0, len);
            this.len = len;
        }
    }

    private Event[] heap = new Event[256];
    private int size;
    private long nextSeq;
    private Event free;

    Event obtain(int kind, long atMs) {
        Event e = free;
        if (e != null) {
            free = e.nextFree;
            e.nextFree = null;
        } else {
            e = new Event();
        }
        e.kind = kind;
        e.atMs = atMs;
        return e;
    }

    void recycle(Event e) {
        e.dir = null;
        e.from = null;
        e.packetKind = null;
        e.node = null;
        e.action = null;
        e.len = 0;
        e.nextFree = free;
        free = e;
    }

    void push(Event e) {
        e.seq = nextSeq++;
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) break;
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    /** Time of the next event, or {@code Long.MAX_VALUE} if there is none. */
    long nextTimeMs() {
        return size == 0 ? Long.MAX_VALUE : heap[0].atMs;
    }

    Event pop() {
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) break;
                int r = l + 1;
                int c = r < size && before(heap[r], heap[l]) ? r : l;
                if (!before(heap[c], last)) break;
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = last;
        }
        return top;
    }

    int size() {
        return size;
    }

    private static boolean before(Event a, Event b) {
        return a.atMs < b.atMs || (a.atMs == b.atMs && a.seq < b.seq);
    }
}
