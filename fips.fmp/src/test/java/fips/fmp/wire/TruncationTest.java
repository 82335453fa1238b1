package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomFilter;
import fips.identity.Hex;
import fips.identity.NodeAddr;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decoder against every prefix of a valid encoding (STYLE.md rule 13):
 * each shorter input fails with a {@link DecodeException} saying what was
 * expected and what arrived, and no other exception escapes.
 */
class TruncationTest {
    @FunctionalInterface
    interface Decoder {
        LinkMessage decode(byte[] buf, int off, int len) throws DecodeException;
    }

    private static final NodeAddr A = NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae");
    private static final NodeAddr B = NodeAddr.fromHex("61bbaba542df5985be4f3d99d49c4c7b");
    private static final NodeAddr C = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");

    static ReceiverReport receiverReport() {
        return new ReceiverReport(0x0102030405060708L, 1000, 1_000_000, 0xFFFF_FFFFL, 65535, 3, 0x0180,
                250, 7, -1234, 2, 9, 64, 70000);
    }

    static TreeAnnounce treeAnnounce() {
        return new TreeAnnounce(7, 1750000009, B,
                List.of(new AncestryEntry(C, 7, 1750000009), new AncestryEntry(B, 2, 1750000005),
                        new AncestryEntry(A, 1, 1750000000)),
                new byte[64]);
    }

    static Stream<Arguments> decoders() {
        BloomFilter f = new BloomFilter();
        f.insert(A);
        return Stream.of(
                Arguments.of("Heartbeat", Heartbeat.INSTANCE, (Decoder) Heartbeat::decode, 1),
                Arguments.of("Disconnect", new Disconnect(DisconnectReason.TIMEOUT), (Decoder) Disconnect::decode, 2),
                Arguments.of("SenderReport", new SenderReport(100, 164, 5000, 6000, 70000, 1000, 1234567),
                        (Decoder) SenderReport::decode, 48),
                Arguments.of("ReceiverReport", receiverReport(), (Decoder) ReceiverReport::decode, 68),
                Arguments.of("TreeAnnounce", treeAnnounce(), (Decoder) TreeAnnounce::decode, 196),
                Arguments.of("FilterAnnounce", new FilterAnnounce(9, f), (Decoder) FilterAnnounce::decode, 1035),
                Arguments.of("LookupRequest", new LookupRequest(0x1122334455667788L, B, C, 64, 0, List.of(C, A)),
                        (Decoder) LookupRequest::decode, 78),
                Arguments.of("LookupResponse", new LookupResponse(-1L, C, 1280, List.of(C, B, A), new byte[64]),
                        (Decoder) LookupResponse::decode, 141),
                Arguments.of("SessionDatagram", new SessionDatagram(63, 1400, C, B, new byte[] {1, 2, 3}),
                        (Decoder) SessionDatagram::decode, 36));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    @DisplayName("reference/wire-formats.md \"Link-Layer Message Types\": decode of every prefix fails cleanly with expected-vs-got")
    void everyPrefix(String name, LinkMessage valid, Decoder decoder, int minValid) throws DecodeException {
        byte[] enc = valid.encode();
        // Place the message inside a larger buffer so a decoder reading past len would see valid-looking bytes.
        byte[] buf = new byte[enc.length + 20];
        System.arraycopy(enc, 0, buf, 10, enc.length);
        System.arraycopy(enc, 0, buf, 10 + enc.length, Math.min(10, enc.length));
        assertEquals(valid, decoder.decode(buf, 10, enc.length));
        assertEquals(valid, LinkMessage.decode(buf, 10, enc.length));

        for (int len = 0; len < enc.length; len++) {
            final int l = len;
            if (len >= minValid) {
                // Only SessionDatagram has a valid shorter form: a shorter payload.
                SessionDatagram d = (SessionDatagram) decoder.decode(buf, 10, l);
                assertEquals(len - SessionDatagram.HEADER_BYTES, d.payload().length);
                continue;
            }
            DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(buf, 10, l), "len " + len);
            assertEquals(name, e.messageType(), "len " + len);
            assertFalse(e.expected().isEmpty());
            assertFalse(e.got().isEmpty());
            assertTrue(e.getMessage().contains("expected " + e.expected() + ", got " + e.got()), e.getMessage());
            DecodeException viaDispatch = assertThrows(DecodeException.class, () -> LinkMessage.decode(buf, 10, l));
            assertFalse(viaDispatch.getMessage().isEmpty());
        }
    }

    @Test
    @DisplayName("INTEROP.md 5.1: TreeAnnounce truncation messages name the length check that failed")
    void treeAnnounceMessages() {
        byte[] enc = treeAnnounce().encode();
        DecodeException e = assertThrows(DecodeException.class, () -> TreeAnnounce.decode(enc, 0, 50));
        assertEquals("TreeAnnounce.body: expected 99 bytes at offset 1, got 49 bytes", e.getMessage());
        e = assertThrows(DecodeException.class, () -> TreeAnnounce.decode(enc, 0, 150));
        assertEquals("ancestry+signature", e.field());
        assertEquals("160 bytes at offset 36", e.expected());
        assertEquals("114 bytes", e.got());
        e = assertThrows(DecodeException.class, () -> TreeAnnounce.decode(enc, 0, 0));
        assertEquals("msg_type", e.field());
    }

    @Test
    @DisplayName("INTEROP.md 5.1: TreeAnnounce with version ≠ 1 or ancestry_count 0 is a decode error; trailing bytes are ignored")
    void treeAnnounceShape() throws DecodeException {
        byte[] enc = treeAnnounce().encode();
        byte[] v2 = enc.clone();
        v2[1] = 2;
        DecodeException e = assertThrows(DecodeException.class, () -> TreeAnnounce.decode(v2, 0, v2.length));
        assertEquals("version", e.field());
        assertEquals("0x01", e.expected());
        assertEquals("0x02", e.got());

        byte[] zero = new byte[100];
        System.arraycopy(enc, 0, zero, 0, 34);
        e = assertThrows(DecodeException.class, () -> TreeAnnounce.decode(zero, 0, zero.length));
        assertEquals("ancestry_count", e.field());

        byte[] longer = java.util.Arrays.copyOf(enc, enc.length + 5);
        assertEquals(treeAnnounce(), TreeAnnounce.decode(longer, 0, longer.length));
    }

    @Test
    @DisplayName("INTEROP.md 7: LookupRequest needs ≥ 45 bytes and count ≥ 1; LookupResponse needs ≥ 92 bytes and count ≥ 1")
    void lookupShape() {
        byte[] req = new LookupRequest(1, B, C, 64, 0, List.of(C)).encode();
        req[44] = 0;
        req[45] = 0;
        DecodeException e = assertThrows(DecodeException.class, () -> LookupRequest.decode(req, 0, 46));
        assertEquals("origin_coords_count", e.field());
        assertEquals("0", e.got());
        e = assertThrows(DecodeException.class, () -> LookupRequest.decode(req, 0, 40));
        assertEquals("LookupRequest.body: expected 45 bytes at offset 1, got 39 bytes", e.getMessage());

        byte[] resp = new LookupResponse(1, C, 1280, List.of(C), new byte[64]).encode();
        e = assertThrows(DecodeException.class, () -> LookupResponse.decode(resp, 0, 92));
        assertEquals("LookupResponse.body: expected 92 bytes at offset 1, got 91 bytes", e.getMessage());
        e = assertThrows(DecodeException.class, () -> LookupResponse.decode(resp, 0, resp.length - 1));
        assertEquals("proof", e.field());
        byte[] big = resp.clone();
        big[27] = (byte) 0xff;
        big[28] = (byte) 0xff;
        e = assertThrows(DecodeException.class, () -> LookupResponse.decode(big, 0, big.length));
        assertEquals("target_coords", e.field());
        assertEquals("1048560 bytes at offset 29", e.expected());
    }

    @Test
    @DisplayName("INTEROP.md 8.1: SessionDatagram decode needs ≥ 35 bytes after msg_type; the payload may be empty")
    void sessionDatagramShape() throws DecodeException {
        byte[] enc = Hex.decode("003f7805b32592850a6f83c5cd2d9dbd60454d4a96df45d0923da3f55e329ac9929eff2f");
        SessionDatagram d = SessionDatagram.decode(enc, 0, enc.length);
        assertEquals(0, d.payload().length);
        DecodeException e = assertThrows(DecodeException.class, () -> SessionDatagram.decode(enc, 0, 35));
        assertEquals("SessionDatagram.envelope: expected 35 bytes at offset 1, got 34 bytes", e.getMessage());
        SessionDatagramFlyweight f = new SessionDatagramFlyweight();
        assertFalse(f.wrap(enc, 0, 35));
        assertTrue(f.wrap(enc, 0, 36));
        assertEquals(0, f.payloadLength());
    }

    @Test
    @DisplayName("INTEROP.md 3.2: an unknown or mismatched msg_type is a DecodeException on msg_type")
    void msgTypeMismatch() {
        byte[] unknown = {0x42, 0, 0};
        DecodeException e = assertThrows(DecodeException.class, () -> LinkMessage.decode(unknown, 0, 3));
        assertEquals("msg_type", e.field());
        assertEquals("Unknown(0x42)", e.got());
        assertFalse(LinkMsgType.isKnown(0x42));
        byte[] hb = {0x51};
        e = assertThrows(DecodeException.class, () -> Disconnect.decode(hb, 0, 1));
        assertEquals("Disconnect.msg_type: expected 0x50, got 0x51", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkMessage.decode(hb, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Heartbeat.decode(hb, -1, 1));
    }

    @Test
    @DisplayName("reference/wire-formats.md: encoded sizes match the size table")
    void sizes() {
        assertEquals(100 + 32 * 3, treeAnnounce().encode().length);
        assertEquals(46 + 16 * 2, new LookupRequest(1, B, C, 64, 0, List.of(C, A)).encode().length);
        assertEquals(93 + 16 * 3, new LookupResponse(1, C, 1, List.of(C, B, A), new byte[64]).encode().length);
        assertEquals(1035, new FilterAnnounce(1, new BloomFilter()).encode().length);
        assertArrayEquals(new byte[] {0x50, (byte) 0xff}, new Disconnect(DisconnectReason.OTHER).encode());
    }
}
