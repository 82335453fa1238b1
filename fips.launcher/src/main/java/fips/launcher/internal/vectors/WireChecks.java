package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.fmp.wire.LinkMessage;
import fips.fmp.wire.LookupResponse;
import fips.fmp.wire.TreeAnnounce;
import fips.identity.PublicKey;
import fips.json.JNode;
import java.util.Arrays;

/**
 * The parts of the noise and schnorr vectors that concern FMP/FSP framing
 * rather than the handshake itself.
 */
final class WireChecks {
    private WireChecks() {}

    /** noise_ik.json: the handshake in its FMP packets (INTEROP.md 3.1) and the transport frames (3.2). */
    static void ikWire(JNode v, String id, Report r) {
        r.check(id + " wire_msg1/wire_msg2", () -> {
            int iIdx = (int) v.get("initiator").get("sender_idx").u64();
            int rIdx = (int) v.get("responder").get("sender_idx").u64();
            FrameVectors.handshakeWire("wire_msg1", v.get("wire_msg1").hex(), 1, iIdx, 0, v.get("noise_msg1").hex());
            FrameVectors.handshakeWire("wire_msg2", v.get("wire_msg2").hex(), 2, rIdx, iIdx, v.get("noise_msg2").hex());
        });
        if (v.has("transport_frames")) {
            for (JNode f : v.get("transport_frames").items()) {
                r.check(f.path() + " (" + f.get("direction").str() + " " + f.get("link_message_type").str() + ")", () -> {
                    boolean fromInitiator = f.get("direction").str().startsWith("initiator");
                    byte[] key = v.get(fromInitiator ? "initiator_send_key" : "responder_send_key").hex();
                    byte[] msg = f.get("link_message").hex();
                    byte[] plain = new byte[4 + msg.length];
                    long ts = f.get("timestamp_ms").u64();
                    for (int i = 0; i < 4; i++) plain[i] = (byte) (ts >>> (8 * i));
                    System.arraycopy(msg, 0, plain, 4, msg.length);
                    eqHex("inner_plaintext", f.get("inner_plaintext"), plain);
                    byte[] buf = new byte[plain.length + 32];
                    System.arraycopy(plain, 0, buf, 16, plain.length);
                    try (fips.noise.CipherState cs = fips.noise.CipherState.of(key)) {
                        fips.fmp.wire.EstablishedFrame.sealInPlace(cs, f.get("counter").u64(),
                                (int) f.get("receiver_idx").u64(), f.get("flags").i32(), buf, 0, plain.length);
                    }
                    eqHex("header_aad", f.get("header_aad"), Arrays.copyOf(buf, 16));
                    eqHex("frame", f.get("frame"), buf);
                    FrameVectors.openFrame("frame (open)", key, f.get("frame").hex(), plain);
                    LinkMessage m = LinkMessage.decode(msg, 0, msg.length);
                    eqHex("link_message re-encoded", msg, m.encode());
                    eq("link_message_type", f.get("link_message_type").str(), fips.fmp.wire.LinkMsgType.name(msg[0] & 0xff));
                });
            }
        }
    }

    static void xkWire(JNode v, String id, Report r) {
        FspChecks.xkWire(v, id, r);
    }

    /** schnorr.json tree_announce[].encoded: INTEROP.md 5.1 wire form, the signature it carries, the semantic checks. */
    static void treeAnnounceEncoding(JNode v) throws Exception {
        byte[] enc = v.get("encoded").hex();
        TreeAnnounce t = TreeAnnounce.decode(enc, 0, enc.length);
        eqHex("encoded (re-encoded)", enc, t.encode());
        eqHex("encoded node_addr", v.get("node_addr"), t.nodeAddr().toBytes());
        eqHex("encoded parent", v.get("parent"), t.parent().toBytes());
        eq("encoded sequence", v.get("sequence").u64(), t.sequence());
        eq("encoded timestamp", v.get("timestamp").u64(), t.timestampSecs());
        eq("ancestry length", v.get("ancestry").items().size(), t.ancestry().size());
        PublicKey pk = PublicKey.fromXOnly(v.get("verify_with_pubkey_xonly").hex());
        eq("expect_verify (encoded signature)", v.get("expect_verify").bool(), t.verify(pk));
        if (v.has("expect_semantics")) {
            eq("expect_semantics", v.get("expect_semantics").str(), t.validateSemantics().specName());
        }
    }

    /** schnorr.json lookup_response[].encoded: INTEROP.md 4/7 wire form and proof. */
    static void lookupResponseEncoding(JNode v) throws Exception {
        byte[] enc = v.get("encoded").hex();
        LookupResponse l = LookupResponse.decode(enc, 0, enc.length);
        eqHex("encoded (re-encoded)", enc, l.encode());
        eq("encoded request_id", v.get("request_id").u64(), l.requestId());
        eq("encoded path_mtu", v.get("path_mtu").i32(), l.pathMtu());
        eqHex("encoded proof", v.get("proof"), l.proof());
        PublicKey pk = PublicKey.fromXOnly(v.get("target_pubkey_xonly").hex());
        eq("expect_verify (encoded proof)", v.get("expect_verify").bool(), l.verify(pk));
    }
}
