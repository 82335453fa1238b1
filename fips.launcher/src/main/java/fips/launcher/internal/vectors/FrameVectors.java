package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.fmp.wire.Disconnect;
import fips.fmp.wire.EstablishedFrame;
import fips.fmp.wire.FmpPrefix;
import fips.fmp.wire.HandshakePacket;
import fips.fmp.wire.LinkMessage;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.LookupRequest;
import fips.fmp.wire.PrefixVerdict;
import fips.fmp.wire.SenderReport;
import fips.fmp.wire.SessionDatagram;
import fips.fmp.wire.TreeAnnounce;
import fips.identity.PublicKey;
import fips.json.JNode;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.util.Arrays;
import java.util.List;

/**
 * frames.json: link messages (INTEROP.md 3.2 message types, 3.9, 5.1, 7, 8.1,
 * 10.1), established frames (3.2, 3.3), handshake packets (3.1) and the frames
 * a receiver must reject.
 */
final class FrameVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "frames.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("link_messages") || root.has("established_frames");
    }

    @Override
    public void run(JNode root, Report r) {
        if (root.has("link_messages")) {
            for (JNode m : root.get("link_messages").items()) {
                r.check(IdentityVectors.caseId(m), () -> linkMessage(m));
            }
        }
        if (root.has("established_frames")) {
            for (JNode f : root.get("established_frames").items()) {
                r.check(IdentityVectors.caseId(f), () -> established(f));
            }
        }
        if (root.has("handshake_frames")) {
            for (JNode f : root.get("handshake_frames").items()) {
                r.check(IdentityVectors.caseId(f), () -> handshake(f));
            }
        }
        if (root.has("reject_frames")) {
            List<JNode> keys = root.has("established_frames") ? root.get("established_frames").items() : List.of();
            for (JNode f : root.get("reject_frames").items()) {
                r.check(IdentityVectors.caseId(f), () -> reject(f, keys));
            }
        }
    }

    static void linkMessage(JNode m) throws Exception {
        byte[] enc = m.get("encoded").hex();
        eq("length", m.get("length").i32(), enc.length);
        eq("msg_type", m.get("msg_type").i32(), enc[0] & 0xff);
        if (m.has("msg_type_name")) eq("msg_type_name", m.get("msg_type_name").str(), LinkMsgType.name(enc[0] & 0xff));
        LinkMessage msg = LinkMessage.decode(enc, 0, enc.length);
        eqHex("re-encoded", enc, msg.encode());
        JNode f = m.get("fields");
        switch (msg) {
            case Disconnect d -> eq("fields.reason", f.get("reason").i32(), d.reason().code());
            case SenderReport s -> {
                eq("fields.interval_start_counter", f.get("interval_start_counter").u64(), s.intervalStartCounter());
                eq("fields.interval_end_counter", f.get("interval_end_counter").u64(), s.intervalEndCounter());
                eq("fields.interval_start_timestamp", f.get("interval_start_timestamp").u64(), s.intervalStartTimestamp());
                eq("fields.interval_end_timestamp", f.get("interval_end_timestamp").u64(), s.intervalEndTimestamp());
                eq("fields.interval_bytes_sent", f.get("interval_bytes_sent").u64(), s.intervalBytesSent());
                eq("fields.cumulative_packets_sent", f.get("cumulative_packets_sent").u64(), s.cumulativePacketsSent());
                eq("fields.cumulative_bytes_sent", f.get("cumulative_bytes_sent").u64(), s.cumulativeBytesSent());
            }
            case TreeAnnounce t -> {
                if (f.has("signed_by")) {
                    eq("fields.signed_by verifies", true, t.verify(PublicKey.fromNpub(f.get("signed_by").str())));
                }
            }
            case LookupRequest l -> {
                eq("fields.request_id", f.get("request_id").u64(), l.requestId());
                eq("fields.ttl", f.get("ttl").i32(), l.ttl());
                eq("fields.min_mtu", f.get("min_mtu").i32(), l.minMtu());
            }
            case SessionDatagram s -> {
                eq("fields.ttl", f.get("ttl").i32(), s.ttl());
                eq("fields.path_mtu", f.get("path_mtu").i32(), s.pathMtu());
            }
            default -> { }
        }
    }

    static void established(JNode f) {
        byte[] key = f.get("key").hex();
        byte[] plain = f.get("inner_plaintext").hex();
        eq("payload_len", f.get("payload_len").i32(), plain.length);
        byte[] buf = new byte[plain.length + 32];
        System.arraycopy(plain, 0, buf, 16, plain.length);
        int n;
        try (CipherState cs = CipherState.of(key)) {
            n = EstablishedFrame.sealInPlace(cs, f.get("counter").u64(), (int) f.get("receiver_idx").u64(),
                    f.get("flags").i32(), buf, 0, plain.length);
        }
        eq("frame_length", f.get("frame_length").i32(), n);
        eqHex("header_aad", f.get("header_aad"), Arrays.copyOf(buf, 16));
        eqHex("frame", f.get("frame"), buf);
        openFrame("frame (open)", key, f.get("frame").hex(), plain);
    }

    /** Opens {@code frame} with {@code key} as the receiving side and compares the plaintext. */
    static void openFrame(String field, byte[] key, byte[] frame, byte[] expectedPlain) {
        eq(field + " prefix verdict", PrefixVerdict.ESTABLISHED, FmpPrefix.classify(frame, 0, frame.length));
        try (NoiseSession rx = new NoiseSession(new TransportKeys(new byte[32], key))) {
            byte[] out = new byte[frame.length];
            int n = EstablishedFrame.open(rx, frame, 0, frame.length, out, 0);
            if (n < 0) {
                throw new Mismatch(field, "a frame that authenticates", "open() = " + n);
            }
            eqHex(field + " plaintext", expectedPlain, Arrays.copyOf(out, n));
        }
    }

    static void handshake(JNode f) {
        byte[] wire = f.get("wire").hex();
        eq("length", f.get("length").i32(), wire.length);
        PrefixVerdict v = FmpPrefix.classify(wire, 0, wire.length);
        if (v.isDrop()) {
            throw new Mismatch("prefix verdict", "a handshake phase", v.name());
        }
        eqHex("prefix", f.get("prefix"), Arrays.copyOf(wire, 4));
        eq("payload_len", f.get("payload_len").i32(), FmpPrefix.payloadLen(wire, 0));
        eq("sender_idx", f.get("sender_idx").u64(), Integer.toUnsignedLong(HandshakePacket.senderIdx(wire, 0)));
    }

    static void reject(JNode f, List<JNode> established) {
        byte[] frame = f.get("frame").hex();
        eq("expect", "reject", f.get("expect").str());
        PrefixVerdict v = FmpPrefix.classify(frame, 0, frame.length);
        if (v.isDrop()) {
            return; // rejected before any crypto
        }
        // Not rejected by framing: it must not authenticate under any key the vectors know.
        for (JNode e : established) {
            try (NoiseSession rx = new NoiseSession(new TransportKeys(new byte[32], e.get("key").hex()))) {
                int n = EstablishedFrame.open(rx, frame, 0, frame.length, new byte[frame.length], 0);
                if (n >= 0) {
                    throw new Mismatch("verdict", "reject", "accepted (authenticates under " + IdentityVectors.caseId(e) + ")");
                }
            }
        }
    }

    /** An encoded FMP handshake packet as the noise vectors give it. */
    static void handshakeWire(String field, byte[] expected, int phase, int senderIdx, int receiverIdx, byte[] noise) {
        byte[] actual = phase == 1 ? HandshakePacket.encodeMsg1(senderIdx, noise)
                : HandshakePacket.encodeMsg2(senderIdx, receiverIdx, noise);
        eqHex(field, expected, actual);
        PrefixVerdict v = FmpPrefix.classify(expected, 0, expected.length);
        eq(field + " prefix verdict", phase == 1 ? PrefixVerdict.MSG1 : PrefixVerdict.MSG2, v);
    }
}
