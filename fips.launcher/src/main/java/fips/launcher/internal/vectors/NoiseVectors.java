package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.json.JNode;
import fips.noise.IkHandshake;
import fips.noise.NoiseConstants;
import fips.noise.NoiseHandshake;
import fips.noise.TransportKeys;
import fips.noise.XkHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * noise_ik.json and noise_xk.json: the handshakes of INTEROP.md 2.3 / 2.4
 * (every chaining-key step, every message byte, the split keys), then the
 * same bytes in their FMP and FSP framings (checked by {@link WireChecks}).
 */
final class NoiseVectors implements VectorSuite {
    enum Pattern { IK, XK }

    private final Pattern pattern;

    NoiseVectors(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public String fileName() {
        return pattern == Pattern.IK ? "noise_ik.json" : "noise_xk.json";
    }

    @Override
    public boolean recognises(JNode root) {
        if (!root.has("vectors")) return false;
        List<JNode> v = root.get("vectors").items();
        return !v.isEmpty() && v.get(0).has("protocol_name")
                && v.get(0).get("protocol_name").str().startsWith("Noise_" + pattern.name() + "_");
    }

    @Override
    public void run(JNode root, Report r) {
        for (JNode v : root.get("vectors").items()) {
            String id = IdentityVectors.caseId(v);
            r.check(id + " handshake", () -> {
                if (pattern == Pattern.IK) ik(v); else xk(v);
            });
            if (pattern == Pattern.IK) {
                WireChecks.ikWire(v, id, r);
            } else {
                WireChecks.xkWire(v, id, r);
            }
        }
    }

    record Party(SecretKey st, SecretKey eph, byte[] epoch) {
        static Party of(JNode p, String role) {
            Party party = new Party(SecretKey.parse(p.get("static_secret").str()),
                    SecretKey.parse(p.get("ephemeral_secret").str()), p.get("epoch").hex());
            eqHex(role + ".static_pub", p.get("static_pub"), party.st.publicKey().compressed());
            eqHex(role + ".ephemeral_pub", p.get("ephemeral_pub"), party.eph.publicKey().compressed());
            if (p.has("npub")) eq(role + ".npub", p.get("npub").str(), party.st.publicKey().npub());
            if (p.has("node_addr")) eqHex(role + ".node_addr", p.get("node_addr"), party.st.publicKey().nodeAddr().toBytes());
            return party;
        }
    }

    record Step(String name, byte[] h, byte[] ck) {}

    private static void protocolName(JNode v, byte[] expected) {
        eq("protocol_name", new String(expected, StandardCharsets.US_ASCII), v.get("protocol_name").str());
    }

    private static void ik(JNode v) throws Exception {
        protocolName(v, NoiseConstants.PROTOCOL_IK);
        Party i = Party.of(v.get("initiator"), "initiator");
        Party rp = Party.of(v.get("responder"), "responder");
        JNode resp = v.get("responder");
        PublicKey known = PublicKey.fromCompressed(resp.get("static_pub_as_known_to_initiator").hex());
        eq("responder.static_pub_parity", resp.get("static_pub_parity").str(), rp.st.publicKey().hasEvenY() ? "even" : "odd");
        if (v.has("premessage_hashed")) {
            eqHex("premessage_hashed", v.get("premessage_hashed"), known.evenCompressed());
        }
        if (v.has("dh_outputs")) {
            JNode dh = v.get("dh_outputs");
            PublicKey er = rp.eph.publicKey();
            eqHex("dh_outputs.es", dh.get("es"), i.eph.ecdh(known));
            eqHex("dh_outputs.ss", dh.get("ss"), i.st.ecdh(known));
            eqHex("dh_outputs.ee", dh.get("ee"), i.eph.ecdh(er));
            eqHex("dh_outputs.se_as_upstream", dh.get("se_as_upstream"), rp.st.ecdh(i.eph.publicKey()));
        }
        IkHandshake ini = IkHandshake.initiator(i.st, known, i.eph, i.epoch);
        IkHandshake res = IkHandshake.responder(rp.st, rp.eph, rp.epoch);
        List<Step> ti = new ArrayList<>();
        List<Step> tr = new ArrayList<>();
        ini.trace((n, h, ck) -> ti.add(new Step(n, h, ck)));
        res.trace((n, h, ck) -> tr.add(new Step(n, h, ck)));

        byte[] m1 = ini.writeMessage1();
        eqHex("noise_msg1", v.get("noise_msg1"), m1);
        res.readMessage1(m1, 0, m1.length);
        eqHex("responder's view of initiator static", v.get("initiator").get("static_pub"), res.remoteStatic().compressed());
        eqHex("responder's view of initiator epoch", v.get("initiator").get("epoch"), res.remoteEpoch());
        byte[] m2 = res.writeMessage2();
        eqHex("noise_msg2", v.get("noise_msg2"), m2);
        ini.readMessage2(m2, 0, m2.length);
        eqHex("initiator's view of responder epoch", resp.get("epoch"), ini.remoteEpoch());
        if (v.has("noise_msg1_parts")) {
            JNode p = v.get("noise_msg1_parts");
            eqHex("noise_msg1_parts.ephemeral", p.get("ephemeral"), java.util.Arrays.copyOfRange(m1, 0, 33));
            eqHex("noise_msg1_parts.encrypted_static", p.get("encrypted_static"), java.util.Arrays.copyOfRange(m1, 33, 82));
            eqHex("noise_msg1_parts.encrypted_epoch", p.get("encrypted_epoch"), java.util.Arrays.copyOfRange(m1, 82, 106));
        }
        if (v.has("noise_msg2_parts")) {
            JNode p = v.get("noise_msg2_parts");
            eqHex("noise_msg2_parts.ephemeral", p.get("ephemeral"), java.util.Arrays.copyOfRange(m2, 0, 33));
            eqHex("noise_msg2_parts.encrypted_epoch", p.get("encrypted_epoch"), java.util.Arrays.copyOfRange(m2, 33, 57));
        }
        finish(v, ini, res, ti, tr);
    }

    private static void xk(JNode v) throws Exception {
        protocolName(v, NoiseConstants.PROTOCOL_XK);
        Party i = Party.of(v.get("initiator"), "initiator");
        Party rp = Party.of(v.get("responder"), "responder");
        JNode resp = v.get("responder");
        PublicKey known = PublicKey.fromCompressed(resp.get("static_pub_as_known_to_initiator").hex());
        XkHandshake ini = XkHandshake.initiator(i.st, known, i.eph, i.epoch);
        XkHandshake res = XkHandshake.responder(rp.st, rp.eph, rp.epoch);
        List<Step> ti = new ArrayList<>();
        List<Step> tr = new ArrayList<>();
        ini.trace((n, h, ck) -> ti.add(new Step(n, h, ck)));
        res.trace((n, h, ck) -> tr.add(new Step(n, h, ck)));

        byte[] m1 = ini.writeMessage1();
        eqHex("noise_msg1", v.get("noise_msg1"), m1);
        res.readMessage1(m1, 0, m1.length);
        byte[] m2 = res.writeMessage2();
        eqHex("noise_msg2", v.get("noise_msg2"), m2);
        ini.readMessage2(m2, 0, m2.length);
        eqHex("initiator's view of responder epoch", resp.get("epoch"), ini.remoteEpoch());
        byte[] m3 = ini.writeMessage3();
        eqHex("noise_msg3", v.get("noise_msg3"), m3);
        res.readMessage3(m3, 0, m3.length);
        eqHex("responder's view of initiator static", v.get("initiator").get("static_pub"), res.remoteStatic().compressed());
        eqHex("responder's view of initiator epoch", v.get("initiator").get("epoch"), res.remoteEpoch());
        if (v.has("noise_msg2_parts")) {
            JNode p = v.get("noise_msg2_parts");
            eqHex("noise_msg2_parts.ephemeral", p.get("ephemeral"), java.util.Arrays.copyOfRange(m2, 0, 33));
            eqHex("noise_msg2_parts.encrypted_epoch", p.get("encrypted_epoch"), java.util.Arrays.copyOfRange(m2, 33, 57));
        }
        if (v.has("noise_msg3_parts")) {
            JNode p = v.get("noise_msg3_parts");
            eqHex("noise_msg3_parts.encrypted_static", p.get("encrypted_static"), java.util.Arrays.copyOfRange(m3, 0, 49));
            eqHex("noise_msg3_parts.encrypted_epoch", p.get("encrypted_epoch"), java.util.Arrays.copyOfRange(m3, 49, 73));
        }
        finish(v, ini, res, ti, tr);
    }

    private static void finish(JNode v, NoiseHandshake ini, NoiseHandshake res, List<Step> ti, List<Step> tr) {
        if (v.has("trace")) {
            List<JNode> steps = v.get("trace").items();
            eq("trace length (initiator)", steps.size(), ti.size());
            eq("trace length (responder)", steps.size(), tr.size());
            for (int k = 0; k < steps.size(); k++) {
                JNode s = steps.get(k);
                String name = "trace[" + k + "] (" + s.get("step").str() + ")";
                eqHex(name + ".h (initiator)", s.get("h"), ti.get(k).h());
                eqHex(name + ".ck (initiator)", s.get("ck"), ti.get(k).ck());
                eqHex(name + ".h (responder)", s.get("h"), tr.get(k).h());
                eqHex(name + ".ck (responder)", s.get("ck"), tr.get(k).ck());
            }
        }
        if (v.has("handshake_hash")) {
            eqHex("handshake_hash (initiator)", v.get("handshake_hash"), ini.handshakeHash());
            eqHex("handshake_hash (responder)", v.get("handshake_hash"), res.handshakeHash());
        }
        TransportKeys ki = ini.split();
        TransportKeys kr = res.split();
        eqHex("split_k1", v.get("split_k1"), ki.sendKey());
        eqHex("split_k2", v.get("split_k2"), ki.recvKey());
        eqHex("initiator_send_key", v.get("initiator_send_key"), ki.sendKey());
        if (v.has("initiator_recv_key")) eqHex("initiator_recv_key", v.get("initiator_recv_key"), ki.recvKey());
        if (v.has("responder_send_key")) eqHex("responder_send_key", v.get("responder_send_key"), kr.sendKey());
        if (v.has("responder_recv_key")) eqHex("responder_recv_key", v.get("responder_recv_key"), kr.recvKey());
        eqHex("responder keys mirror initiator's", ki.sendKey(), kr.recvKey());
    }
}
