package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.PublicKey;
import fips.json.JNode;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The first frames of a real IK link from vectors/noise_ik.json {@code transport_frames} (INTEROP.md 3.2, 2.1 "Split"). */
class NoiseIkTransportFramesTest {
    private static final JNode VECTOR =
            JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_ik.json")).get("vectors").items().get(0);

    static Stream<Arguments> frames() {
        List<Arguments> out = new ArrayList<>();
        for (JNode f : VECTOR.get("transport_frames").items()) {
            out.add(Arguments.of(f.get("direction").str() + " #" + f.get("counter").u64() + " "
                    + f.get("link_message_type").str(), f));
        }
        return out.stream();
    }

    private static byte[] sendKey(JNode f) {
        return switch (f.get("direction").str()) {
            case "initiator->responder" -> VECTOR.get("initiator_send_key").hex();
            case "responder->initiator" -> VECTOR.get("responder_send_key").hex();
            default -> throw new AssertionError("direction " + f.get("direction").str());
        };
    }

    /** The sender's static key: the TreeAnnounce in each direction is signed by it. */
    private static PublicKey senderStatic(JNode f) {
        String who = f.get("direction").str().startsWith("initiator") ? "initiator" : "responder";
        return PublicKey.fromCompressed(VECTOR.get(who).get("static_pub").hex());
    }

    @Test
    @DisplayName("INTEROP.md 3.2 (noise_ik.json): four transport frames, two per direction")
    void shape() {
        assertEquals(4, VECTOR.get("transport_frames").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    @DisplayName("INTEROP.md 3.2: each transport frame reproduces exactly with its direction's send key")
    void reproduce(String label, JNode f) {
        byte[] message = f.get("link_message").hex();
        byte[] frame = f.get("frame").hex();
        byte[] out = new byte[frame.length];
        try (CipherState cs = CipherState.of(sendKey(f))) {
            for (long c = 0; c < f.get("counter").u64(); c++) {
                cs.nextCounter();
            }
            int n = EstablishedFrame.seal(cs, (int) f.get("receiver_idx").u64(), f.get("flags").i32(),
                    f.get("timestamp_ms").u64(), message, 0, message.length, out, 0);
            assertEquals(frame.length, n);
        }
        assertEquals(f.get("header_aad").str(), Hex.encode(out, 0, 16));
        assertEquals(Hex.encode(frame), Hex.encode(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    @DisplayName("INTEROP.md 3.2, 5.1: the receiver opens each frame and decodes its link message")
    void openAndDecode(String label, JNode f) throws DecodeException {
        byte[] frame = f.get("frame").hex();
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(frame, 0, frame.length));
        byte[] key = sendKey(f);
        byte[] pt = new byte[frame.length];
        try (NoiseSession rx = new NoiseSession(new TransportKeys(new byte[32], key))) {
            int n = EstablishedFrame.open(rx, frame, 0, frame.length, pt, 0);
            assertEquals(f.get("inner_plaintext").hex().length, n);
            assertEquals(f.get("inner_plaintext").str(), Hex.encode(pt, 0, n));
            assertEquals(f.get("timestamp_ms").u64(), LinkPlaintext.timestampMs(pt, 0));

            LinkMessage m = LinkMessage.decode(pt, LinkPlaintext.MSG_TYPE_OFFSET, n - LinkPlaintext.MSG_TYPE_OFFSET);
            assertEquals(f.get("link_message_type").str(), LinkMsgType.name(m.msgType()));
            assertArrayEquals(f.get("link_message").hex(), m.encode());
            if (m instanceof TreeAnnounce t) {
                PublicKey sender = senderStatic(f);
                assertTrue(t.verify(sender), "TreeAnnounce signed by the sender's static key");
                assertEquals(sender.nodeAddr(), t.nodeAddr());
                assertTrue(t.isRoot());
                assertEquals(TreeAnnounceCheck.OK, t.validateSemantics());
            } else {
                assertInstanceOf(Heartbeat.class, m);
            }
            // The same frame again is a replay.
            assertEquals(EstablishedFrame.REPLAYED, EstablishedFrame.open(rx, frame, 0, frame.length, pt, 0));
        }
    }
}
