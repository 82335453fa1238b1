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
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from vectors/frames.json (INTEROP.md 3.1, 3.2, 3.3, 3.9, 5.1, 7, 8.1, 10.1). */
class FramesVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "frames.json"));

    static Stream<Arguments> linkMessages() {
        return FILE.get("link_messages").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    static Stream<Arguments> establishedFrames() {
        return FILE.get("established_frames").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    static Stream<Arguments> rejectFrames() {
        return FILE.get("reject_frames").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    @Test
    @DisplayName("INTEROP.md 3 (frames.json): the vector file has the expected number of cases")
    void vectorFileShape() {
        assertEquals(9, FILE.get("link_messages").items().size());
        assertEquals(9, FILE.get("established_frames").items().size());
        assertEquals(1, FILE.get("handshake_frames").items().size());
        assertEquals(3, FILE.get("reject_frames").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkMessages")
    @DisplayName("reference/wire-formats.md \"Link-Layer Message Types\": decode, fields and re-encode are byte-exact")
    void linkMessageRoundTrip(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        assertEquals(v.get("length").i32(), encoded.length);
        LinkMessage m = LinkMessage.decode(encoded, 0, encoded.length);
        assertEquals(v.get("msg_type").i32(), m.msgType());
        assertEquals(v.get("msg_type_name").str(), LinkMsgType.name(m.msgType()));
        assertEquals(Hex.encode(encoded), Hex.encode(m.encode()));

        JNode fields = v.get("fields");
        for (String name : fields.keys()) {
            checkField(m, name, fields);
        }
        // Records built from the listed fields alone encode to the vector where the fields say everything.
        LinkMessage rebuilt = switch (m) {
            case Heartbeat h -> Heartbeat.INSTANCE;
            case Disconnect d -> new Disconnect(DisconnectReason.fromCode(fields.get("reason").i32()));
            case SenderReport s -> fromFields(fields);
            default -> m;
        };
        assertArrayEquals(encoded, rebuilt.encode());
        assertEquals(m, rebuilt);
    }

    private static SenderReport fromFields(JNode f) {
        return new SenderReport(f.get("interval_start_counter").u64(), f.get("interval_end_counter").u64(),
                f.get("interval_start_timestamp").u64(), f.get("interval_end_timestamp").u64(),
                f.get("interval_bytes_sent").u64(), f.get("cumulative_packets_sent").u64(),
                f.get("cumulative_bytes_sent").u64());
    }

    private static void checkField(LinkMessage m, String name, JNode fields) {
        switch (name) {
            case "signed_by" -> {
                TreeAnnounce t = assertInstanceOf(TreeAnnounce.class, m);
                PublicKey pk = PublicKey.fromNpub(fields.get(name).str());
                assertTrue(t.verify(pk), "signature verifies with " + fields.get(name).str());
                assertEquals(pk.nodeAddr(), t.nodeAddr(), "ancestry[0] is the signer");
                assertEquals(TreeAnnounceCheck.OK, t.validateSemantics());
            }
            default -> assertEquals(fields.get(name).u64(), numericField(m, name), name);
        }
    }

    private static long numericField(LinkMessage m, String name) {
        return switch (m) {
            case Disconnect d when name.equals("reason") -> d.reason().code();
            case SenderReport s -> switch (name) {
                case "interval_start_counter" -> s.intervalStartCounter();
                case "interval_end_counter" -> s.intervalEndCounter();
                case "interval_start_timestamp" -> s.intervalStartTimestamp();
                case "interval_end_timestamp" -> s.intervalEndTimestamp();
                case "interval_bytes_sent" -> s.intervalBytesSent();
                case "cumulative_packets_sent" -> s.cumulativePacketsSent();
                case "cumulative_bytes_sent" -> s.cumulativeBytesSent();
                default -> throw new AssertionError("unhandled SenderReport field " + name);
            };
            case LookupRequest l -> switch (name) {
                case "request_id" -> l.requestId();
                case "ttl" -> l.ttl();
                case "min_mtu" -> l.minMtu();
                default -> throw new AssertionError("unhandled LookupRequest field " + name);
            };
            case SessionDatagram d -> switch (name) {
                case "ttl" -> d.ttl();
                case "path_mtu" -> d.pathMtu();
                default -> throw new AssertionError("unhandled SessionDatagram field " + name);
            };
            default -> throw new AssertionError("unhandled field " + name + " of " + m);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("establishedFrames")
    @DisplayName("INTEROP.md 3.2: sealing the inner plaintext gives exactly header_aad and frame")
    void sealEstablishedFrame(String label, JNode v) {
        byte[] plaintext = v.get("inner_plaintext").hex();
        byte[] frame = v.get("frame").hex();
        long counter = v.get("counter").u64();
        int receiverIdx = (int) v.get("receiver_idx").u64();
        int flags = v.get("flags").i32();
        assertEquals(v.get("payload_len").i32(), plaintext.length);
        assertEquals(v.get("frame_length").i32(), frame.length);
        // The vector's plaintext is timestamp ‖ msg_type ‖ body.
        assertEquals(v.get("timestamp_ms").u64(), LinkPlaintext.timestampMs(plaintext, 0));

        // Explicit counter, plaintext already in place behind 16 bytes of headroom.
        byte[] buf = new byte[plaintext.length + 32];
        System.arraycopy(plaintext, 0, buf, 16, plaintext.length);
        try (CipherState cs = CipherState.of(v.get("key").hex())) {
            int n = EstablishedFrame.sealInPlace(cs, counter, receiverIdx, flags, buf, 0, plaintext.length);
            assertEquals(frame.length, n);
        }
        assertEquals(v.get("header_aad").str(), Hex.encode(buf, 0, 16));
        assertEquals(Hex.encode(frame), Hex.encode(buf));

        // The reserving path: a send state that has handed out `counter` nonces, body copied from elsewhere.
        byte[] out = new byte[frame.length + 7];
        try (CipherState cs = CipherState.of(v.get("key").hex())) {
            for (long c = 0; c < counter; c++) {
                cs.nextCounter();
            }
            int n = EstablishedFrame.seal(cs, receiverIdx, flags, v.get("timestamp_ms").u64(),
                    LinkPlaintext.msgType(plaintext, 0), plaintext, 5, plaintext.length - 5, out, 7);
            assertEquals(frame.length, n);
            assertEquals(counter + 1, cs.sendCount());
        }
        assertEquals(Hex.encode(frame), Hex.encode(out, 7, frame.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("establishedFrames")
    @DisplayName("INTEROP.md 3.2: the prefix check accepts the frame; opening it gives back the plaintext and header fields")
    void openEstablishedFrame(String label, JNode v) throws DecodeException {
        byte[] frame = v.get("frame").hex();
        byte[] plaintext = v.get("inner_plaintext").hex();
        assertEquals(PrefixVerdict.ESTABLISHED, FmpPrefix.classify(frame, 0, frame.length));

        EstablishedFrame f = new EstablishedFrame().wrap(frame, 0, frame.length);
        assertEquals(v.get("receiver_idx").u64(), Integer.toUnsignedLong(f.receiverIdx()));
        assertEquals(v.get("counter").u64(), f.counter());
        assertEquals(v.get("flags").i32(), f.flags());
        assertEquals(v.get("flags").i32() & 1, f.keyEpoch());
        assertEquals((v.get("flags").i32() & 2) != 0, f.congestionExperienced());
        assertEquals((v.get("flags").i32() & 4) != 0, f.spinBit());
        assertEquals(v.get("payload_len").i32(), f.payloadLen());

        byte[] out = new byte[plaintext.length + 3];
        try (NoiseSession s = session(v.get("key").hex())) {
            int n = f.open(s, out, 3);
            assertEquals(plaintext.length, n);
        }
        assertEquals(Hex.encode(plaintext), Hex.encode(out, 3, plaintext.length));
        assertEquals(v.get("timestamp_ms").u64(), LinkPlaintext.timestampMs(out, 3));
        // The body decodes as the link message with the same label.
        LinkMessage m = LinkMessage.decode(out, 3 + LinkPlaintext.MSG_TYPE_OFFSET, plaintext.length - 4);
        JNode lm = FILE.get("link_messages").items().stream()
                .filter(x -> x.get("label").str().equals(label)).findFirst().orElseThrow();
        assertArrayEquals(lm.get("encoded").hex(), m.encode());
    }

    @Test
    @DisplayName("INTEROP.md 3.1: msg1 handshake packet prefix, payload_len and sender_idx")
    void handshakeFrames() {
        for (JNode v : FILE.get("handshake_frames").items()) {
            byte[] wire = v.get("wire").hex();
            assertEquals(v.get("length").i32(), wire.length);
            assertEquals(PrefixVerdict.MSG1, FmpPrefix.classify(wire, 0, wire.length));
            assertEquals(v.get("prefix").str(), Hex.encode(wire, 0, 4));
            assertEquals(v.get("payload_len").i32(), FmpPrefix.payloadLen(wire, 0));
            assertEquals(v.get("sender_idx").u64(), Integer.toUnsignedLong(HandshakePacket.senderIdx(wire, 0)));
            int noiseOff = HandshakePacket.noiseOffset(FmpPrefix.phase(wire, 0), 0);
            byte[] noise = Arrays.copyOfRange(wire, noiseOff, noiseOff + HandshakePacket.noiseLength(1));
            assertArrayEquals(wire, HandshakePacket.encodeMsg1((int) v.get("sender_idx").u64(), noise));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectFrames")
    @DisplayName("INTEROP.md 3.1, 3.2: every reject frame is dropped by the prefix check or by authentication")
    void rejectFrame(String label, JNode v) {
        assertEquals("reject", v.get("expect").str());
        String outcome = receive(v.get("frame").hex());
        assertTrue(!outcome.equals("accepted"), label + " was accepted");
        String expected = switch (label) {
            case "payload_len off by one (rx_loop drops)" -> "BAD_PAYLOAD_LEN";
            case "flags byte changed (AAD mismatch -> AEAD failure)" -> "AUTH_FAILED";
            case "truncated below 32 bytes" -> "TOO_SHORT";
            default -> outcome; // a new vector: rejection is all that is asserted
        };
        assertEquals(expected, outcome);
    }

    /**
     * What a receiver does with {@code frame}: the prefix verdict if it drops
     * it, else the open result with the key of each established frame (the
     * rejects are mutations of one of them), "accepted" if any key opens it.
     */
    private static String receive(byte[] frame) {
        PrefixVerdict verdict = FmpPrefix.classify(frame, 0, frame.length);
        if (verdict.isDrop()) {
            return verdict.name();
        }
        String result = null;
        for (JNode e : FILE.get("established_frames").items()) {
            try (NoiseSession s = session(e.get("key").hex())) {
                int n = EstablishedFrame.open(s, frame, 0, frame.length, new byte[frame.length], 0);
                if (n >= 0) {
                    return "accepted";
                }
                assertEquals(EstablishedFrame.AUTH_FAILED, n);
                result = "AUTH_FAILED";
            }
        }
        return result;
    }

    static NoiseSession session(byte[] key) {
        return new NoiseSession(new TransportKeys(key, key));
    }
}
