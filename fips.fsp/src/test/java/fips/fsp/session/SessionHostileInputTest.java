package fips.fsp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.MtuExceeded;
import fips.fmp.wire.PathBroken;
import fips.fsp.session.FakeNet.Node;
import fips.fsp.session.FakeNet.Packet;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hostile and broken SessionDatagram payloads are counted, never thrown (STYLE.md rule 9; INTEROP.md 8.2-8.5). */
class SessionHostileInputTest {
    private static long total(Node n) {
        long t = 0;
        for (long v : n.core.counters().values()) t += v;
        return t;
    }

    /** Every kind of message a session exchange puts on the wire, plus the three error signals. */
    private static List<byte[]> corpus(FakeNet net, Node a, Node b) {
        a.coordCache.put(b.addr, b.coords());
        for (int i = 0; i < 8; i++) a.send(b, 256, new byte[40 + i]); // CP and plain DataPackets
        a.send(b, 256, new byte[1200]); // with a standalone CoordsWarmup
        net.runFor(500);
        List<byte[]> out = new ArrayList<>();
        for (Packet p : net.log) out.add(p.payload());
        NodeAddr r = NodeAddr.fromHex("77777777777777777777777777777777");
        out.add(new CoordsRequired(b.addr, r).encode());
        out.add(new PathBroken(b.addr, r, List.of(b.addr, FakeNet.ROOT)).encode());
        out.add(new MtuExceeded(b.addr, r, 1000).encode());
        return out;
    }

    @Test
    @DisplayName("STYLE.md rule 9, INTEROP.md 8.2-8.5: every message truncated at every length, to a fresh node and to the established peer: counted, no exception, no delivery")
    void truncationAtEveryLength() {
        FakeNet net = new FakeNet(40, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        List<byte[]> msgs = corpus(net, a, b);
        assertTrue(msgs.size() >= 15, "corpus=" + msgs.size());
        Node fresh = net.add();
        int delivered = b.delivered.size();
        int cases = 0;
        for (byte[] m : msgs) {
            for (int len = 0; len < m.length; len++) {
                byte[] cut = Arrays.copyOf(m, len);
                for (Node target : List.of(fresh, b, a)) {
                    long before = total(target);
                    target.core.onDatagram(a.addr.hi(), a.addr.lo(), cut, 0, len, 1280, net.now);
                    assertTrue(total(target) > before, "len=" + len + " of a " + m.length + "-byte message was not counted");
                    cases++;
                }
            }
        }
        assertTrue(cases > 3000);
        assertEquals(delivered, b.delivered.size());
        assertTrue(a.established(b) && b.established(a), "the session survives");
        net.runFor(100);
        assertEquals(SendOutcome.SENT, a.send(b, 256, new byte[] {9}));
        net.runFor(100);
        assertEquals(delivered + 1, b.delivered.size());
    }

    @Test
    @DisplayName("STYLE.md rule 9: random bytes and bit-flipped messages are counted, never thrown, never delivered")
    void fuzz() {
        FakeNet net = new FakeNet(41, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        List<byte[]> msgs = corpus(net, a, b);
        Random rnd = new Random(7);
        int delivered = b.delivered.size();
        for (int i = 0; i < 20_000; i++) {
            byte[] m;
            if (i % 2 == 0) {
                m = new byte[rnd.nextInt(300)];
                rnd.nextBytes(m);
                if (m.length > 0 && rnd.nextBoolean()) m[0] = (byte) rnd.nextInt(4); // valid phases, version 0
            } else {
                m = msgs.get(rnd.nextInt(msgs.size())).clone();
                if (m.length == 0) continue;
                m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            long before = total(b);
            b.core.onDatagram(a.addr.hi(), a.addr.lo(), m, 0, m.length, 1280, net.now);
            assertTrue(total(b) > before, "input " + i + " not counted");
        }
        assertEquals(delivered, b.delivered.size());
    }
}
