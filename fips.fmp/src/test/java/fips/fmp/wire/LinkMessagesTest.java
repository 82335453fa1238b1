package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.identity.SecretKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Link messages beyond the vectors: layouts, validation and the sign/verify helpers. */
class LinkMessagesTest {
    /** INTEROP.md Appendix A key; its node_addr is 69e08d65cc3a6b9c2c2ac4bd405e4b0e. */
    private static final SecretKey KEY = SecretKey.fromBytes(
            Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));
    private static final NodeAddr SELF = KEY.publicKey().nodeAddr();
    private static final NodeAddr ROOT = NodeAddr.fromHex("004158f874f812f4df4fe2493dee8bae");
    private static final NodeAddr MID = NodeAddr.fromHex("61bbaba542df5985be4f3d99d49c4c7b");
    private static final NodeAddr BIG = NodeAddr.fromHex("f0000000000000000000000000000000");
    private static final byte[] AUX = new byte[32];

    @Test
    @DisplayName("INTEROP.md 10.1: link ReceiverReport is 68 bytes in the documented order")
    void receiverReportLayout() throws DecodeException {
        ReceiverReport rr = TruncationTest.receiverReport();
        byte[] enc = rr.encode();
        assertEquals("020000000807060504030201e80300000000000040420f0000000000ffffffffffff030080010000"
                + "fa000000070000002efbffff02000000090000004000000070110100", Hex.encode(enc));
        // Reserved bytes are skipped, not checked, on receive.
        enc[1] = 9;
        enc[38] = 9;
        assertEquals(rr, ReceiverReport.decode(enc, 0, enc.length));
        assertEquals(-1234, rr.owdTrend());
        assertThrows(IllegalArgumentException.class,
                () -> new ReceiverReport(0, 0, 0, 1L << 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReceiverReport(0, 0, 0, 0, 65536, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("INTEROP.md 10.1: u64 counters keep their bits above 2^63")
    void senderReportUnsigned() throws DecodeException {
        SenderReport sr = new SenderReport(-1L, Long.MIN_VALUE, 0xFFFF_FFFFL, 0, 1, 2, 3);
        byte[] enc = sr.encode();
        assertEquals("01000000ffffffffffffffff0000000000000080ffffffff", Hex.encode(enc, 0, 24));
        assertEquals(sr, SenderReport.decode(enc, 0, enc.length));
    }

    @Test
    @DisplayName("INTEROP.md 3.9: every reason code round-trips; unknown codes decode as Other")
    void disconnectReasons() throws DecodeException {
        for (DisconnectReason r : DisconnectReason.values()) {
            byte[] enc = new Disconnect(r).encode();
            assertEquals(r.code(), enc[1] & 0xff);
            assertEquals(r, Disconnect.decode(enc, 0, 2).reason());
        }
        assertEquals(DisconnectReason.OTHER, Disconnect.decode(new byte[] {0x50, 0x08}, 0, 2).reason());
        assertEquals(DisconnectReason.OTHER, Disconnect.decode(new byte[] {0x50, (byte) 0x80}, 0, 2).reason());
        assertEquals(DisconnectReason.CONFIGURATION_CHANGE, DisconnectReason.fromCode(6));
    }

    @Test
    @DisplayName("INTEROP.md 4, 5.1: a signed announce verifies with the signer's key only; ancestry is not signed")
    void treeAnnounceSignVerify() {
        TreeAnnounce t = TreeAnnounce.signed(KEY, 3, 1700000000, MID,
                List.of(new AncestryEntry(SELF, 3, 1700000000), new AncestryEntry(MID, 2, 1699999990),
                        new AncestryEntry(ROOT, 1, 1699999900)),
                AUX);
        assertTrue(t.verify(KEY.publicKey()));
        assertFalse(t.verify(SecretKey.fromBytes(new byte[] {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}).publicKey()));
        assertEquals(TreeAnnounceCheck.OK, t.validateSemantics());
        assertEquals(2, t.depth());
        assertEquals(ROOT, t.root());
        assertEquals(List.of(SELF, MID, ROOT), t.coords());
        // Changing an ancestry entry's timestamp keeps the signature valid (INTEROP.md 4, SPEC≠CODE D1).
        TreeAnnounce edited = new TreeAnnounce(t.sequence(), t.timestampSecs(), t.parent(),
                List.of(t.ancestry().get(0), new AncestryEntry(MID, 2, 1), t.ancestry().get(2)), t.signature());
        assertTrue(edited.verify(KEY.publicKey()));
        // Changing the signed sequence does not.
        TreeAnnounce bumped = new TreeAnnounce(4, t.timestampSecs(), t.parent(), t.ancestry(), t.signature());
        assertFalse(bumped.verify(KEY.publicKey()));
        assertTrue(bumped.sign(KEY, AUX).verify(KEY.publicKey()));
        // Only ancestry[0]'s key may sign.
        TreeAnnounce other = new TreeAnnounce(1, 1, ROOT, List.of(new AncestryEntry(MID, 1, 1),
                new AncestryEntry(ROOT, 1, 1)), new byte[64]);
        assertThrows(IllegalArgumentException.class, () -> other.sign(KEY, AUX));
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 4: root declarations must be alone; the root must be the minimum")
    void treeAnnounceSemantics() {
        byte[] sig = new byte[64];
        TreeAnnounce root = new TreeAnnounce(1, 1, ROOT, List.of(new AncestryEntry(ROOT, 1, 1)), sig);
        assertTrue(root.isRoot());
        assertEquals(TreeAnnounceCheck.OK, root.validateSemantics());
        TreeAnnounce child = new TreeAnnounce(1, 1, ROOT,
                List.of(new AncestryEntry(MID, 1, 1), new AncestryEntry(ROOT, 1, 1)), sig);
        assertFalse(child.isRoot());
        assertEquals(TreeAnnounceCheck.OK, child.validateSemantics());
        TreeAnnounce selfParentLong = new TreeAnnounce(1, 1, MID,
                List.of(new AncestryEntry(MID, 1, 1), new AncestryEntry(MID, 1, 1)), sig);
        assertEquals(TreeAnnounceCheck.ROOT_DECLARATION_MISMATCH, selfParentLong.validateSemantics());
        assertEquals("RootDeclarationMismatch", TreeAnnounceCheck.ROOT_DECLARATION_MISMATCH.specName());
        TreeAnnounce bigRoot = new TreeAnnounce(1, 1, BIG,
                List.of(new AncestryEntry(MID, 1, 1), new AncestryEntry(BIG, 1, 1)), sig);
        assertEquals(TreeAnnounceCheck.ANCESTRY_ROOT_NOT_MINIMUM, bigRoot.validateSemantics());
        TreeAnnounce lowerMiddle = new TreeAnnounce(1, 1, ROOT,
                List.of(new AncestryEntry(BIG, 1, 1), new AncestryEntry(ROOT, 1, 1), new AncestryEntry(MID, 1, 1)),
                sig);
        assertEquals(TreeAnnounceCheck.ANCESTRY_ROOT_NOT_MINIMUM, lowerMiddle.validateSemantics());
        assertThrows(IllegalArgumentException.class, () -> new TreeAnnounce(1, 1, ROOT, List.of(), sig));
        assertThrows(IllegalArgumentException.class,
                () -> new TreeAnnounce(1, 1, ROOT, List.of(new AncestryEntry(ROOT, 1, 1)), new byte[63]));
    }

    @Test
    @DisplayName("INTEROP.md 4, 7: a signed LookupResponse verifies; path_mtu can be lowered in transit")
    void lookupResponseSignVerify() throws DecodeException {
        LookupResponse r = LookupResponse.signed(KEY, 42, SELF, LookupResponse.PATH_MTU_UNLIMITED,
                List.of(SELF, MID, ROOT), AUX);
        assertTrue(r.verify(KEY.publicKey()));
        LookupResponse lowered = r.withPathMtu(1280);
        assertTrue(lowered.verify(KEY.publicKey()));
        byte[] enc = lowered.encode();
        assertEquals("0005", Hex.encode(enc, LookupResponse.PATH_MTU_OFFSET, 2));
        assertEquals(lowered, LookupResponse.decode(enc, 0, enc.length));
        assertNotEquals(r, lowered);
        // A different request id breaks the proof.
        LookupResponse replayed = new LookupResponse(43, SELF, 1280, r.targetCoords(), r.proof());
        assertFalse(replayed.verify(KEY.publicKey()));
        assertThrows(IllegalArgumentException.class,
                () -> LookupResponse.signed(KEY, 1, ROOT, 1, List.of(ROOT), AUX));
    }

    @Test
    @DisplayName("INTEROP.md 7: LookupRequest layout; ttl is re-encoded one lower when forwarded")
    void lookupRequest() throws DecodeException {
        LookupRequest q = new LookupRequest(0x1122334455667788L, MID, SELF, 64, 0, List.of(SELF, ROOT));
        byte[] enc = q.encode();
        assertEquals(78, enc.length);
        assertEquals(64, enc[LookupRequest.TTL_OFFSET]);
        LookupRequest f = LookupRequest.decode(enc, 0, enc.length).withTtl(63);
        assertEquals(63, f.encode()[LookupRequest.TTL_OFFSET]);
        assertThrows(IllegalArgumentException.class,
                () -> new LookupRequest(1, MID, SELF, 256, 0, List.of(SELF)));
        assertThrows(IllegalArgumentException.class, () -> new LookupRequest(1, MID, SELF, 1, 0, List.of()));
    }

    @Test
    @DisplayName("INTEROP.md 8.1: SessionDatagram header written in place reads back through record and flyweight")
    void sessionDatagramInPlace() throws DecodeException {
        byte[] buf = new byte[60];
        SessionDatagramFlyweight.writeHeader(buf, 4, 64, 0xFFFF, SELF, ROOT);
        buf[40] = 0x7f;
        SessionDatagram d = SessionDatagram.decode(buf, 4, 37);
        assertEquals(new SessionDatagram(64, 0xFFFF, SELF, ROOT, new byte[] {0x7f}), d);
        SessionDatagramFlyweight f = new SessionDatagramFlyweight();
        assertTrue(f.wrap(buf, 4, 37));
        assertEquals(SELF, f.src());
        assertEquals(ROOT, f.dest());
        assertEquals(40, f.payloadOffset());
        assertEquals(1, f.payloadLength());
        f.lowerPathMtu(70000);
        assertEquals(0xFFFF, f.pathMtu());
        f.lowerPathMtu(1280);
        f.ttl(0);
        assertArrayEquals(new SessionDatagram(0, 1280, SELF, ROOT, new byte[] {0x7f}).encode(),
                java.util.Arrays.copyOfRange(buf, 4, 41));
        buf[4] = 0x10;
        assertFalse(f.wrap(buf, 4, 37));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: msg_type names and the known set")
    void msgTypes() {
        int[] known = {0x00, 0x01, 0x02, 0x10, 0x20, 0x30, 0x31, 0x50, 0x51};
        int count = 0;
        for (int t = 0; t < 256; t++) {
            if (LinkMsgType.isKnown(t)) {
                assertEquals(known[count++], t);
                assertFalse(LinkMsgType.name(t).startsWith("Unknown"));
            }
        }
        assertEquals(known.length, count);
        assertEquals("TreeAnnounce", LinkMsgType.name(0x10));
    }
}
