package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.fmp.wire.LinkMessage;
import fips.fmp.wire.SessionDatagram;
import fips.fsp.wire.Coordinates;
import fips.fsp.wire.FspEncryptedCodec;
import fips.fsp.wire.FspEncryptedFlyweight;
import fips.fsp.wire.SessionAck;
import fips.fsp.wire.SessionMsg3;
import fips.fsp.wire.SessionSetup;
import fips.identity.NodeAddr;
import fips.ipv6.shim.Ipv6ShimCodec;
import fips.json.JNode;
import fips.noise.CipherState;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FSP framing: the XK messages in SessionSetup/Ack/Msg3 (INTEROP.md 8.3), the
 * SessionDatagram envelope (8.1), encrypted messages (8.4) and the IPv6 shim
 * they carry (9.1).
 */
final class FspChecks {
    private FspChecks() {}

    static void xkWire(JNode v, String id, Report r) {
        NodeAddr ini = NodeAddr.fromHex(v.get("initiator").get("node_addr").str());
        NodeAddr res = NodeAddr.fromHex(v.get("responder").get("node_addr").str());
        r.check(id + " SessionSetup/SessionAck/SessionMsg3 and their SessionDatagrams", () -> {
            byte[] setup = new SessionSetup(Coordinates.of(ini), Coordinates.of(res), v.get("noise_msg1").hex()).encode();
            eqHex("session_setup", v.get("session_setup"), setup);
            byte[] ack = new SessionAck(Coordinates.of(res), Coordinates.of(ini), v.get("noise_msg2").hex()).encode();
            eqHex("session_ack", v.get("session_ack"), ack);
            byte[] m3 = new SessionMsg3(v.get("noise_msg3").hex()).encode();
            eqHex("session_msg3", v.get("session_msg3"), m3);
            datagram("session_datagram_setup", v.get("session_datagram_setup").hex(), ini, res, setup);
            datagram("session_datagram_ack", v.get("session_datagram_ack").hex(), res, ini, ack);
            datagram("session_datagram_msg3", v.get("session_datagram_msg3").hex(), ini, res, m3);
        });
        for (String dir : List.of("fsp_data_initiator_to_responder", "fsp_data_responder_to_initiator")) {
            if (!v.has(dir)) continue;
            JNode d = v.get(dir);
            boolean fromInitiator = dir.contains("initiator_to");
            r.check(id + " " + dir, () -> {
                byte[] key = v.get(fromInitiator ? "initiator_send_key" : "responder_send_key").hex();
                NodeAddr src = fromInitiator ? ini : res;
                NodeAddr dst = fromInitiator ? res : ini;
                byte[] ipv6 = d.get("ipv6_packet").hex();
                byte[] body = new byte[ipv6.length + 8];
                int bl = Ipv6ShimCodec.compressDataPacketBody(ipv6, 0, ipv6.length, body, 0);
                eqHex("body (compressed ipv6_packet)", d.get("body"), Arrays.copyOf(body, Math.max(bl, 0)));
                encrypted(d, key, d.get("message").hex());
                byte[] restored = new byte[ipv6.length + 64];
                int pl = d.get("body").hex().length - 4;
                int n = Ipv6ShimCodec.decompress(d.get("body").hex(), 4, pl, src, dst, restored, 0);
                eqHex("ipv6_packet (decompressed body)", ipv6, Arrays.copyOf(restored, Math.max(n, 0)));
            });
        }
    }

    /** A SessionDatagram as the origin sends it: ttl 64, path_mtu 0xFFFF (INTEROP.md 8.1). */
    static void datagram(String field, byte[] expected, NodeAddr src, NodeAddr dest, byte[] payload) throws Exception {
        byte[] actual = new SessionDatagram(SessionDatagram.DEFAULT_TTL, 0xFFFF, src, dest, payload).encode();
        eqHex(field, expected, actual);
        LinkMessage m = LinkMessage.decode(expected, 0, expected.length);
        eq(field + " decodes as", "SessionDatagram", m.getClass().getSimpleName());
    }

    /** Checks an encrypted FSP message entry: seal reproduces {@code message}; open gives back the body. */
    static void encrypted(JNode e, byte[] key, byte[] expected) {
        int flags = e.get("flags").i32();
        byte[] coords = new byte[0];
        if ((flags & 0x01) != 0 && e.has("src_coords")) {
            coords = FspEncryptedCodec.encodeCoordsSection(coords(e.get("src_coords")), coords(e.get("dest_coords")));
        }
        byte[] body = e.get("body").hex();
        byte[] out = new byte[FspEncryptedCodec.encodedLength(coords.length, body.length)];
        int n;
        try (CipherState cs = CipherState.of(key)) {
            n = FspEncryptedCodec.sealWithCounter(cs, e.get("counter").u64(), flags, coords, 0, coords.length,
                    e.get("timestamp_ms").u64(), e.get("msg_type").i32(), e.get("inner_flags").i32(),
                    body, 0, body.length, out, 0);
        }
        if (n < 0) throw new Mismatch("seal", "an encoded message", "code " + n);
        eqHex("message", expected, Arrays.copyOf(out, n));
        if (e.has("header_aad")) eqHex("header_aad", e.get("header_aad"), Arrays.copyOf(out, 12));
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        int w = f.wrap(expected, 0, expected.length);
        if (w < 0) throw new Mismatch("wrap", "a well-formed message", "code " + w);
        try (NoiseSession rx = new NoiseSession(new TransportKeys(new byte[32], key))) {
            byte[] plain = new byte[expected.length];
            int pn = f.decrypt(rx, plain, 0);
            if (pn < 0) throw new Mismatch("decrypt", "a message that authenticates", "code " + pn);
            if (e.has("inner_plaintext")) eqHex("inner_plaintext", e.get("inner_plaintext"), Arrays.copyOf(plain, pn));
            eqHex("body (decrypted)", body, Arrays.copyOfRange(plain, 6, pn));
        }
    }

    static Coordinates coords(JNode list) {
        List<NodeAddr> l = new ArrayList<>();
        for (JNode n : list.items()) l.add(NodeAddr.fromHex(n.str()));
        return new Coordinates(l);
    }
}
