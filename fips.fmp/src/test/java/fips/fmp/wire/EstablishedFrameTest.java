package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.internal.Le;
import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sealing and opening established frames beyond the vectors (INTEROP.md 3.2, 3.3, 3.4, 8.1). */
class EstablishedFrameTest {
    private static final byte[] KEY_AB = Hex.decode("24ac372be62e4f28942a232cdfe78b1f1e7400bad047b05e141fc872be5716fd");
    private static final byte[] KEY_BC = Hex.decode("c74f76b9b609b6cb04172ec73d615da1f1daf5658a7ae2a350a7e48f59a37106");
    private static final int IDX = 0xA1B2C3D4;

    /** A sends with KEY_AB; B receives with it. */
    private final NoiseSession a = new NoiseSession(new TransportKeys(KEY_AB, KEY_BC));
    private final NoiseSession b = new NoiseSession(new TransportKeys(KEY_BC, KEY_AB));

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private byte[] heartbeat(long ts) {
        byte[] out = new byte[37];
        int n = EstablishedFrame.seal(a.send(), IDX, 0, ts, LinkMsgType.HEARTBEAT, new byte[0], 0, 0, out, 0);
        assertEquals(37, n);
        return out;
    }

    @Test
    @DisplayName("INTEROP.md 3.2: counters come from the send state, 0, 1, 2 ...; the header is the 16-byte AAD")
    void countersAdvance() {
        for (long c = 0; c < 3; c++) {
            byte[] f = heartbeat(1000 + c);
            EstablishedFrame v = new EstablishedFrame().wrap(f, 0, f.length);
            assertEquals(c, v.counter());
            assertEquals(IDX, v.receiverIdx());
            assertEquals(5, v.payloadLen());
            assertEquals(String.format("00000500d4c3b2a1%02x00000000000000", c), Hex.encode(f, 0, 16));
        }
        assertEquals(3, a.send().sendCount());
    }

    @Test
    @DisplayName("INTEROP.md 3.4: a replayed counter is dropped as REPLAYED, before any crypto")
    void replay() {
        byte[] f = heartbeat(7);
        byte[] pt = new byte[64];
        assertEquals(5, EstablishedFrame.open(b, f, 0, f.length, pt, 0));
        assertEquals(7, LinkPlaintext.timestampMs(pt, 0));
        assertEquals(LinkMsgType.HEARTBEAT, LinkPlaintext.msgType(pt, 0));
        assertEquals(EstablishedFrame.REPLAYED, EstablishedFrame.open(b, f, 0, f.length, pt, 0));
        assertEquals(NoiseSession.REPLAYED, EstablishedFrame.REPLAYED);
    }

    @Test
    @DisplayName("INTEROP.md 3.2, 3.4: a tampered tag, ciphertext or header is AUTH_FAILED and does not mark the window")
    void tampering() {
        byte[] f = heartbeat(7);
        byte[] pt = new byte[64];
        int[] positions = {36, 16, 1, 4, 8};
        for (int pos : positions) {
            byte[] t = f.clone();
            t[pos] ^= 0x01;
            // Byte 8 changes the counter: a fresh counter passes the replay check, then fails the AEAD.
            assertEquals(EstablishedFrame.AUTH_FAILED, EstablishedFrame.open(b, t, 0, t.length, pt, 0), "byte " + pos);
        }
        // None of the failures marked counter 0: the genuine frame still opens.
        assertEquals(5, EstablishedFrame.open(b, f, 0, f.length, pt, 0));
        assertEquals(NoiseSession.AUTH_FAILED, EstablishedFrame.AUTH_FAILED);
    }

    @Test
    @DisplayName("INTEROP.md 3.1: a frame whose payload_len is wrong is BAD_PAYLOAD_LEN (and MALFORMED if opened anyway)")
    void wrongPayloadLen() {
        byte[] f = heartbeat(7);
        f[2] = 6;
        assertEquals(PrefixVerdict.BAD_PAYLOAD_LEN, FmpPrefix.classify(f, 0, f.length));
        assertEquals(EstablishedFrame.MALFORMED, EstablishedFrame.open(b, f, 0, f.length, new byte[64], 0));
        assertEquals(EstablishedFrame.MALFORMED, EstablishedFrame.open(b, f, 0, 31, new byte[64], 0));
        byte[] g = heartbeat(8);
        g[0] = 0x01;
        assertEquals(EstablishedFrame.MALFORMED, EstablishedFrame.open(b, g, 0, g.length, new byte[64], 0));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: an authentic plaintext shorter than 5 bytes is dropped")
    void shortPlaintext() {
        byte[] f = new byte[36];
        FmpPrefix.write(f, 0, 0, 0, 4);
        Le.putI32(f, 4, IDX);
        Le.putU64(f, 8, 0);
        a.send().seal(0, f, 0, 16, new byte[4], 0, 4, f, 16);
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(f, 0, f.length));
        assertEquals(EstablishedFrame.PLAINTEXT_TOO_SHORT, EstablishedFrame.open(b, f, 0, f.length, new byte[64], 0));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: an output buffer too small for the plaintext is a drop code, not an exception")
    void outTooSmall() {
        byte[] f = heartbeat(7);
        assertEquals(EstablishedFrame.OUT_TOO_SMALL, EstablishedFrame.open(b, f, 0, f.length, new byte[4], 0));
        assertEquals(EstablishedFrame.OUT_TOO_SMALL, EstablishedFrame.open(b, f, 0, f.length, new byte[10], 6));
        // Nothing was consumed: the frame still opens.
        assertEquals(5, EstablishedFrame.open(b, f, 0, f.length, new byte[5], 0));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: 1400-byte body sealed and opened in place round-trips with flags K|CE|SP")
    void inPlaceRoundTrip() {
        byte[] buf = new byte[16 + 5 + 1400 + 16];
        byte[] body = new byte[1400];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        System.arraycopy(body, 0, buf, 21, body.length);
        LinkPlaintext.writeHeader(buf, 16, 0x1_2345_6789L, LinkMsgType.SESSION_DATAGRAM);
        int n = EstablishedFrame.sealInPlace(a.send(), IDX, 0x07, buf, 0, 1405);
        assertEquals(buf.length, n);
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(buf, 0, n));
        EstablishedFrame v = new EstablishedFrame().wrap(buf, 0, n);
        assertEquals(1, v.keyEpoch());
        assertTrue(v.congestionExperienced());
        assertTrue(v.spinBit());
        assertEquals(1405, v.open(b, buf, 16));
        // Timestamp truncated to u32.
        assertEquals(0x2345_6789L, LinkPlaintext.timestampMs(buf, 16));
        assertArrayEquals(body, Arrays.copyOfRange(buf, LinkPlaintext.bodyOffset(16), 16 + 1405));
        assertEquals(1400, LinkPlaintext.bodyLength(1405));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: sealing misuse is an IllegalArgumentException naming the values")
    void sealMisuse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EstablishedFrame.seal(a.send(), IDX, 0, 0, 0x51, new byte[0], 0, 0, new byte[36], 0));
        assertTrue(e.getMessage().contains("frameLength=37"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EstablishedFrame.seal(a.send(), IDX, 0, 0, 0x00, new byte[65531], 0, 65531, new byte[70000], 0));
        assertThrows(IllegalArgumentException.class,
                () -> EstablishedFrame.seal(a.send(), IDX, 0, 0, 0x00, new byte[10], 5, 6, new byte[100], 0));
        assertThrows(IllegalArgumentException.class,
                () -> EstablishedFrame.sealInPlace(a.send(), IDX, 256, new byte[100], 0, 5));
        assertEquals(0, a.send().sendCount(), "no counter is burnt by a rejected call");
    }

    @Test
    @DisplayName("INTEROP.md 8.1: transit forwarding decrypts, lowers ttl and path_mtu in place and re-seals for the next hop")
    void forwardInPlace() throws DecodeException {
        NodeAddr src = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");
        NodeAddr dest = NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f");
        byte[] payload = Hex.decode("00042200200096df45d0923da3f55e329ac9929eff2fb32592850a6f83c5cd2d9dbd60454d4a");
        byte[] msg = new SessionDatagram(64, 0xFFFF, src, dest, payload).encode();
        byte[] buf = new byte[2048];
        int n = EstablishedFrame.seal(a.send(), IDX, 0, 100, msg, 0, msg.length, buf, 0);

        // Transit node B: open in place, rewrite the envelope, re-seal with the B->C key in the same buffer.
        int pt = EstablishedFrame.open(b, buf, 0, n, buf, 16);
        assertEquals(msg.length + 4, pt);
        SessionDatagramFlyweight d = new SessionDatagramFlyweight();
        assertTrue(d.wrap(buf, 16 + LinkPlaintext.MSG_TYPE_OFFSET, pt - LinkPlaintext.MSG_TYPE_OFFSET));
        assertTrue(d.destEquals(dest));
        assertFalse(d.destEquals(src));
        assertEquals(dest.hi(), d.destHi());
        assertEquals(src.lo(), d.srcLo());
        d.ttl(d.ttl() - 1);
        d.lowerPathMtu(1400);
        d.lowerPathMtu(1500);
        LinkPlaintext.writeHeader(buf, 16, 5, LinkMsgType.SESSION_DATAGRAM);
        int n2 = EstablishedFrame.sealInPlace(b.send(), 0x11223344, 0, buf, 0, pt);
        assertEquals(n, n2);

        // Node C opens with the B->C key.
        try (NoiseSession c = new NoiseSession(new TransportKeys(new byte[32], KEY_BC))) {
            byte[] out = new byte[n2];
            int m = EstablishedFrame.open(c, buf, 0, n2, out, 0);
            assertEquals(pt, m);
            SessionDatagram sd = SessionDatagram.decode(out, 4, m - 4);
            assertEquals(new SessionDatagram(63, 1400, src, dest, payload), sd);
        }
    }
}
