package fips.bench;

import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.Coords;
import fips.fsp.session.SendOutcome;
import fips.fsp.session.SessionConfig;
import fips.fsp.session.SessionCore;
import fips.fsp.session.SessionMesh;
import fips.fsp.session.SessionSink;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.noise.AeadEngine;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The FSP data path end to end through two {@link SessionCore}s with an
 * established XK session: {@code SessionCore.send} on A (session lookup by
 * two longs, port header, payload copy, ChaCha20-Poly1305 seal in place in
 * A's transmit buffer, hand-off to the mesh) and {@code SessionCore.onDatagram}
 * on B (prefix, flyweight, replay window, AEAD open into B's receive buffer,
 * inner header, port dispatch to the sink). The "mesh" between them copies
 * the sealed message into one preallocated buffer; nothing else runs. The
 * coordinate warmup is spent and rekey is off in setup, so every operation is
 * one steady-state DataPacket of {@code size} service bytes.
 *
 * <p>Score = DataPackets per second sealed and opened. {@code aead}:
 * {@code selected} ({@code AeadEngine.selected()}) or an engine name.
 * {@code gc.alloc.rate.norm} should be 0 B/op with an allocation-free engine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SessionBench -prof gc}.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionBench extends BenchDefaults {
    static final long NOW_MS = 1_750_000_000_000L;
    static final int PORT = 256;

    @Param({"1400"})
    public int size;

    @Param({"selected"})
    public String aead;

    /** One direction of the fake mesh: a small ring of preallocated buffers, delivered in order on demand. */
    static final class Pipe implements SessionMesh {
        static final int SLOTS = 8;
        final Identity self;
        final PublicKey peerKey;
        final byte[][] bufs = new byte[SLOTS][70_000];
        final int[] lens = new int[SLOTS];
        int head;
        int count;
        SessionCore to;

        Pipe(Identity self, PublicKey peerKey) {
            this.self = self;
            this.peerKey = peerKey;
        }

        @Override
        public int sendDatagram(long destHi, long destLo, byte[] b, int off, int n, long nowMs) {
            if (count == SLOTS) throw new IllegalStateException("pipe full");
            int slot = (head + count++) % SLOTS;
            System.arraycopy(b, off, bufs[slot], 0, n);
            lens[slot] = n;
            return RouteOutcome.FORWARDED;
        }

        /** Delivers every held datagram to the other core; false if none was held. */
        boolean deliver() {
            if (count == 0) return false;
            while (count > 0) {
                int slot = head;
                head = (head + 1) % SLOTS;
                count--;
                to.onDatagram(self.nodeAddr().hi(), self.nodeAddr().lo(), bufs[slot], 0, lens[slot], 0, NOW_MS);
            }
            return true;
        }

        @Override
        public void lookup(NodeAddr target, long nowMs) {}

        @Override
        public PublicKey identity(long hi, long lo) {
            return peerKey.nodeAddr().hi() == hi && peerKey.nodeAddr().lo() == lo ? peerKey : null;
        }

        @Override
        public Coords ownCoords() {
            return Coords.root(self.nodeAddr());
        }

        @Override
        public Coords cachedCoords(long hi, long lo, long nowMs) {
            return null;
        }

        @Override
        public boolean hasRoute(long hi, long lo, long nowMs) {
            return true;
        }

        @Override
        public void forgetCoords(long hi, long lo) {}

        @Override
        public int transportMtu() {
            return 1500;
        }
    }

    /** Counts what B delivers. */
    static final class CountingSink implements SessionSink {
        long packets;
        long bytes;

        @Override
        public void deliver(long srcHi, long srcLo, int srcPort, int dstPort, byte[] buf, int off, int len,
                            long nowMs) {
            packets++;
            bytes += len + buf[off];
        }
    }

    SessionCore a;
    SessionCore b;
    Pipe ab;
    Pipe ba;
    CountingSink atB;
    long destHi;
    long destLo;
    byte[] payload;

    @Setup
    public void setup() {
        AeadEngine engine = "selected".equals(aead) ? AeadEngine.selected() : AeadEngine.parse(aead);
        Random rng = new Random(42);
        Identity ia = Identity.generate(rng);
        Identity ib = Identity.generate(rng);
        SessionConfig cfg = SessionConfig.defaults().withRekey(false, 120_000, 15_000)
                .withRekeyAfterMessages(Long.MAX_VALUE);
        ab = new Pipe(ia, ib.publicKey());
        ba = new Pipe(ib, ia.publicKey());
        atB = new CountingSink();
        a = new SessionCore(ia, cfg, ab, (sh, sl, sp, dp, buf, off, len, now) -> {}, new Random(1), engine, NOW_MS);
        b = new SessionCore(ib, cfg, ba, atB, new Random(2), engine, NOW_MS);
        ab.to = b;
        ba.to = a;
        destHi = ib.nodeAddr().hi();
        destLo = ib.nodeAddr().lo();
        payload = new byte[size];
        new Random(3).nextBytes(payload);
        // Handshake, then spend the coordinate warmup (INTEROP.md 8.7) so only steady-state packets remain.
        a.send(destHi, destLo, PORT, PORT, payload, 0, size, NOW_MS);
        while (ab.deliver() | ba.deliver()) { /* Setup, Ack, msg3 and the held packet */ }
        for (int i = 0; i < 10; i++) {
            a.send(destHi, destLo, PORT, PORT, payload, 0, size, NOW_MS);
            while (ab.deliver() | ba.deliver()) { /* data and CoordsWarmups */ }
        }
        if (!a.established(destHi, destLo) || atB.packets != 11) {
            throw new IllegalStateException("session not set up: delivered=" + atB.packets + " " + b.counters());
        }
    }

    /** One DataPacket: A seals, B opens and delivers. */
    @Benchmark
    public long sealAndOpen() {
        if (a.send(destHi, destLo, PORT, PORT, payload, 0, size, NOW_MS) != SendOutcome.SENT) {
            throw new IllegalStateException("send failed");
        }
        ab.deliver();
        return atB.bytes;
    }
}
