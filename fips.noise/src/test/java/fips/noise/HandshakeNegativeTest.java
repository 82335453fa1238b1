package fips.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rejections: tampering, wrong keys, wrong sizes, bad points, wrong order; and parity independence. */
class HandshakeNegativeTest {
    private final Random rng = new Random(42);
    private final SecretKey alice = SecretKey.generate(rng);
    private final SecretKey bob = SecretKey.generate(rng);
    private final byte[] epA = {1, 2, 3, 4, 5, 6, 7, 8};
    private final byte[] epB = {9, 10, 11, 12, 13, 14, 15, 16};

    private IkHandshake ikInit() {
        return IkHandshake.initiator(alice, bob.publicKey(), SecretKey.generate(rng), epA);
    }

    private IkHandshake ikResp() {
        return IkHandshake.responder(bob, SecretKey.generate(rng), epB);
    }

    private static HandshakeException.Reason reason(ThrowingRunnable r) {
        return assertThrows(HandshakeException.class, r::run).reason();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    @DisplayName("INTEROP.md 2.3: a flipped bit anywhere in the encrypted part of IK msg1 fails authentication")
    void ikMsg1Tampered() {
        byte[] m1 = ikInit().writeMessage1();
        for (int i = 33; i < m1.length; i++) {
            byte[] t = m1.clone();
            t[i] ^= 0x01;
            IkHandshake res = ikResp();
            assertEquals(HandshakeException.Reason.DECRYPT_FAILED, reason(() -> res.readMessage1(t, 0, t.length)), "byte " + i);
            assertNull(res.remoteStatic());
        }
    }

    @Test
    @DisplayName("INTEROP.md 2.3: msg1 for another responder's static key is rejected")
    void ikWrongResponderKey() {
        SecretKey carol = SecretKey.generate(rng);
        byte[] m1 = IkHandshake.initiator(alice, carol.publicKey(), SecretKey.generate(rng), epA).writeMessage1();
        IkHandshake res = ikResp();
        assertEquals(HandshakeException.Reason.DECRYPT_FAILED, reason(() -> res.readMessage1(m1, 0, m1.length)));
    }

    @Test
    @DisplayName("INTEROP.md 2.1 Sizes: receivers require exact message sizes")
    void exactSizes() {
        byte[] m1 = ikInit().writeMessage1();
        assertEquals(NoiseConstants.IK_MSG1_BYTES, m1.length);
        byte[] longer = java.util.Arrays.copyOf(m1, m1.length + 1);
        assertEquals(HandshakeException.Reason.BAD_LENGTH, reason(() -> ikResp().readMessage1(longer, 0, longer.length)));
        assertEquals(HandshakeException.Reason.BAD_LENGTH, reason(() -> ikResp().readMessage1(m1, 0, m1.length - 1)));
        XkHandshake xr = XkHandshake.responder(bob, SecretKey.generate(rng), epB);
        assertEquals(HandshakeException.Reason.BAD_LENGTH, reason(() -> xr.readMessage1(new byte[49], 0, 49)));
    }

    @Test
    @DisplayName("INTEROP.md 2.1: an ephemeral that is not a valid 02/03 point is rejected")
    void badEphemeralPoint() {
        byte[] m1 = ikInit().writeMessage1();
        m1[0] = 0x04;
        assertEquals(HandshakeException.Reason.BAD_POINT, reason(() -> ikResp().readMessage1(m1, 0, m1.length)));
        byte[] x1 = new byte[33];
        x1[0] = 0x02;
        x1[32] = 5; // x = 5 has no point on secp256k1
        XkHandshake xr = XkHandshake.responder(bob, SecretKey.generate(rng), epB);
        assertEquals(HandshakeException.Reason.BAD_POINT, reason(() -> xr.readMessage1(x1, 0, 33)));
    }

    @Test
    @DisplayName("INTEROP.md 2.6: a forged msg2 leaves the initiator's state intact; the genuine one still completes")
    void forgedMsg2DoesNotPoison() throws Exception {
        XkHandshake xi = XkHandshake.initiator(alice, bob.publicKey(), SecretKey.generate(rng), epA);
        XkHandshake xr = XkHandshake.responder(bob, SecretKey.generate(rng), epB);
        byte[] m1 = xi.writeMessage1();
        xr.readMessage1(m1, 0, m1.length);
        byte[] m2 = xr.writeMessage2();
        byte[] forged = m2.clone();
        forged[40] ^= 0x80;
        assertEquals(HandshakeException.Reason.DECRYPT_FAILED, reason(() -> xi.readMessage2(forged, 0, forged.length)));
        // A different responder's msg2 (valid point, wrong keys) is rejected too.
        XkHandshake other = XkHandshake.responder(bob, SecretKey.generate(rng), epB);
        other.readMessage1(m1, 0, m1.length);
        byte[] otherM2 = other.writeMessage2();
        otherM2[50] ^= 1;
        assertEquals(HandshakeException.Reason.DECRYPT_FAILED, reason(() -> xi.readMessage2(otherM2, 0, otherM2.length)));
        xi.readMessage2(m2, 0, m2.length);
        byte[] m3 = xi.writeMessage3();
        xr.readMessage3(m3, 0, m3.length);
        assertArrayEquals(xi.split().sendKey(), xr.split().recvKey());
        assertTrue(xr.remoteStatic().sameIdentity(alice.publicKey()));
    }

    @Test
    @DisplayName("INTEROP.md 2.4: a tampered msg3 is rejected and the responder can still take the genuine one")
    void xkMsg3Tampered() throws Exception {
        XkHandshake xi = XkHandshake.initiator(alice, bob.publicKey(), SecretKey.generate(rng), epA);
        XkHandshake xr = XkHandshake.responder(bob, SecretKey.generate(rng), epB);
        byte[] m1 = xi.writeMessage1();
        xr.readMessage1(m1, 0, m1.length);
        byte[] m2 = xr.writeMessage2();
        xi.readMessage2(m2, 0, m2.length);
        byte[] m3 = xi.writeMessage3();
        byte[] bad = m3.clone();
        bad[72] ^= 1;
        assertEquals(HandshakeException.Reason.DECRYPT_FAILED, reason(() -> xr.readMessage3(bad, 0, bad.length)));
        assertNull(xr.remoteStatic());
        xr.readMessage3(m3, 0, m3.length);
        assertTrue(xr.isComplete());
    }

    @Test
    @DisplayName("INTEROP.md 1.1/2.2: an initiator that knows an odd-parity responder only by npub (even lift) still completes")
    void parityIndependence() throws Exception {
        SecretKey odd;
        do {
            odd = SecretKey.generate(rng);
        } while (odd.publicKey().hasEvenY());
        PublicKey fromNpub = PublicKey.fromNpub(odd.publicKey().npub());
        assertTrue(fromNpub.hasEvenY());
        IkHandshake ini = IkHandshake.initiator(alice, fromNpub, SecretKey.generate(rng), epA);
        IkHandshake res = IkHandshake.responder(odd, SecretKey.generate(rng), epB);
        byte[] m1 = ini.writeMessage1();
        res.readMessage1(m1, 0, m1.length);
        byte[] m2 = res.writeMessage2();
        ini.readMessage2(m2, 0, m2.length);
        assertArrayEquals(ini.split().sendKey(), res.split().recvKey());
        assertArrayEquals(ini.split().recvKey(), res.split().sendKey());
    }

    @Test
    @DisplayName("messages out of order or for the wrong role are refused")
    void wrongOrder() throws Exception {
        IkHandshake ini = ikInit();
        assertThrows(IllegalStateException.class, ini::writeMessage2);
        assertThrows(IllegalStateException.class, ini::split);
        byte[] m1 = ini.writeMessage1();
        assertThrows(IllegalStateException.class, ini::writeMessage1);
        assertEquals(HandshakeException.Reason.WRONG_STATE, reason(() -> ini.readMessage1(m1, 0, m1.length)));
        IkHandshake res = ikResp();
        assertEquals(HandshakeException.Reason.WRONG_STATE, reason(() -> res.readMessage2(new byte[57], 0, 57)));
        assertThrows(IllegalArgumentException.class, () -> IkHandshake.responder(bob, SecretKey.generate(rng), new byte[7]));
    }
}
