package fips.ipv6.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.fsp.wire.Coordinates;
import fips.fsp.wire.DataPacketBody;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.FspDrop;
import fips.fsp.wire.FspEncryptedCodec;
import fips.fsp.wire.FspEncryptedFlyweight;
import fips.fsp.wire.FspInnerFlyweight;
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
 * An IPv6 packet end to end through the shim and FSP, against the
 * fsp_data_* entries of vectors/noise_xk.json (INTEROP.md 8.4, 9.1):
 * compress into a port-256 DataPacket body, seal, open, decompress.
 */
class Ipv6FspDataTest {
    private static final JNode V =
            JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_xk.json")).get("vectors").items().get(0);
    private static final NodeAddr ALICE = NodeAddr.fromHex(V.get("initiator").get("node_addr").str());
    private static final NodeAddr BOB = NodeAddr.fromHex(V.get("responder").get("node_addr").str());

    @Test
    @DisplayName("INTEROP.md 8.4/9.1: initiator→responder ping: body = compress(ipv6_packet), sealed = message, round trip")
    void initiatorToResponder() {
        endToEnd(V.get("fsp_data_initiator_to_responder"), V.get("initiator_send_key").hex(),
                new TransportKeys(V.get("responder_send_key").hex(), V.get("responder_recv_key").hex()), ALICE, BOB);
    }

    @Test
    @DisplayName("INTEROP.md 8.4/9.1: responder→initiator reply: body = compress(ipv6_packet), sealed = message, round trip")
    void responderToInitiator() {
        endToEnd(V.get("fsp_data_responder_to_initiator"), V.get("responder_send_key").hex(),
                new TransportKeys(V.get("initiator_send_key").hex(), V.get("initiator_recv_key").hex()), BOB, ALICE);
    }

    private static void endToEnd(JNode d, byte[] sendKey, TransportKeys receiverKeys, NodeAddr sender,
            NodeAddr receiver) {
        byte[] ipv6 = d.get("ipv6_packet").hex();
        int flags = d.get("flags").i32();
        byte[] coords = (flags & FspConstants.FLAG_CP) != 0
                ? FspEncryptedCodec.encodeCoordsSection(coords(d, "src_coords"), coords(d, "dest_coords"))
                : new byte[0];

        // Sender: compress straight into the body position of the output buffer, then seal in place.
        byte[] wire = new byte[2048];
        int bodyOff = FspEncryptedCodec.bodyOffset(0, coords.length);
        int bodyLen = Ipv6ShimCodec.compressDataPacketBody(ipv6, 0, ipv6.length, wire, bodyOff);
        assertEquals(d.get("body").str(), Hex.encode(wire, bodyOff, bodyLen));
        int wireLen;
        try (CipherState cs = CipherState.of(sendKey)) {
            wireLen = FspEncryptedCodec.sealWithCounter(cs, d.get("counter").u64(), flags, coords, 0, coords.length,
                    d.get("timestamp_ms").u64(), d.get("msg_type").i32(), d.get("inner_flags").i32(), wire,
                    bodyOff, bodyLen, wire, 0);
        }
        assertEquals(d.get("message").str(), Hex.encode(wire, 0, wireLen));

        // Receiver: open in place, check ports, decompress with src = the sender, local = the receiver.
        byte[] message = d.get("message").hex();
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(message, 0, message.length));
        int plainLen;
        try (NoiseSession s = new NoiseSession(receiverKeys)) {
            plainLen = f.decrypt(s, message, f.ciphertextOffset());
        }
        FspInnerFlyweight inner = new FspInnerFlyweight();
        assertEquals(FspDrop.OK, inner.wrap(message, f.ciphertextOffset(), plainLen));
        assertEquals(FspConstants.MSG_DATA_PACKET, inner.msgType());
        int body = inner.bodyOffset();
        assertEquals(FspConstants.PORT_IPV6_SHIM, DataPacketBody.dstPort(message, body));
        assertEquals(FspConstants.PORT_IPV6_SHIM, DataPacketBody.srcPort(message, body));
        byte[] restored = new byte[1500];
        int n = Ipv6ShimCodec.decompress(message, DataPacketBody.payloadOffset(body),
                DataPacketBody.payloadLength(inner.bodyLength()), sender, receiver, restored, 0);
        assertEquals(Hex.encode(ipv6), Hex.encode(restored, 0, n));
    }

    private static Coordinates coords(JNode d, String key) {
        return new Coordinates(d.get(key).items().stream().map(a -> NodeAddr.fromHex(a.str())).toList());
    }
}
