package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The common-prefix check of INTEROP.md 3.1 and the handshake packets. */
class FmpPrefixTest {
    private static byte[] frame(int len, int payloadLen) {
        byte[] b = new byte[len];
        FmpPrefix.write(b, 0, 0, 0, payloadLen);
        return b;
    }

    private static byte[] msg1() {
        byte[] noise = new byte[106];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) i;
        }
        return HandshakePacket.encodeMsg1(0xA1B2C3D4, noise);
    }

    private static byte[] msg2() {
        byte[] noise = new byte[57];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (0x80 + i);
        }
        return HandshakePacket.encodeMsg2(0x01020304, 0xA1B2C3D4, noise);
    }

    @Test
    @DisplayName("INTEROP.md 3.1: payload_len must be total − 32 for phase 0")
    void establishedPayloadLen() {
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(frame(37, 5), 0, 37));
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(frame(32, 0), 0, 32));
        assertEquals(PrefixVerdict.BAD_PAYLOAD_LEN, FmpPrefix.classify(frame(37, 6), 0, 37));
        assertEquals(PrefixVerdict.BAD_PAYLOAD_LEN, FmpPrefix.classify(frame(37, 4), 0, 37));
        assertEquals(PrefixVerdict.BAD_PAYLOAD_LEN, FmpPrefix.classify(frame(1500, 1500), 0, 1500));
        assertEquals(PrefixVerdict.TOO_SHORT, FmpPrefix.classify(frame(31, 0), 0, 31));
        assertEquals(PrefixVerdict.TOO_SHORT, FmpPrefix.classify(new byte[] {0, 0, 0}, 0, 3));
        assertEquals(PrefixVerdict.TOO_SHORT, FmpPrefix.classify(new byte[0], 0, 0));
        // Reserved flag bits are not checked on an established frame (INTEROP.md 3.3).
        byte[] f = frame(40, 8);
        f[1] = (byte) 0xff;
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(f, 0, 40));
    }

    @Test
    @DisplayName("INTEROP.md 3.1: version must be 0 and phase 0, 1 or 2")
    void versionAndPhase() {
        byte[] f = frame(37, 5);
        f[0] = 0x10;
        assertEquals(PrefixVerdict.BAD_VERSION, FmpPrefix.classify(f, 0, 37));
        f[0] = (byte) 0xF0;
        assertEquals(PrefixVerdict.BAD_VERSION, FmpPrefix.classify(f, 0, 37));
        for (int phase = 3; phase < 16; phase++) {
            f[0] = (byte) phase;
            assertEquals(PrefixVerdict.BAD_PHASE, FmpPrefix.classify(f, 0, 37), "phase " + phase);
        }
    }

    @Test
    @DisplayName("INTEROP.md 3.1: msg1 is exactly 114 bytes, payload_len 110, flags 0")
    void msg1Checks() {
        byte[] p = msg1();
        assertEquals(114, p.length);
        assertEquals("01006e00d4c3b2a1", Hex.encode(p, 0, 8));
        assertEquals(PrefixVerdict.MSG1, FmpPrefix.classify(p, 0, 114));
        assertEquals(1, PrefixVerdict.MSG1.phase());
        assertFalse(PrefixVerdict.MSG1.isDrop());
        assertEquals(0xA1B2C3D4, HandshakePacket.senderIdx(p, 0));
        assertEquals(8, HandshakePacket.noiseOffset(1, 0));
        assertEquals(5, p[8 + 5]);

        byte[] longer = java.util.Arrays.copyOf(p, 115);
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_LENGTH, FmpPrefix.classify(longer, 0, 115));
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_LENGTH, FmpPrefix.classify(p, 0, 113));
        p[1] = 0x01;
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_FLAGS, FmpPrefix.classify(p, 0, 114));
        p[1] = 0;
        p[2] = 111;
        assertEquals(PrefixVerdict.BAD_PAYLOAD_LEN, FmpPrefix.classify(p, 0, 114));
    }

    @Test
    @DisplayName("INTEROP.md 3.1: msg2 is exactly 69 bytes, payload_len 65, flags 0; receiver_idx echoes msg1's sender_idx")
    void msg2Checks() {
        byte[] p = msg2();
        assertEquals(69, p.length);
        assertEquals("0200410004030201d4c3b2a180", Hex.encode(p, 0, 13));
        assertEquals(PrefixVerdict.MSG2, FmpPrefix.classify(p, 0, 69));
        assertEquals(0x01020304, HandshakePacket.senderIdx(p, 0));
        assertEquals(0xA1B2C3D4, HandshakePacket.receiverIdx(p, 0));
        assertEquals(12, HandshakePacket.noiseOffset(2, 0));
        assertEquals(57, HandshakePacket.noiseLength(2));
        p[1] = 0x04;
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_FLAGS, FmpPrefix.classify(p, 0, 69));
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_LENGTH, FmpPrefix.classify(java.util.Arrays.copyOf(msg2(), 70), 0, 70));
        assertEquals(PrefixVerdict.BAD_HANDSHAKE_LENGTH, FmpPrefix.classify(msg2(), 0, 68));
    }

    @Test
    @DisplayName("INTEROP.md 3.1: a datagram at a non-zero offset is classified the same; write/encode agree")
    void offsetsAndWriters() {
        byte[] p = msg1();
        byte[] shifted = new byte[200];
        System.arraycopy(p, 0, shifted, 50, p.length);
        assertEquals(PrefixVerdict.MSG1, FmpPrefix.classify(shifted, 50, 114));
        byte[] out = new byte[120];
        assertEquals(114, HandshakePacket.writeMsg1(0xA1B2C3D4, p, 8, out, 6));
        assertArrayEquals(p, java.util.Arrays.copyOfRange(out, 6, 120));
        assertThrows(IllegalArgumentException.class, () -> HandshakePacket.writeMsg1(1, p, 8, out, 7));
        assertThrows(IllegalArgumentException.class, () -> HandshakePacket.encodeMsg2(1, 2, new byte[56]));
        assertThrows(IllegalArgumentException.class, () -> FmpPrefix.write(out, 0, 16, 0, 0));
    }

    @Test
    @DisplayName("INTEROP.md 3.1: truncating a valid msg1, msg2 or frame at every length is a drop, never an exception")
    void truncationIsDrop() {
        byte[][] valid = {msg1(), msg2(), frame(37, 5), frame(100, 68)};
        for (byte[] v : valid) {
            for (int len = 0; len < v.length; len++) {
                PrefixVerdict verdict = FmpPrefix.classify(v, 0, len);
                assertTrue(verdict.isDrop(), "length " + len + " of " + v.length + " gave " + verdict);
                assertEquals(-1, verdict.phase());
            }
        }
    }
}
