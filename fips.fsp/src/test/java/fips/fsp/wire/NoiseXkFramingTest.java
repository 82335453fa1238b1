package fips.fsp.wire;

import static fips.fsp.wire.FspVectorsTest.assertWrappedPayload;
import static fips.fsp.wire.FspVectorsTest.coords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.json.JNode;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * FSP framing of the XK handshake and the first data messages in
 * vectors/noise_xk.json (INTEROP.md 8.3, 8.4). The IPv6 side of the data
 * messages is checked in fips.ipv6.
 */
class NoiseXkFramingTest {
    private static final JNode V =
            JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_xk.json")).get("vectors").items().get(0);
    private static final JNode INITIATOR = V.get("initiator");
    private static final JNode RESPONDER = V.get("responder");
    private static final NodeAddr ALICE = NodeAddr.fromHex(INITIATOR.get("node_addr").str());
    private static final NodeAddr BOB = NodeAddr.fromHex(RESPONDER.get("node_addr").str());

    @Test
    @DisplayName("INTEROP.md 8.3: SessionSetup = prefix ‖ flags 0 ‖ initiator coords ‖ responder coords ‖ XK msg1")
    void sessionSetup() throws FspDecodeException {
        SessionSetup setup = new SessionSetup(Coordinates.of(ALICE), Coordinates.of(BOB), V.get("noise_msg1").hex());
        byte[] expected = V.get("session_setup").hex();
        assertEquals(Hex.encode(expected), Hex.encode(setup.encode()));
        assertEquals(setup, SessionSetup.decode(expected, 0, expected.length));
        assertWrappedPayload(V.get("session_datagram_setup").hex(), expected);
    }

    @Test
    @DisplayName("INTEROP.md 8.3: SessionAck = prefix ‖ 0 ‖ responder coords ‖ initiator coords ‖ XK msg2")
    void sessionAck() throws FspDecodeException {
        SessionAck ack = new SessionAck(Coordinates.of(BOB), Coordinates.of(ALICE), V.get("noise_msg2").hex());
        byte[] expected = V.get("session_ack").hex();
        assertEquals(Hex.encode(expected), Hex.encode(ack.encode()));
        assertEquals(ack, SessionAck.decode(expected, 0, expected.length));
        assertWrappedPayload(V.get("session_datagram_ack").hex(), expected);
    }

    @Test
    @DisplayName("INTEROP.md 8.3: SessionMsg3 = prefix ‖ 0 ‖ hs_len 73 ‖ XK msg3")
    void sessionMsg3() throws FspDecodeException {
        SessionMsg3 msg3 = new SessionMsg3(V.get("noise_msg3").hex());
        byte[] expected = V.get("session_msg3").hex();
        assertEquals(Hex.encode(expected), Hex.encode(msg3.encode()));
        assertEquals(SessionMsg3.ENCODED_BYTES, expected.length);
        assertEquals(msg3, SessionMsg3.decode(expected, 0, expected.length));
        assertEquals(msg3, SessionHandshake.decode(expected, 0, expected.length));
        assertWrappedPayload(V.get("session_datagram_msg3").hex(), expected);
    }

    @Test
    @DisplayName("INTEROP.md 8.4: initiator→responder DataPacket with CP seals to the vector and opens for the responder")
    void dataInitiatorToResponder() {
        JNode d = V.get("fsp_data_initiator_to_responder");
        sealAndOpen(d, V.get("initiator_send_key").hex(),
                new TransportKeys(V.get("responder_send_key").hex(), V.get("responder_recv_key").hex()));
    }

    @Test
    @DisplayName("INTEROP.md 8.4: responder→initiator DataPacket seals to the vector and opens for the initiator")
    void dataResponderToInitiator() {
        JNode d = V.get("fsp_data_responder_to_initiator");
        sealAndOpen(d, V.get("responder_send_key").hex(),
                new TransportKeys(V.get("initiator_send_key").hex(), V.get("initiator_recv_key").hex()));
    }

    private static void sealAndOpen(JNode d, byte[] sendKey, TransportKeys receiverKeys) {
        byte[] expected = d.get("message").hex();
        byte[] body = d.get("body").hex();
        int flags = d.get("flags").i32();
        byte[] coords = (flags & FspConstants.FLAG_CP) != 0
                ? FspEncryptedCodec.encodeCoordsSection(coords(d, "src_coords"), coords(d, "dest_coords"))
                : new byte[0];
        byte[] out = new byte[expected.length];
        try (CipherState cs = CipherState.of(sendKey)) {
            assertEquals(d.get("counter").u64(), cs.sendCount());
            int n = FspEncryptedCodec.seal(cs, flags, coords, 0, coords.length, d.get("timestamp_ms").u64(),
                    d.get("msg_type").i32(), d.get("inner_flags").i32(), body, 0, body.length, out, 0);
            assertEquals(Hex.encode(expected), Hex.encode(out, 0, n));
        }
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(expected, 0, expected.length));
        try (NoiseSession s = new NoiseSession(receiverKeys)) {
            byte[] plain = new byte[f.plaintextLength()];
            int n = f.decrypt(s, plain, 0);
            FspInnerFlyweight inner = new FspInnerFlyweight();
            assertEquals(FspDrop.OK, inner.wrap(plain, 0, n));
            assertEquals(FspConstants.MSG_DATA_PACKET, inner.msgType());
            assertEquals(d.get("timestamp_ms").u64(), inner.timestampMs());
            assertArrayEquals(body, java.util.Arrays.copyOfRange(plain, inner.bodyOffset(),
                    inner.bodyOffset() + inner.bodyLength()));
            assertEquals(FspConstants.PORT_IPV6_SHIM, DataPacketBody.srcPort(plain, inner.bodyOffset()));
            assertEquals(FspConstants.PORT_IPV6_SHIM, DataPacketBody.dstPort(plain, inner.bodyOffset()));
            // The same message a second time is a replay (INTEROP.md 3.4, 8.4).
            assertEquals(FspDrop.REPLAYED, f.decrypt(s, plain, 0));
        }
    }
}
