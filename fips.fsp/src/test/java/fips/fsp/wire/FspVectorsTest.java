package fips.fsp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.PathBroken;
import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.json.JNode;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from vectors/fsp.json (INTEROP.md 8.3, 8.4, 8.5). */
class FspVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "fsp.json"));
    /** SessionDatagram header incl. msg_type (INTEROP.md 8.1, 8.10). */
    private static final int DATAGRAM_HEADER_BYTES = 36;

    static Stream<Arguments> handshakes() {
        return cases("handshake_messages");
    }

    static Stream<Arguments> encrypted() {
        return cases("encrypted_messages");
    }

    static Stream<Arguments> signals() {
        return cases("error_signals");
    }

    private static Stream<Arguments> cases(String key) {
        return FILE.get(key).items().stream().map(c -> Arguments.of(c.get("label").str(), c));
    }

    @Test
    @DisplayName("fsp.json: the vector file has the expected number of cases")
    void vectorFileShape() {
        assertEquals(2, FILE.get("handshake_messages").items().size());
        assertEquals(4, FILE.get("encrypted_messages").items().size());
        assertEquals(2, FILE.get("error_signals").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakes")
    @DisplayName("INTEROP.md 8.3: handshake messages decode and re-encode byte for byte")
    void handshakeRoundTrip(String label, JNode c) throws FspDecodeException {
        byte[] encoded = c.get("encoded").hex();
        SessionHandshake m = SessionHandshake.decode(encoded, 0, encoded.length);
        assertEquals(c.get("phase").i32(), m.phase());
        assertEquals(c.get("phase").i32(), FspPrefix.phase(encoded, 0));
        assertEquals(c.get("payload_len").i32(), FspPrefix.payloadLen(encoded, 0));
        assertEquals(encoded.length, m.encodedLength());
        assertArrayEquals(encoded, m.encode());
        assertEquals(m.phase() + 1, FspPrefix.classify(encoded, 0, encoded.length));
        assertWrappedPayload(c.get("wrapped_in_session_datagram").hex(), encoded);
    }

    @Test
    @DisplayName("INTEROP.md 8.3: the fsp.json SessionSetup carries flags 0x03 and three/two coordinates")
    void setupFields() throws FspDecodeException {
        JNode c = FILE.get("handshake_messages").items().get(0);
        byte[] encoded = c.get("encoded").hex();
        SessionSetup s = SessionSetup.decode(encoded, 0, encoded.length);
        assertEquals(SessionSetup.FLAG_REQUEST_ACK | SessionSetup.FLAG_BIDIRECTIONAL, s.flags());
        assertEquals(List.of(NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a"),
                NodeAddr.fromHex("61bbaba542df5985be4f3d99d49c4c7b"),
                NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae")), s.srcCoords().path());
        assertEquals(List.of(NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f"),
                NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae")), s.destCoords().path());
        byte[] hs = new byte[FspConstants.XK_MSG1_BYTES];
        Arrays.fill(hs, (byte) 0x11);
        hs[0] = 0x02; // shaped like a compressed public key
        assertArrayEquals(hs, s.handshake());
        // Built from fields rather than decoded: the same bytes.
        assertArrayEquals(encoded, new SessionSetup(3, s.srcCoords(), s.destCoords(), hs).encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encrypted")
    @DisplayName("INTEROP.md 8.4: sealing reproduces header_aad, inner_plaintext and message")
    void sealReproducesMessage(String label, JNode c) {
        byte[] expected = c.get("message").hex();
        byte[] body = c.get("body").hex();
        byte[] coords = coordsSection(c);
        int flags = c.get("flags").i32();
        byte[] out = new byte[expected.length + 7];
        try (CipherState cs = CipherState.of(c.get("key").hex())) {
            int n = FspEncryptedCodec.sealWithCounter(cs, c.get("counter").u64(), flags, coords, 0, coords.length,
                    c.get("timestamp_ms").u64(), c.get("msg_type").i32(), c.get("inner_flags").i32(), body, 0,
                    body.length, out, 5);
            assertEquals(expected.length, n);
            assertEquals(Hex.encode(expected), Hex.encode(out, 5, n));
            assertEquals(c.get("header_aad").str(), Hex.encode(out, 5, FspConstants.HEADER_BYTES));
            assertEquals(FspEncryptedCodec.encodedLength(coords.length, body.length), n);
        }
        // The inner plaintext the AEAD saw: inner header ‖ body.
        byte[] inner = new byte[FspConstants.INNER_HEADER_BYTES + body.length];
        FspInnerFlyweight.write(inner, 0, c.get("timestamp_ms").u64(), c.get("msg_type").i32(),
                c.get("inner_flags").i32());
        System.arraycopy(body, 0, inner, FspConstants.INNER_HEADER_BYTES, body.length);
        assertEquals(c.get("inner_plaintext").str(), Hex.encode(inner));
        assertWrappedPayload(c.get("wrapped_in_session_datagram").hex(), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encrypted")
    @DisplayName("INTEROP.md 8.4: seal() with the CipherState's own counter reaches the same bytes")
    void sealWithNextCounter(String label, JNode c) {
        byte[] expected = c.get("message").hex();
        byte[] body = c.get("body").hex();
        byte[] coords = coordsSection(c);
        byte[] out = new byte[expected.length];
        try (CipherState cs = CipherState.of(c.get("key").hex())) {
            for (long i = 0; i < c.get("counter").u64(); i++) {
                cs.nextCounter();
            }
            int n = FspEncryptedCodec.seal(cs, c.get("flags").i32(), coords, 0, coords.length,
                    c.get("timestamp_ms").u64(), c.get("msg_type").i32(), c.get("inner_flags").i32(), body, 0,
                    body.length, out, 0);
            assertEquals(Hex.encode(expected), Hex.encode(out, 0, n));
            assertEquals(c.get("counter").u64() + 1, cs.sendCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encrypted")
    @DisplayName("INTEROP.md 8.4: opening message yields header fields, inner header and body")
    void openMessage(String label, JNode c) {
        byte[] message = c.get("message").hex();
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(message, 0, message.length));
        assertEquals(c.get("flags").i32(), f.flags());
        assertEquals(c.get("counter").u64(), f.counter());
        assertEquals(c.get("inner_plaintext").hex().length, f.payloadLen());
        assertEquals(coordsSection(c).length, f.coordsLength());
        try (NoiseSession s = receiver(c.get("key").hex())) {
            byte[] out = new byte[f.plaintextLength()];
            int n = f.decrypt(s, out, 0);
            assertEquals(c.get("inner_plaintext").str(), Hex.encode(out, 0, n));
            FspInnerFlyweight inner = new FspInnerFlyweight();
            assertEquals(FspDrop.OK, inner.wrap(out, 0, n));
            assertEquals(c.get("timestamp_ms").u64(), inner.timestampMs());
            assertEquals(c.get("msg_type").i32(), inner.msgType());
            assertEquals(c.get("inner_flags").i32(), inner.innerFlags());
            assertEquals((c.get("inner_flags").i32() & 1) != 0, inner.spinBit());
            assertEquals(c.get("body").str(), Hex.encode(inner.buffer(), inner.bodyOffset(), inner.bodyLength()));
        }
    }

    @Test
    @DisplayName("INTEROP.md 8.4: CoordsWarmup's cleartext CP coordinates are readable without decrypting")
    void cpCoordinatesReadable() {
        JNode c = FILE.get("encrypted_messages").items().get(3);
        assertEquals(FspConstants.MSG_COORDS_WARMUP, c.get("msg_type").i32());
        byte[] message = c.get("message").hex();
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(message, 0, message.length));
        assertTrue(f.coordsPresent());
        assertEquals(coords(c, "src_coords"), f.srcCoords());
        assertEquals(coords(c, "dest_coords"), f.destCoords());
        assertEquals(3, f.srcCoordsCount());
        assertEquals(2, f.destCoordsCount());
        assertEquals(NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a"), f.srcCoord(0));
        assertEquals(NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae"), f.destCoord(1));
        assertEquals(FspConstants.HEADER_BYTES, f.coordsOffset());
        assertEquals(FspConstants.HEADER_BYTES + f.coordsLength(), f.ciphertextOffset());
        assertEquals(FspConstants.INNER_HEADER_BYTES + FspConstants.TAG_BYTES, f.ciphertextLength());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    @DisplayName("INTEROP.md 8.5: error signals (FMP's codec) are classified as such by the FSP prefix, decode to "
            + "the listed fields and re-encode byte for byte")
    void errorSignals(String label, JNode c) throws DecodeException {
        byte[] encoded = c.get("encoded").hex();
        JNode d = c.get("decoded");
        NodeAddr dest = NodeAddr.fromHex(d.get("dest_addr").str());
        NodeAddr reporter = NodeAddr.fromHex(d.get("reporter").str());
        ErrorSignal expected = switch (d.get("type").str()) {
            case "CoordsRequired" -> new CoordsRequired(dest, reporter);
            case "PathBroken" -> new PathBroken(dest, reporter, lastKnownAbsent(d)
                    ? List.of() : coords(d, "last_known_coords").path());
            default -> throw new IllegalArgumentException("unexpected type in vector: " + d.get("type").str());
        };
        assertEquals(FspPrefix.KIND_ERROR_SIGNAL, FspPrefix.classify(encoded, 0, encoded.length));
        assertEquals(expected, ErrorSignal.decode(encoded, 0, encoded.length));
        assertEquals(Hex.encode(encoded), Hex.encode(expected.encode()));
        assertEquals(encoded.length, expected.encodedLength());
        assertWrappedPayload(c.get("wrapped_in_session_datagram").hex(), encoded);
    }

    @Test
    @DisplayName("INTEROP.md 8.5: PathBroken without coords decodes with no last known coordinates")
    void pathBrokenWithoutCoords() throws DecodeException {
        byte[] encoded = FILE.get("error_signals").items().get(1).get("encoded").hex();
        PathBroken p = assertInstanceOf(PathBroken.class, ErrorSignal.decode(encoded, 0, encoded.length));
        assertEquals(false, p.hasLastKnownCoords());
        assertEquals(ErrorSignal.PATH_BROKEN_MIN_BYTES, encoded.length);
    }

    /** The vector's SessionDatagram carries exactly these bytes as its payload (INTEROP.md 8.1). */
    static void assertWrappedPayload(byte[] wrapped, byte[] payload) {
        assertEquals(DATAGRAM_HEADER_BYTES + payload.length, wrapped.length);
        assertEquals(Hex.encode(payload), Hex.encode(wrapped, DATAGRAM_HEADER_BYTES, payload.length));
    }

    static NoiseSession receiver(byte[] recvKey) {
        byte[] unusedSendKey = new byte[32];
        return new NoiseSession(new TransportKeys(unusedSendKey, recvKey));
    }

    static Coordinates coords(JNode c, String key) {
        return new Coordinates(c.get(key).items().stream().map(a -> NodeAddr.fromHex(a.str())).toList());
    }

    /** PathBroken's last_known_coords is absent or JSON null when the reporter knows none. */
    private static boolean lastKnownAbsent(JNode decoded) {
        JNode coords = decoded.opt("last_known_coords");
        return coords == null || coords.isNull();
    }

    /** The CP section from the entry's src_coords/dest_coords when CP is set, else nothing. */
    static byte[] coordsSection(JNode c) {
        if ((c.get("flags").i32() & FspConstants.FLAG_CP) == 0) {
            return new byte[0];
        }
        return FspEncryptedCodec.encodeCoordsSection(coords(c, "src_coords"), coords(c, "dest_coords"));
    }
}
