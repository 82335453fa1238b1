package fips.launcher.internal.node;

import fips.link.spi.TransportAddr;

/**
 * Received datagrams on their way from one transport's receive thread (the
 * single producer) to the protocol thread (the single consumer).
 *
 * <p>Bounded and preallocated: {@code capacity} slots of {@code slotBytes}
 * each, allocated once. {@link #offer} copies the datagram into the next free
 * slot (the transport's buffer is only borrowed during its sink call,
 * STYLE.md rule 7); when every slot is taken the datagram is dropped and
 * counted, never blocked on, so a flood costs the flooder's packets and not
 * the receive thread. A datagram longer than a slot is dropped and counted
 * too. Steady state allocates nothing.
 *
 * <p>Sequences: {@code tail} counts slots published, {@code head} slots
 * consumed; slot {@code s % capacity} is the producer's until {@code tail}
 * passes {@code s}, then the consumer's until {@code head} passes it. Each
 * side keeps a plain copy of its own sequence
 * and a cached copy of the other's, reading the other's volatile field only
 * when the cache says "full" or "empty".
 */
public final class DatagramRing {
    /** The consumer's callback; {@code buf} is valid only during the call. */
    public interface Handler {
        void onDatagram(TransportAddr from, byte[] buf, int off, int len);
    }

    private final int capacity;
    private final int slotBytes;
    private final byte[][] slots;
    private final int[] lengths;
    private final TransportAddr[] sources;
    private final Wakeup wakeup;

    // Producer-owned.
    private long producerTail;
    private long headCache;
    // Consumer-owned.
    private long consumerHead;
    private long tailCache;
    // Published.
    private volatile long head;
    private volatile long tail;
    // Written by the producer only, read by anyone (single writer, so ++ is safe).
    private volatile long fullDrops;
    private volatile long oversizeDrops;

    public DatagramRing(int capacity, int slotBytes, Wakeup wakeup) {
        if (capacity < 1 || slotBytes < 1) {
            throw new IllegalArgumentException("capacity=" + capacity + " slotBytes=" + slotBytes);
        }
        this.capacity = capacity;
        this.slotBytes = slotBytes;
        this.slots = new byte[capacity][slotBytes];
        this.lengths = new int[capacity];
        this.sources = new TransportAddr[capacity];
        this.wakeup = wakeup;
    }

    public int capacity() {
        return capacity;
    }

    public int slotBytes() {
        return slotBytes;
    }

    /**
     * Producer: copies {@code buf[off, off+len)} into the ring.
     *
     * @return false if the datagram was dropped (ring full, or longer than a slot)
     */
    public boolean offer(TransportAddr from, byte[] buf, int off, int len) {
        if (len > slotBytes || len < 0) {
            oversizeDrops = oversizeDrops + 1;
            return false;
        }
        long t = producerTail;
        if (t - headCache >= capacity) {
            headCache = head;
            if (t - headCache >= capacity) {
                fullDrops = fullDrops + 1;
                wakeup.signal();
                return false;
            }
        }
        int i = (int) (t % capacity);
        System.arraycopy(buf, off, slots[i], 0, len);
        lengths[i] = len;
        sources[i] = from;
        producerTail = t + 1;
        tail = t + 1; // publishes the slot
        wakeup.signal();
        return true;
    }

    /**
     * Producer: true if a slot is free now, so that {@link #offer} will not
     * drop for lack of room. For producers that can wait instead of dropping
     * (the TUN reader: the kernel queues behind it).
     */
    public boolean hasRoom() {
        long t = producerTail;
        if (t - headCache < capacity) {
            return true;
        }
        headCache = head;
        return t - headCache < capacity;
    }

    /**
     * Consumer: hands up to {@code limit} datagrams to {@code h}, oldest
     * first. A slot is released only after the handler returns.
     *
     * @return how many were handed over
     */
    public int drain(Handler h, int limit) {
        long hd = consumerHead;
        int n = 0;
        while (n < limit) {
            if (hd >= tailCache) {
                tailCache = tail;
                if (hd >= tailCache) break;
            }
            int i = (int) (hd % capacity);
            TransportAddr from = sources[i];
            sources[i] = null;
            try {
                h.onDatagram(from, slots[i], 0, lengths[i]);
            } finally {
                hd++;
                n++;
                consumerHead = hd;
                head = hd; // releases the slot to the producer
            }
        }
        return n;
    }

    /** Consumer: true if nothing is waiting. */
    public boolean isEmpty() {
        return consumerHead >= tail;
    }

    /** Datagrams waiting (approximate while the producer runs). */
    public int size() {
        return (int) (tail - head);
    }

    /** Datagrams dropped because every slot was taken. */
    public long fullDrops() {
        return fullDrops;
    }

    /** Datagrams dropped because they were longer than a slot. */
    public long oversizeDrops() {
        return oversizeDrops;
    }

    /** Datagrams accepted since creation. */
    public long accepted() {
        return tail;
    }
}
