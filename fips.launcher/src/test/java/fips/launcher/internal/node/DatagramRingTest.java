package fips.launcher.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.TransportAddr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The receive hand-over: bounded, preallocated, drop-and-count when full, FIFO across wraparound. */
class DatagramRingTest {
    static final TransportAddr A = TransportAddr.of(new byte[] {1}, "a");
    static final TransportAddr B = TransportAddr.of(new byte[] {2}, "b");

    static final class Collect implements DatagramRing.Handler {
        final List<String> got = new ArrayList<>();
        final List<TransportAddr> from = new ArrayList<>();

        @Override
        public void onDatagram(TransportAddr src, byte[] buf, int off, int len) {
            got.add(new String(buf, off, len, java.nio.charset.StandardCharsets.US_ASCII));
            from.add(src);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("FIFO across many wraparounds; the copy is independent of the producer's buffer")
    void wraparound() {
        DatagramRing r = new DatagramRing(4, 16, new Wakeup());
        Collect c = new Collect();
        byte[] buf = new byte[16];
        int n = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 3; i++) {
                byte[] msg = bytes("m" + n++);
                System.arraycopy(msg, 0, buf, 2, msg.length);
                assertTrue(r.offer((n & 1) == 0 ? A : B, buf, 2, msg.length));
                java.util.Arrays.fill(buf, (byte) 'X'); // the transport reuses its buffer at once
            }
            assertEquals(3, r.drain(c, 100));
            assertTrue(r.isEmpty());
        }
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 30; i++) want.add("m" + i);
        assertEquals(want, c.got);
        assertEquals(B, c.from.get(0));
        assertEquals(A, c.from.get(1));
        assertEquals(30, r.accepted());
        assertEquals(0, r.fullDrops());
    }

    @Test
    @DisplayName("full: the datagram is dropped and counted, never blocked on; space returns after a drain")
    void fullDropsCounted() {
        DatagramRing r = new DatagramRing(2, 8, new Wakeup());
        assertTrue(r.offer(A, bytes("1"), 0, 1));
        assertTrue(r.offer(A, bytes("2"), 0, 1));
        assertFalse(r.offer(A, bytes("3"), 0, 1));
        assertFalse(r.offer(A, bytes("4"), 0, 1));
        assertEquals(2, r.fullDrops());
        assertEquals(2, r.size());
        Collect c = new Collect();
        assertEquals(1, r.drain(c, 1), "drain honours its limit");
        assertTrue(r.offer(A, bytes("5"), 0, 1));
        assertEquals(2, r.drain(c, 10));
        assertEquals(List.of("1", "2", "5"), c.got);
    }

    @Test
    @DisplayName("hasRoom: false exactly when offer would drop for lack of room, true again after a drain")
    void hasRoomMatchesOffer() {
        DatagramRing r = new DatagramRing(2, 8, new Wakeup());
        byte[] b = {1, 2, 3};
        assertTrue(r.hasRoom());
        assertTrue(r.offer(null, b, 0, 3));
        assertTrue(r.hasRoom());
        assertTrue(r.offer(null, b, 0, 3));
        assertFalse(r.hasRoom(), "two slots, two datagrams");
        assertEquals(0, r.fullDrops(), "asking costs nothing");
        assertEquals(1, r.drain((from, buf, off, len) -> { }, 1));
        assertTrue(r.hasRoom());
        assertTrue(r.offer(null, b, 0, 3));
        assertEquals(0, r.fullDrops());
    }

    @Test
    @DisplayName("a datagram longer than a slot is dropped and counted")
    void oversize() {
        DatagramRing r = new DatagramRing(2, 4, new Wakeup());
        assertFalse(r.offer(A, new byte[5], 0, 5));
        assertTrue(r.offer(A, new byte[4], 0, 4));
        assertEquals(1, r.oversizeDrops());
        assertEquals(0, r.fullDrops());
    }

    @Test
    @Timeout(30)
    @DisplayName("one producer thread, one consumer thread: every datagram accepted arrives once, in order")
    void concurrentSpsc() throws Exception {
        DatagramRing r = new DatagramRing(64, 8, new Wakeup());
        int total = 200_000;
        Thread producer = new Thread(() -> {
            byte[] b = new byte[8];
            for (int i = 0; i < total; i++) {
                java.nio.ByteBuffer.wrap(b).putInt(0, i);
                r.offer(A, b, 0, 4);
            }
        });
        long[] last = {-1};
        long[] count = {0};
        boolean[] ordered = {true};
        DatagramRing.Handler h = (src, buf, off, len) -> {
            int v = java.nio.ByteBuffer.wrap(buf, off, len).getInt(off);
            if (v <= last[0]) ordered[0] = false;
            last[0] = v;
            count[0]++;
        };
        producer.start();
        while (producer.isAlive() || !r.isEmpty()) {
            r.drain(h, 32);
        }
        producer.join();
        r.drain(h, Integer.MAX_VALUE);
        assertTrue(ordered[0], "order preserved");
        assertEquals(total, count[0] + r.fullDrops(), "accepted + dropped = offered");
        assertEquals(count[0], r.accepted());
    }

    @Test
    @Timeout(30)
    @DisplayName("Wakeup: a parked consumer is woken by the producer's offer")
    void wakeup() throws Exception {
        Wakeup w = new Wakeup();
        DatagramRing r = new DatagramRing(4, 8, w);
        long[] parkedNs = {0};
        Thread consumer = new Thread(() -> {
            w.bind(Thread.currentThread());
            long t0 = System.nanoTime();
            w.beginWait();
            while (r.isEmpty() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20)) {
                w.park(TimeUnit.SECONDS.toNanos(20));
            }
            w.endWait();
            parkedNs[0] = System.nanoTime() - t0;
        });
        consumer.start();
        Thread.sleep(100);
        r.offer(A, bytes("x"), 0, 1);
        consumer.join();
        assertTrue(parkedNs[0] < TimeUnit.SECONDS.toNanos(10), "woken by the offer, not the timeout");
    }
}
