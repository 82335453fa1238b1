package fips.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.SecretKey;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CipherState counters, NoiseSession decrypt outcomes and the replay window. */
class TransportTest {
    @Test
    @DisplayName("INTEROP.md 3.4: counters above the highest are accepted; replays and too-old counters are not")
    void replayWindow() {
        ReplayWindow w = new ReplayWindow();
        assertTrue(w.check(0), "fresh window accepts 0 once");
        w.mark(0);
        assertFalse(w.check(0), "0 replayed");
        assertTrue(w.check(5));
        w.mark(5);
        assertTrue(w.check(3), "out of order inside the window");
        w.mark(3);
        assertFalse(w.check(3));
        assertFalse(w.check(5));
        w.mark(5000);
        assertEquals(5000, w.highest());
        assertFalse(w.check(5000 - 2048), "exactly 2048 behind is too old");
        assertTrue(w.check(5000 - 2047), "2047 behind is inside the window");
        w.mark(5000 - 2047);
        assertFalse(w.check(5000 - 2047));
        assertTrue(w.check(Long.MAX_VALUE), "no upper bound");
        w.mark(-2L); // 2^64 - 2, unsigned
        assertTrue(w.check(-1L));
        assertFalse(w.check(5000), "far behind a huge unsigned counter");
        w.reset();
        assertTrue(w.check(0));
    }

    @Test
    @DisplayName("INTEROP.md 3.4: bits of a slot reused after the window slides are cleared")
    void windowSlideClearsSlots() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 0; c < 100; c++) {
            w.mark(c);
        }
        w.mark(2048 + 10); // slides: slots of 11..99 now stand for 2059.. and must read as unseen
        for (long c = 2048 + 11; c < 2048 + 100; c++) {
            assertFalse(w.check(c - 2048), "old counter " + (c - 2048) + " is too old");
        }
        assertTrue(w.check(2048 + 9));
        assertFalse(w.check(2048 + 10));
    }

    @Test
    @DisplayName("INTEROP.md 3.2/3.4: NoiseSession round trip; replay is REPLAYED before any crypto; tampering is AUTH_FAILED")
    void sessionDecryptOutcomes() {
        Random rng = new Random(7);
        byte[] k1 = new byte[32], k2 = new byte[32];
        rng.nextBytes(k1);
        rng.nextBytes(k2);
        try (NoiseSession a = new NoiseSession(new TransportKeys(k1, k2));
             NoiseSession b = new NoiseSession(new TransportKeys(k2, k1))) {
            byte[] ad = {1, 2, 3, 4};
            byte[] msg = "hello mesh".getBytes();
            byte[] wire = new byte[msg.length + Aead.TAG_BYTES];
            long c = a.send().nextCounter();
            assertEquals(0, c);
            a.send().seal(c, ad, 0, ad.length, msg, 0, msg.length, wire, 0);
            byte[] out = new byte[msg.length];
            assertEquals(msg.length, b.decrypt(c, ad, 0, ad.length, wire, 0, wire.length, out, 0));
            assertArrayEquals(msg, out);
            assertEquals(NoiseSession.REPLAYED, b.decrypt(c, ad, 0, ad.length, wire, 0, wire.length, out, 0));
            long c2 = a.send().nextCounter();
            a.send().seal(c2, ad, 0, ad.length, msg, 0, msg.length, wire, 0);
            byte[] bad = wire.clone();
            bad[bad.length - 1] ^= 1;
            assertEquals(NoiseSession.AUTH_FAILED, b.decrypt(c2, ad, 0, ad.length, bad, 0, bad.length, out, 0));
            assertEquals(NoiseSession.AUTH_FAILED, b.decrypt(c2 + 1, ad, 0, ad.length, wire, 0, wire.length, out, 0),
                    "wrong counter = wrong nonce");
            // A failed decrypt does not mark the counter: the genuine frame still goes through.
            assertEquals(msg.length, b.decrypt(c2, ad, 0, ad.length, wire, 0, wire.length, out, 0));
            assertEquals(2, a.send().sendCount());
        }
    }

    @Test
    @DisplayName("INTEROP.md 2.6: nonce exhaustion is an error, never a wrap")
    void nonceExhaustion() throws Exception {
        byte[] k = new byte[32];
        try (CipherState cs = CipherState.of(k)) {
            var f = CipherState.class.getDeclaredField("next");
            f.setAccessible(true);
            f.setLong(cs, -2L);
            assertEquals(-2L, cs.nextCounter());
            assertThrows(IllegalStateException.class, cs::nextCounter);
        }
    }

    @Test
    @DisplayName("a completed IK handshake yields sessions that talk to each other")
    void handshakeToTransport() throws Exception {
        Random rng = new Random(3);
        SecretKey a = SecretKey.generate(rng), b = SecretKey.generate(rng);
        IkHandshake i = IkHandshake.initiator(a, b.publicKey(), SecretKey.generate(rng), new byte[8]);
        IkHandshake r = IkHandshake.responder(b, SecretKey.generate(rng), new byte[8]);
        byte[] m1 = i.writeMessage1();
        r.readMessage1(m1, 0, m1.length);
        byte[] m2 = r.writeMessage2();
        i.readMessage2(m2, 0, m2.length);
        try (NoiseSession si = new NoiseSession(i.split()); NoiseSession sr = new NoiseSession(r.split())) {
            byte[] buf = new byte[64];
            byte[] p = {42, 43, 44};
            System.arraycopy(p, 0, buf, 0, 3);
            long c = sr.send().nextCounter();
            int n = sr.send().seal(c, null, 0, 0, buf, 0, 3, buf, 0); // in place
            assertEquals(19, n);
            assertEquals(3, si.decrypt(c, null, 0, 0, buf, 0, n, buf, 0));
            assertArrayEquals(p, java.util.Arrays.copyOf(buf, 3));
        }
    }
}
