package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.json.JNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plaintext routing error signals: layouts, round trips, truncation, malformed input, fsp.json (INTEROP.md 8.5). */
class ErrorSignalTest {
    private static final JNode FSP = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "fsp.json"));

    private static final NodeAddr A = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");
    private static final NodeAddr B = NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f");
    private static final NodeAddr ROOT = NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae");

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("CoordsRequired", new CoordsRequired(B, A)),
                Arguments.of("PathBroken", new PathBroken(B, A, List.of(B, ROOT))),
                Arguments.of("PathBroken(empty)", new PathBroken(B, A)),
                Arguments.of("MtuExceeded", new MtuExceeded(B, A, 1280)));
    }

    static Stream<Arguments> vectors() {
        return FSP.get("error_signals").items().stream().map(c -> Arguments.of(c.get("label").str(), c));
    }

    @Test
    @DisplayName("INTEROP.md 8.5, 8.10, 15 D18: CoordsRequired 38, MtuExceeded 40, PathBroken 40 + 16n bytes, field by field")
    void layouts() {
        assertEquals("00042200" + "2000" + B.toHex() + A.toHex(), Hex.encode(new CoordsRequired(B, A).encode()));
        assertEquals("00042400" + "2200" + B.toHex() + A.toHex() + "0005",
                Hex.encode(new MtuExceeded(B, A, 1280).encode()));
        assertEquals("00044400" + "2100" + B.toHex() + A.toHex() + "0200" + B.toHex() + ROOT.toHex(),
                Hex.encode(new PathBroken(B, A, List.of(B, ROOT)).encode()));
        assertEquals("00042400" + "2100" + B.toHex() + A.toHex() + "0000", Hex.encode(new PathBroken(B, A).encode()));
        assertEquals(ErrorSignal.PATH_BROKEN_MIN_BYTES + 32, new PathBroken(B, A, List.of(B, ROOT)).encodedLength());
        assertEquals(ErrorSignal.COORDS_REQUIRED_BYTES, new CoordsRequired(B, A).encode().length);
        assertEquals(ErrorSignal.MTU_EXCEEDED_BYTES, new MtuExceeded(B, A, 0xffff).encode().length);
        assertEquals(38, ErrorSignal.COORDS_REQUIRED_BYTES);
        assertEquals(40, ErrorSignal.MTU_EXCEEDED_BYTES);
        assertEquals(40, ErrorSignal.PATH_BROKEN_MIN_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    @DisplayName("INTEROP.md 8.5: decode(encode(x)) == x and encode(decode(bytes)) == bytes")
    void roundTrip(String name, ErrorSignal s) throws DecodeException {
        byte[] enc = s.encode();
        assertEquals(s.encodedLength(), enc.length);
        ErrorSignal d = ErrorSignal.decode(enc, 0, enc.length);
        assertEquals(s, d);
        assertArrayEquals(enc, d.encode());
        byte[] at = new byte[enc.length + 9];
        assertEquals(enc.length, s.encode(at, 4));
        assertArrayEquals(enc, Arrays.copyOfRange(at, 4, 4 + enc.length));
        assertEquals(s, ErrorSignal.decode(at, 4, enc.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    @DisplayName("STYLE.md 13, INTEROP.md 8.5: every truncated length fails with a DecodeException naming the field")
    void truncationAtEveryLength(String name, ErrorSignal s) {
        byte[] enc = s.encode();
        byte[] buf = new byte[enc.length + 10];
        System.arraycopy(enc, 0, buf, 5, enc.length);
        for (int len = 0; len < enc.length; len++) {
            int l = len;
            DecodeException e = assertThrows(DecodeException.class, () -> ErrorSignal.decode(buf, 5, l),
                    name + " len=" + len);
            assertEquals("ErrorSignal", e.messageType());
            assertTrue(e.got().endsWith("bytes"), name + ": " + e.getMessage());
            assertTrue(e.expected().contains(" at offset "), name + ": " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    @DisplayName("INTEROP.md 8.2: payload_len is not validated and bytes after a signal are ignored")
    void trailingBytesIgnored(String name, ErrorSignal s) throws DecodeException {
        byte[] enc = s.encode();
        byte[] longer = Arrays.copyOf(enc, enc.length + 3);
        longer[2] = 0x7f;
        assertEquals(s, ErrorSignal.decode(longer, 0, longer.length));
    }

    @Test
    @DisplayName("INTEROP.md 8.5: a signal needs phase 0, U set and a type in 0x20..0x22; the failure names what arrived")
    void malformed() {
        byte[] enc = new CoordsRequired(B, A).encode();
        byte[] noU = enc.clone();
        noU[1] = 0;
        DecodeException e = assertThrows(DecodeException.class, () -> ErrorSignal.decode(noU, 0, noU.length));
        assertEquals("prefix.flags", e.field());
        assertEquals("U (0x04) set", e.expected());
        assertEquals("0x00", e.got());
        byte[] unknown = enc.clone();
        unknown[4] = 0x23;
        e = assertThrows(DecodeException.class, () -> ErrorSignal.decode(unknown, 0, unknown.length));
        assertEquals("type", e.field());
        assertEquals("0x20, 0x21 or 0x22 at offset 4", e.expected());
        assertEquals("0x23", e.got());
        byte[] phase1 = enc.clone();
        phase1[0] = 0x01;
        e = assertThrows(DecodeException.class, () -> ErrorSignal.decode(phase1, 0, phase1.length));
        assertEquals("prefix.version_phase", e.field());
        assertEquals("phase 0", e.expected());
        assertEquals("phase 1", e.got());
        byte[] hostile = new PathBroken(B, A).encode();
        hostile[38] = (byte) 0xff;
        hostile[39] = (byte) 0xff;
        e = assertThrows(DecodeException.class, () -> ErrorSignal.decode(hostile, 0, hostile.length));
        assertEquals("last_known_coords", e.field());
        assertEquals("1048560 bytes at offset 40", e.expected());
        assertEquals("0 bytes", e.got());
    }

    @Test
    @DisplayName("Local misuse: a u16 MTU and at most 4093 last-known NodeAddrs, else IllegalArgumentException")
    void limits() {
        assertThrows(IllegalArgumentException.class, () -> new MtuExceeded(B, A, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new MtuExceeded(B, A, -1));
        assertEquals(4093, ErrorSignal.PATH_BROKEN_MAX_COORDS);
        List<NodeAddr> max = new ArrayList<>(Collections.nCopies(4093, ROOT));
        PathBroken p = new PathBroken(B, A, max);
        assertEquals(65528, p.encodedLength()); // payload_len 65524: a 4094th entry would pass 0xFFFF
        max.add(ROOT);
        assertThrows(IllegalArgumentException.class, () -> new PathBroken(B, A, max));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorSignalCodec.writePathBrokenHead(new byte[64], 0, 1, 2, A, 4094));
    }

    @Test
    @DisplayName("INTEROP.md 8.5: the allocation-free writers take dest as two longs and match the records")
    void codecMatchesRecords() {
        byte[] out = new byte[100];
        assertEquals(38, ErrorSignalCodec.writeCoordsRequired(out, 3, B.hi(), B.lo(), A));
        assertEquals(Hex.encode(new CoordsRequired(B, A).encode()), Hex.encode(out, 3, 38));
        assertEquals(40, ErrorSignalCodec.writeMtuExceeded(out, 3, B.hi(), B.lo(), A, 1234));
        assertEquals(Hex.encode(new MtuExceeded(B, A, 1234).encode()), Hex.encode(out, 3, 40));
        int p = ErrorSignalCodec.writePathBrokenHead(out, 3, B.hi(), B.lo(), A, 1);
        assertEquals(43, p);
        ROOT.write(out, p);
        assertEquals(56, ErrorSignalCodec.pathBrokenLength(1));
        assertEquals(Hex.encode(new PathBroken(B, A, List.of(ROOT)).encode()), Hex.encode(out, 3, 56));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("fsp.json error_signals: decode to the listed fields, re-encode byte for byte, ride in a ttl-64 datagram")
    void vectors(String label, JNode c) throws DecodeException {
        byte[] enc = c.get("encoded").hex();
        JNode d = c.get("decoded");
        ErrorSignal s = ErrorSignal.decode(enc, 0, enc.length);
        assertEquals(d.get("type").str(), ErrorSignal.name(s.type()));
        assertEquals(d.get("dest_addr").str(), s.destAddr().toHex());
        assertEquals(d.get("reporter").str(), s.reporter().toHex());
        if (s instanceof PathBroken p) {
            JNode lk = d.opt("last_known_coords");
            assertEquals(lk == null || lk.isNull(), !p.hasLastKnownCoords());
        }
        assertEquals(Hex.encode(enc), Hex.encode(s.encode()));
        byte[] w = c.get("wrapped_in_session_datagram").hex();
        SessionDatagram sd = SessionDatagram.decode(w, 0, w.length);
        assertEquals(SessionDatagram.DEFAULT_TTL, sd.ttl());
        assertEquals(s.reporter(), sd.src());
        assertEquals(Hex.encode(enc), Hex.encode(sd.payload()));
    }

    @Test
    @DisplayName("fsp.json: PathBroken without coords decodes with an empty last-known list")
    void pathBrokenWithoutCoords() throws DecodeException {
        byte[] enc = FSP.get("error_signals").items().get(1).get("encoded").hex();
        PathBroken p = assertInstanceOf(PathBroken.class, ErrorSignal.decode(enc, 0, enc.length));
        assertFalse(p.hasLastKnownCoords());
        assertEquals(List.of(), p.lastKnownCoords());
    }
}
