package fips.fsp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Malformed and truncated control-plane messages: handshakes and coordinates (INTEROP.md 8.3). The plaintext
 * error signals of INTEROP.md 8.5 are FMP's and are tested in {@code fips.fmp.wire.ErrorSignalTest}.
 */
class FspControlDecodeTest {
    private static final NodeAddr A = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");
    private static final NodeAddr B = NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f");
    private static final NodeAddr ROOT = NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae");

    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] buf, int off, int len) throws FspDecodeException;
    }

    private record Case(String name, byte[] encoded, Decoder decoder) {}

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static List<Case> cases() {
        SessionSetup setup = new SessionSetup(Coordinates.of(A, ROOT), Coordinates.of(B, ROOT), filled(33, 1));
        SessionAck ack = new SessionAck(Coordinates.of(B, ROOT), Coordinates.of(A, ROOT), filled(57, 2));
        SessionMsg3 msg3 = new SessionMsg3(filled(73, 3));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("SessionSetup", setup.encode(), SessionSetup::decode));
        cases.add(new Case("SessionAck", ack.encode(), SessionAck::decode));
        cases.add(new Case("SessionMsg3", msg3.encode(), SessionMsg3::decode));
        cases.add(new Case("SessionHandshake(Setup)", setup.encode(), SessionHandshake::decode));
        cases.add(new Case("SessionHandshake(Ack)", ack.encode(), SessionHandshake::decode));
        cases.add(new Case("Coordinates", Coordinates.of(A, B, ROOT).encode(), Coordinates::decode));
        return cases;
    }

    @Test
    @DisplayName("INTEROP.md 8.3: every decoder fails cleanly (FspDecodeException) at every truncated length")
    void truncationAtEveryLength() throws FspDecodeException {
        for (Case c : cases()) {
            // Inside a larger buffer so offsets are exercised; the bytes beyond len are valid data.
            byte[] buf = new byte[c.encoded.length + 10];
            System.arraycopy(c.encoded, 0, buf, 5, c.encoded.length);
            for (int len = 0; len < c.encoded.length; len++) {
                int l = len;
                FspDecodeException e = assertThrows(FspDecodeException.class, () -> c.decoder.decode(buf, 5, l),
                        c.name + " len=" + len);
                assertTrue(e.offset() >= 0 && e.offset() <= len, c.name + ": " + e.getMessage());
                assertTrue(e.got().endsWith("left"), c.name + ": " + e.getMessage());
            }
            Object full = c.decoder.decode(buf, 5, c.encoded.length);
            assertEquals(c.decoder.decode(c.encoded, 0, c.encoded.length), full, c.name);
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.3: encode(decode(x)) == x for every control message")
    void roundTrips() throws FspDecodeException {
        for (Case c : cases()) {
            Object m = c.decoder.decode(c.encoded, 0, c.encoded.length);
            byte[] again = switch (m) {
                case SessionHandshake h -> h.encode();
                case Coordinates k -> k.encode();
                default -> throw new AssertionError(m);
            };
            assertArrayEquals(c.encoded, again, c.name);
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.2: bytes after a control message are ignored (payload_len is not validated)")
    void trailingBytesIgnored() throws FspDecodeException {
        for (Case c : cases()) {
            if (c.name.equals("Coordinates")) {
                continue; // standalone coordinates must be exact; checked below
            }
            byte[] longer = Arrays.copyOf(c.encoded, c.encoded.length + 3);
            longer[2] = 0x7f; // payload_len garbage too
            assertEquals(c.decoder.decode(c.encoded, 0, c.encoded.length),
                    c.decoder.decode(longer, 0, longer.length), c.name);
        }
        byte[] coords = Arrays.copyOf(Coordinates.of(A).encode(), 19);
        FspDecodeException e = assertThrows(FspDecodeException.class, () -> Coordinates.decode(coords, 0, 19));
        assertEquals("end of input", e.expected());
        assertEquals("1 more bytes", e.got());
    }

    @Test
    @DisplayName("INTEROP.md 8.3: SessionSetup wire layout, field by field")
    void setupLayout() {
        byte[] hs = filled(33, 0xee);
        byte[] enc = new SessionSetup(SessionSetup.FLAG_REQUEST_ACK, Coordinates.of(A), Coordinates.of(B, ROOT), hs)
                .encode();
        String expected = "01" + "00" + "5800" // prefix: phase 1, flags 0, payload_len 88
                + "01" // setup flags
                + "0100" + A.toHex() + "0200" + B.toHex() + ROOT.toHex() + "2100" + Hex.encode(hs);
        assertEquals(expected, Hex.encode(enc));
    }

    @Test
    @DisplayName("INTEROP.md 8.3: handshake payload length must be exactly 33/57/73")
    void handshakeLengthMustBeExact() {
        byte[] setup = new SessionSetup(Coordinates.of(A), Coordinates.of(B), filled(33, 1)).encode();
        int hsLenOff = 4 + 1 + 18 + 18;
        byte[] bad = Arrays.copyOf(setup, setup.length + 1);
        bad[hsLenOff] = 34;
        FspDecodeException e = assertThrows(FspDecodeException.class, () -> SessionSetup.decode(bad, 0, bad.length));
        assertEquals("SessionSetup", e.messageType());
        assertEquals("hs_len", e.field());
        assertEquals(hsLenOff, e.offset());
        assertEquals("33", e.expected());
        assertEquals("34", e.got());

        byte[] msg3 = new SessionMsg3(filled(73, 3)).encode();
        msg3[5] = 72;
        e = assertThrows(FspDecodeException.class, () -> SessionMsg3.decode(msg3, 0, msg3.length));
        assertEquals("hs_len", e.field());
        assertEquals("73", e.expected());
        assertEquals("72", e.got());

        byte[] ack = new SessionAck(Coordinates.of(B), Coordinates.of(A), filled(57, 2)).encode();
        ack[hsLenOff] = 33;
        e = assertThrows(FspDecodeException.class, () -> SessionAck.decode(ack, 0, ack.length));
        assertEquals("57", e.expected());
        assertEquals("33", e.got());

        assertThrows(IllegalArgumentException.class, () -> new SessionSetup(Coordinates.of(A), Coordinates.of(B),
                filled(32, 0)));
        assertThrows(IllegalArgumentException.class, () -> new SessionAck(Coordinates.of(A), Coordinates.of(B),
                filled(33, 0)));
        assertThrows(IllegalArgumentException.class, () -> new SessionMsg3(filled(57, 0)));
    }

    @Test
    @DisplayName("INTEROP.md 8.3: a coordinates count of 0 in SessionSetup/SessionAck is a decode error")
    void emptyCoordinatesRejected() {
        // Setup with src count 0: prefix ‖ flags ‖ 0000 ‖ dest ‖ hs
        byte[] good = new SessionSetup(Coordinates.of(A), Coordinates.of(B), filled(33, 1)).encode();
        byte[] bad = new byte[good.length - 16];
        System.arraycopy(good, 0, bad, 0, 5);
        System.arraycopy(good, 5 + 18, bad, 5 + 2, good.length - 5 - 18);
        FspDecodeException e = assertThrows(FspDecodeException.class, () -> SessionSetup.decode(bad, 0, bad.length));
        assertEquals("src_coords.count", e.field());
        assertEquals(5, e.offset());
        assertEquals("0", e.got());

        byte[] ack = new SessionAck(Coordinates.of(B), Coordinates.of(A), filled(57, 2)).encode();
        byte[] badAck = new byte[ack.length - 16];
        System.arraycopy(ack, 0, badAck, 0, 5 + 18);
        System.arraycopy(ack, 5 + 18 + 18, badAck, 5 + 18 + 2, ack.length - 5 - 36);
        e = assertThrows(FspDecodeException.class, () -> SessionAck.decode(badAck, 0, badAck.length));
        assertEquals("dest_coords.count", e.field());

        assertThrows(IllegalArgumentException.class, () -> new SessionSetup(Coordinates.EMPTY, Coordinates.of(B),
                filled(33, 1)));
    }

    @Test
    @DisplayName("INTEROP.md 8.2: each decoder checks the phase nibble and reports what arrived")
    void wrongPhase() {
        byte[] msg3 = new SessionMsg3(filled(73, 3)).encode();
        FspDecodeException e = assertThrows(FspDecodeException.class, () -> SessionSetup.decode(msg3, 0, msg3.length));
        assertEquals("prefix.version_phase", e.field());
        assertEquals("phase 1", e.expected());
        assertEquals("phase 3", e.got());
        byte[] enc = Hex.decode("00000000");
        e = assertThrows(FspDecodeException.class, () -> SessionHandshake.decode(enc, 0, enc.length));
        assertEquals("phase 0", e.got());
        // The version nibble is not checked for handshakes (INTEROP.md 8.2).
        byte[] v1 = msg3.clone();
        v1[0] = 0x13;
        assertEquals(assertDoesNotThrowDecode(msg3), assertDoesNotThrowDecode(v1));
    }

    private static SessionMsg3 assertDoesNotThrowDecode(byte[] b) {
        try {
            return SessionMsg3.decode(b, 0, b.length);
        } catch (FspDecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.3: coordinates are count u16 LE ‖ NodeAddrs; lengths are measured without decoding")
    void coordinates() throws FspDecodeException {
        Coordinates c = Coordinates.of(A, ROOT);
        byte[] enc = c.encode();
        assertEquals("0200" + A.toHex() + ROOT.toHex(), Hex.encode(enc));
        assertEquals(c, Coordinates.decode(enc, 0, enc.length));
        assertEquals(34, Coordinates.encodedLengthAt(enc, 0, enc.length));
        assertEquals(-1, Coordinates.encodedLengthAt(enc, 0, 33));
        assertEquals(-1, Coordinates.encodedLengthAt(enc, 0, 1));
        assertEquals(Coordinates.EMPTY, Coordinates.decode(new byte[2], 0, 2));
        byte[] hostile = Hex.decode("ffff00");
        FspDecodeException e = assertThrows(FspDecodeException.class, () -> Coordinates.decode(hostile, 0, 3));
        assertEquals("1048560 bytes", e.expected());
        assertEquals("1 byte left", e.got());
    }
}
