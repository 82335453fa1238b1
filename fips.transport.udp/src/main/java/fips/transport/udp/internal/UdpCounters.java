package fips.transport.udp.internal;

import fips.link.spi.TransportStats;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The transport's counters (reference/transports.md "UDP"), named for
 * operators. Each array has one writer: the sending thread writes
 * {@code tx}, the receive thread {@code rx}; so an increment is a plain read
 * and a release store (a plain move on x86), and readers on other threads see
 * every update in order.
 */
final class UdpCounters {
    private static final int PACKETS = 0;
    private static final int BYTES = 1;
    private static final int ERRORS = 2;
    /** tx: too big for the MTU; rx: truncated (longer than MTU + 100). */
    private static final int OVERSIZE = 3;

    private final AtomicLongArray tx = new AtomicLongArray(4);
    private final AtomicLongArray rx = new AtomicLongArray(4);

    private static void add(AtomicLongArray a, int i, long n) {
        a.setRelease(i, a.getPlain(i) + n);
    }

    void sent(int bytes) {
        add(tx, PACKETS, 1);
        add(tx, BYTES, bytes);
    }

    void sendError() {
        add(tx, ERRORS, 1);
    }

    void sendTooBig() {
        add(tx, OVERSIZE, 1);
    }

    void received(int bytes) {
        add(rx, PACKETS, 1);
        add(rx, BYTES, bytes);
    }

    void receiveError() {
        add(rx, ERRORS, 1);
    }

    void receiveTruncated() {
        add(rx, OVERSIZE, 1);
    }

    TransportStats snapshot() {
        return new TransportStats(
                tx.getAcquire(PACKETS), tx.getAcquire(BYTES), rx.getAcquire(PACKETS), rx.getAcquire(BYTES),
                tx.getAcquire(ERRORS), tx.getAcquire(OVERSIZE), rx.getAcquire(ERRORS), rx.getAcquire(OVERSIZE));
    }
}
