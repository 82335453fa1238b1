package fips.fsp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Receive-side drops, tampering, replay and send-side contracts of the encrypted message (INTEROP.md 8.4). */
class FspEncryptedTest {
    private static final byte[] KEY = Hex.decode("ec2d8a539ca0d5179b45c183bd45e950ad54a8bce61a2f9014e46709cb3d42dd");
    private static final NodeAddr A = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");
    private static final NodeAddr B = NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f");
    private static final NodeAddr ROOT = NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae");
    private static final byte[] BODY = Hex.decode("0001000100600000003a408000648c000700016162636465666768");
    private static final byte[] CP = FspEncryptedCodec.encodeCoordsSection(Coordinates.of(A, ROOT), Coordinates.of(B));

    private static byte[] seal(long counter, int flags, byte[] coords, byte[] body) {
        try (CipherState cs = CipherState.of(KEY)) {
            byte[] out = new byte[FspEncryptedCodec.encodedLength(coords.length, body.length)];
            int n = FspEncryptedCodec.sealWithCounter(cs, counter, flags, coords, 0, coords.length, 1234,
                    FspConstants.MSG_DATA_PACKET, 0, body, 0, body.length, out, 0);
            assertEquals(out.length, n);
            return out;
        }
    }

    private static NoiseSession receiver() {
        return new NoiseSession(new TransportKeys(new byte[32], KEY));
    }

    private static int open(byte[] msg, int len, NoiseSession s) {
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        int w = f.wrap(msg, 0, len);
        if (w != FspDrop.OK) {
            return w;
        }
        return f.decrypt(s, new byte[f.plaintextLength()], 0);
    }

    @Test
    @DisplayName("INTEROP.md 8.4: every truncation of a message is dropped with a code, never an exception")
    void truncationAtEveryLength() {
        for (byte[] msg : new byte[][] {seal(0, 0, new byte[0], BODY), seal(0, FspConstants.FLAG_CP, CP, BODY),
                seal(0, FspConstants.FLAG_CP, CP, new byte[0])}) {
            for (int len = 0; len < msg.length; len++) {
                try (NoiseSession s = receiver()) {
                    int r = open(msg, len, s);
                    assertTrue(r == FspDrop.TRUNCATED || r == FspDrop.TRUNCATED_COORDS || r == FspDrop.AUTH_FAILED,
                            "len=" + len + " gave " + FspDrop.name(r));
                }
            }
            try (NoiseSession s = receiver()) {
                assertEquals(msg.length - FspConstants.HEADER_BYTES - FspConstants.TAG_BYTES
                        - (FspPrefix.flags(msg, 0) & FspConstants.FLAG_CP) * CP.length, open(msg, msg.length, s));
            }
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: the shortest messages: 12 header + 22 ciphertext, with CP also 2+2 count bytes")
    void truncationBoundaries() {
        byte[] noBody = seal(0, 0, new byte[0], new byte[0]);
        assertEquals(FspConstants.ENCRYPTED_OVERHEAD_BYTES, noBody.length);
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.TRUNCATED, f.wrap(noBody, 0, 11));
        assertEquals(FspDrop.TRUNCATED, f.wrap(noBody, 0, 33));
        assertEquals(FspDrop.OK, f.wrap(noBody, 0, 34));
        byte[] cp = seal(0, FspConstants.FLAG_CP, CP, new byte[0]);
        assertEquals(FspDrop.TRUNCATED_COORDS, f.wrap(cp, 0, 13));
        assertEquals(FspDrop.TRUNCATED_COORDS, f.wrap(cp, 0, 12 + 2 + 32 + 1));
        assertEquals(FspDrop.TRUNCATED, f.wrap(cp, 0, 12 + CP.length));
        assertEquals(FspDrop.OK, f.wrap(cp, 0, cp.length));
        assertThrows(IllegalStateException.class, () -> {
            f.wrap(cp, 0, 5);
            f.counter();
        });
    }

    @Test
    @DisplayName("INTEROP.md 8.2/8.4: wrong phase, non-zero version and U set are dropped before crypto")
    void headerDrops() {
        byte[] msg = seal(0, 0, new byte[0], BODY);
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        byte[] m = msg.clone();
        m[0] = 0x01;
        assertEquals(FspDrop.BAD_PHASE, f.wrap(m, 0, m.length));
        m[0] = 0x10;
        assertEquals(FspDrop.BAD_VERSION, f.wrap(m, 0, m.length));
        m = msg.clone();
        m[1] = FspConstants.FLAG_U;
        assertEquals(FspDrop.UNENCRYPTED, f.wrap(m, 0, m.length));
        // payload_len is not validated on receive (INTEROP.md 8.2); it is in the AAD, so a change fails the AEAD.
        m = msg.clone();
        m[2] ^= 1;
        assertEquals(FspDrop.OK, f.wrap(m, 0, m.length));
        try (NoiseSession s = receiver()) {
            assertEquals(FspDrop.AUTH_FAILED, f.decrypt(s, new byte[64], 0));
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: any flipped bit in header (AAD), ciphertext or tag fails authentication")
    void tamperedBytesFailAuthentication() {
        byte[] msg = seal(7, FspConstants.FLAG_CP, CP, BODY);
        int ctOff = FspConstants.HEADER_BYTES + CP.length;
        for (int i = 0; i < msg.length; i++) {
            if (i >= FspConstants.HEADER_BYTES && i < ctOff) {
                continue; // the CP section, below
            }
            if (i == 1) {
                continue; // the flags byte changes the layout; covered by headerDrops
            }
            byte[] m = msg.clone();
            m[i] ^= 0x40;
            try (NoiseSession s = receiver()) {
                // 0x40 in byte 0 makes the version 4: dropped before crypto.
                int expected = i == 0 ? FspDrop.BAD_VERSION : FspDrop.AUTH_FAILED;
                assertEquals(expected, open(m, m.length, s), "byte " + i);
            }
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: CP coordinates are cleartext and not authenticated")
    void coordinatesNotAuthenticated() {
        byte[] msg = seal(7, FspConstants.FLAG_CP, CP, BODY);
        msg[FspConstants.HEADER_BYTES + 2] ^= (byte) 0x80; // first byte of the first source NodeAddr
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(msg, 0, msg.length));
        try (NoiseSession s = receiver()) {
            assertEquals(FspConstants.INNER_HEADER_BYTES + BODY.length, f.decrypt(s, new byte[64], 0));
        }
        assertEquals(NodeAddr.fromHex("332592850a6f83c5cd2d9dbd60454d4a"), f.srcCoord(0));
    }

    @Test
    @DisplayName("INTEROP.md 3.4/8.4: a replayed counter is REPLAYED; a failed decrypt does not mark the counter")
    void replay() {
        byte[] m5 = seal(5, 0, new byte[0], BODY);
        byte[] m3000 = seal(3000, 0, new byte[0], BODY);
        byte[] forged = m5.clone();
        forged[forged.length - 1] ^= 1;
        try (NoiseSession s = receiver()) {
            assertEquals(FspDrop.AUTH_FAILED, open(forged, forged.length, s));
            assertEquals(6 + BODY.length, open(m5, m5.length, s));
            assertEquals(FspDrop.REPLAYED, open(m5, m5.length, s));
            assertEquals(6 + BODY.length, open(m3000, m3000.length, s));
            assertEquals(FspDrop.REPLAYED, open(m3000, m3000.length, s));
        }
        try (NoiseSession s = receiver()) {
            assertEquals(6 + BODY.length, open(m3000, m3000.length, s));
            // 3000 - 5 >= 2048: too old for the window
            assertEquals(FspDrop.REPLAYED, open(m5, m5.length, s));
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: decrypting in place and sealing a body already in place give the same bytes")
    void inPlace() {
        byte[] expected = seal(9, FspConstants.FLAG_CP | FspConstants.FLAG_K, CP, BODY);
        byte[] out = new byte[expected.length];
        System.arraycopy(BODY, 0, out, FspEncryptedCodec.bodyOffset(0, CP.length), BODY.length);
        try (CipherState cs = CipherState.of(KEY)) {
            int n = FspEncryptedCodec.sealWithCounter(cs, 9, FspConstants.FLAG_CP | FspConstants.FLAG_K, CP, 0,
                    CP.length, 1234, FspConstants.MSG_DATA_PACKET, 0, out,
                    FspEncryptedCodec.bodyOffset(0, CP.length), BODY.length, out, 0);
            assertEquals(expected.length, n);
        }
        assertArrayEquals(expected, out);
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(out, 0, out.length));
        assertTrue(f.keyEpoch());
        try (NoiseSession s = receiver()) {
            int n = f.decrypt(s, out, f.ciphertextOffset());
            FspInnerFlyweight inner = new FspInnerFlyweight();
            assertEquals(FspDrop.OK, inner.wrap(out, f.ciphertextOffset(), n));
            assertEquals(1234, inner.timestampMs());
            assertEquals(Hex.encode(BODY), Hex.encode(out, inner.bodyOffset(), inner.bodyLength()));
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: the timestamp is sent as the low 32 bits, read back unsigned")
    void timestampTruncatedToU32() {
        byte[] out = new byte[8];
        FspInnerFlyweight.write(out, 1, 0x1_FFFF_FFFEL, 0x13, 1);
        assertEquals("00feffffff130100", Hex.encode(out));
        FspInnerFlyweight f = new FspInnerFlyweight();
        assertEquals(FspDrop.OK, f.wrap(out, 1, 6));
        assertEquals(0xFFFF_FFFEL, f.timestampMs());
        assertEquals(0, f.bodyLength());
        assertEquals(FspDrop.TRUNCATED, f.wrap(out, 1, 5));
    }

    @Test
    @DisplayName("INTEROP.md 8.4: sealing rejects U, CP without coordinates and coordinates without CP")
    void sealMisuse() {
        try (CipherState cs = CipherState.of(KEY)) {
            byte[] out = new byte[256];
            assertThrows(IllegalArgumentException.class, () -> FspEncryptedCodec.seal(cs, FspConstants.FLAG_U, 0,
                    FspConstants.MSG_DATA_PACKET, 0, BODY, 0, BODY.length, out, 0));
            assertThrows(IllegalArgumentException.class, () -> FspEncryptedCodec.seal(cs, FspConstants.FLAG_CP, 0,
                    FspConstants.MSG_DATA_PACKET, 0, BODY, 0, BODY.length, out, 0));
            assertThrows(IllegalArgumentException.class, () -> FspEncryptedCodec.seal(cs, 0, CP, 0, CP.length, 0,
                    FspConstants.MSG_DATA_PACKET, 0, BODY, 0, BODY.length, out, 0));
            assertThrows(IllegalArgumentException.class, () -> FspEncryptedCodec.seal(cs, FspConstants.FLAG_CP, CP,
                    0, CP.length - 1, 0, FspConstants.MSG_DATA_PACKET, 0, BODY, 0, BODY.length, out, 0));
            assertEquals(0, cs.sendCount(), "rejected calls use no counter");
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: an output buffer that is too small is a drop code and uses no counter")
    void outputTooSmall() {
        try (CipherState cs = CipherState.of(KEY)) {
            byte[] out = new byte[FspEncryptedCodec.encodedLength(0, BODY.length) - 1];
            assertEquals(FspDrop.OUTPUT_TOO_SMALL, FspEncryptedCodec.seal(cs, 0, 0, FspConstants.MSG_DATA_PACKET, 0,
                    BODY, 0, BODY.length, out, 0));
            assertEquals(0, cs.sendCount());
        }
        byte[] msg = seal(0, 0, new byte[0], BODY);
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(msg, 0, msg.length));
        try (NoiseSession s = receiver()) {
            assertEquals(FspDrop.OUTPUT_TOO_SMALL, f.decrypt(s, new byte[f.plaintextLength()], 1));
            assertEquals(f.plaintextLength(), f.decrypt(s, new byte[f.plaintextLength()], 0));
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: DataPacket body = src_port u16 LE ‖ dst_port u16 LE ‖ payload")
    void dataPacketBody() {
        byte[] b = new byte[6];
        assertEquals(4, DataPacketBody.writePorts(b, 1, 1024, 2000));
        assertEquals("000004d00700", Hex.encode(b));
        assertEquals(1024, DataPacketBody.srcPort(b, 1));
        assertEquals(2000, DataPacketBody.dstPort(b, 1));
        assertEquals(5, DataPacketBody.payloadOffset(1));
        assertEquals(1, DataPacketBody.payloadLength(5));
        assertEquals(0, DataPacketBody.payloadLength(4));
        for (int len = 0; len < 4; len++) {
            assertEquals(FspDrop.TRUNCATED, DataPacketBody.payloadLength(len));
        }
        assertThrows(IllegalArgumentException.class, () -> DataPacketBody.writePorts(b, 0, 65536, 1));
    }

    @Test
    @DisplayName("INTEROP.md 8.2: dispatch by phase, and by U within phase 0")
    void classify() {
        assertEquals(FspPrefix.KIND_ENCRYPTED, FspPrefix.classify(Hex.decode("00020000"), 0, 4));
        assertEquals(FspPrefix.KIND_ERROR_SIGNAL, FspPrefix.classify(Hex.decode("00040000"), 0, 4));
        assertEquals(FspPrefix.KIND_SESSION_SETUP, FspPrefix.classify(Hex.decode("01000000"), 0, 4));
        assertEquals(FspPrefix.KIND_SESSION_ACK, FspPrefix.classify(Hex.decode("02000000"), 0, 4));
        assertEquals(FspPrefix.KIND_SESSION_MSG3, FspPrefix.classify(Hex.decode("13000000"), 0, 4));
        assertEquals(FspDrop.BAD_PHASE, FspPrefix.classify(Hex.decode("04000000"), 0, 4));
        assertEquals(FspDrop.TRUNCATED, FspPrefix.classify(Hex.decode("000000"), 0, 3));
        assertEquals("fsp_drop_auth_failed", FspDrop.name(NoiseSession.AUTH_FAILED));
        assertEquals("fsp_drop_replayed", FspDrop.name(NoiseSession.REPLAYED));
        assertEquals(Arrays.asList(-1, -2), Arrays.asList(FspDrop.AUTH_FAILED, FspDrop.REPLAYED));
    }
}
