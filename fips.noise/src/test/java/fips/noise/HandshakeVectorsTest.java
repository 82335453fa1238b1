package fips.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.json.JNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Known answers from noise_ik.json and noise_xk.json, step by step. */
class HandshakeVectorsTest {
    record Step(String name, byte[] h, byte[] ck) {}

    private static SecretKey sk(JNode party, String field) {
        return SecretKey.parse(party.get(field).str());
    }

    private static void assertTrace(JNode v, List<Step> actual, String side) {
        List<JNode> steps = v.get("trace").items();
        assertEquals(steps.size(), actual.size(), side + " trace length");
        for (int i = 0; i < steps.size(); i++) {
            assertArrayEquals(steps.get(i).get("h").hex(), actual.get(i).h(), side + " h at " + steps.get(i).get("step").str());
            assertArrayEquals(steps.get(i).get("ck").hex(), actual.get(i).ck(), side + " ck at " + steps.get(i).get("step").str());
        }
    }

    @Test
    @DisplayName("INTEROP.md 2.3/2.4a: IK msg1, msg2, every ck/h step and the split keys match noise_ik.json")
    void ikVector() throws Exception {
        JNode file = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_ik.json"));
        for (JNode v : file.get("vectors").items()) {
            JNode i = v.get("initiator"), r = v.get("responder");
            PublicKey known = PublicKey.fromCompressed(r.get("static_pub_as_known_to_initiator").hex());
            IkHandshake ini = IkHandshake.initiator(sk(i, "static_secret"), known, sk(i, "ephemeral_secret"), i.get("epoch").hex());
            IkHandshake res = IkHandshake.responder(sk(r, "static_secret"), sk(r, "ephemeral_secret"), r.get("epoch").hex());
            List<Step> ti = new ArrayList<>(), tr = new ArrayList<>();
            ini.trace((n, h, ck) -> ti.add(new Step(n, h, ck)));
            res.trace((n, h, ck) -> tr.add(new Step(n, h, ck)));
            byte[] m1 = ini.writeMessage1();
            assertArrayEquals(v.get("noise_msg1").hex(), m1);
            res.readMessage1(m1, 0, m1.length);
            assertArrayEquals(i.get("static_pub").hex(), res.remoteStatic().compressed(), "responder learns initiator static with real parity");
            assertArrayEquals(i.get("epoch").hex(), res.remoteEpoch());
            byte[] m2 = res.writeMessage2();
            assertArrayEquals(v.get("noise_msg2").hex(), m2);
            ini.readMessage2(m2, 0, m2.length);
            assertArrayEquals(r.get("epoch").hex(), ini.remoteEpoch());
            assertTrace(v, ti, "initiator");
            assertTrace(v, tr, "responder");
            assertArrayEquals(v.get("handshake_hash").hex(), ini.handshakeHash());
            assertArrayEquals(v.get("initiator_send_key").hex(), ini.split().sendKey());
            assertArrayEquals(v.get("initiator_recv_key").hex(), ini.split().recvKey());
            assertArrayEquals(v.get("responder_send_key").hex(), res.split().sendKey());
            assertArrayEquals(v.get("responder_recv_key").hex(), res.split().recvKey());
            assertTrue(ini.isComplete() && res.isComplete());
        }
    }

    @Test
    @DisplayName("INTEROP.md 2.4/2.4a: XK msg1 (no tag), msg2, msg3 at nonce 1, every step and the split keys match noise_xk.json")
    void xkVector() throws Exception {
        JNode file = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_xk.json"));
        for (JNode v : file.get("vectors").items()) {
            JNode i = v.get("initiator"), r = v.get("responder");
            PublicKey known = PublicKey.fromCompressed(r.get("static_pub_as_known_to_initiator").hex());
            XkHandshake ini = XkHandshake.initiator(sk(i, "static_secret"), known, sk(i, "ephemeral_secret"), i.get("epoch").hex());
            XkHandshake res = XkHandshake.responder(sk(r, "static_secret"), sk(r, "ephemeral_secret"), r.get("epoch").hex());
            List<Step> ti = new ArrayList<>(), tr = new ArrayList<>();
            ini.trace((n, h, ck) -> ti.add(new Step(n, h, ck)));
            res.trace((n, h, ck) -> tr.add(new Step(n, h, ck)));
            byte[] m1 = ini.writeMessage1();
            assertArrayEquals(v.get("noise_msg1").hex(), m1);
            assertEquals(33, m1.length);
            res.readMessage1(m1, 0, m1.length);
            byte[] m2 = res.writeMessage2();
            assertArrayEquals(v.get("noise_msg2").hex(), m2);
            ini.readMessage2(m2, 0, m2.length);
            byte[] m3 = ini.writeMessage3();
            assertArrayEquals(v.get("noise_msg3").hex(), m3);
            res.readMessage3(m3, 0, m3.length);
            assertArrayEquals(i.get("static_pub").hex(), res.remoteStatic().compressed());
            assertArrayEquals(i.get("epoch").hex(), res.remoteEpoch());
            assertArrayEquals(r.get("epoch").hex(), ini.remoteEpoch());
            assertTrace(v, ti, "initiator");
            assertTrace(v, tr, "responder");
            assertArrayEquals(v.get("split_k1").hex(), ini.split().sendKey());
            assertArrayEquals(v.get("split_k2").hex(), ini.split().recvKey());
            assertArrayEquals(v.get("responder_send_key").hex(), res.split().sendKey());
        }
    }

    @Test
    @DisplayName("INTEROP.md Appendix A: the IK and XK messages and keys of the appendix handshake vector")
    void appendixVector() throws Exception {
        SecretKey si = SecretKey.parse("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        SecretKey sr = SecretKey.fromBytes(seq(0x21));
        SecretKey ei = SecretKey.fromBytes(seq(0x41));
        SecretKey er = SecretKey.fromBytes(seq(0x61));
        byte[] epI = fips.identity.Hex.decode("a1a2a3a4a5a6a7a8");
        byte[] epR = fips.identity.Hex.decode("b1b2b3b4b5b6b7b8");
        IkHandshake ini = IkHandshake.initiator(si, sr.publicKey(), ei, epI);
        IkHandshake res = IkHandshake.responder(sr, er, epR);
        byte[] m1 = ini.writeMessage1();
        assertEquals("037c3f0429768437a942f1818ef1616c609b7a6d8a8dd245e179c8c0838e7d169d5a7fa2fa066bed6a550bd69b9a34510f71664708fae609a4634860afeb994d6fd00bc40a2f86e27846c68724024e3672a85d3cdd45e41511b2cfce48b1f4b106de6b7d1f872743cdde",
                fips.identity.Hex.encode(m1));
        res.readMessage1(m1, 0, m1.length);
        byte[] m2 = res.writeMessage2();
        assertEquals("023ecf58054354edb9c3ca920523ffb60deb59a5320b39e67358a194a29139342cf8ff5a811d739e75b2eab20b6763f45c9bae4d3bebe37442",
                fips.identity.Hex.encode(m2));
        ini.readMessage2(m2, 0, m2.length);
        assertEquals("79f424400962adc4de2e68cb4944c26118ee80fa38168d4c77e77895a203956e", fips.identity.Hex.encode(ini.split().sendKey()));
        assertEquals("1add4b0470821d210774b1060686e575b992e9257072810fd2b1ab610ec6db48", fips.identity.Hex.encode(ini.split().recvKey()));

        XkHandshake xi = XkHandshake.initiator(si, sr.publicKey(), ei, epI);
        XkHandshake xr = XkHandshake.responder(sr, er, epR);
        byte[] x1 = xi.writeMessage1();
        xr.readMessage1(x1, 0, x1.length);
        byte[] x2 = xr.writeMessage2();
        assertEquals("023ecf58054354edb9c3ca920523ffb60deb59a5320b39e67358a194a29139342c8adef966443ea7e630d3dd61a930de7e80e79fbd5e4e594c",
                fips.identity.Hex.encode(x2));
        xi.readMessage2(x2, 0, x2.length);
        byte[] x3 = xi.writeMessage3();
        assertEquals("213c82e8724067d0d58b4a9c0cb74566a8aa7a98466d5f02ead26774f05f998701dbc24a0f977275c44e2836038fb872dd1998942cc7d497a7131481de576326e4782ec83960d1c653",
                fips.identity.Hex.encode(x3));
        xr.readMessage3(x3, 0, x3.length);
        assertEquals("0d331c2de0eee2f2ce11d7060966ad1cd7c3dd04c3d2b3051632b9453ef6b32c", fips.identity.Hex.encode(xr.split().recvKey()));
        assertEquals("8921ec04933aa2cb61b42d51f9e0cf68c98ae947ac930f9e2530c0df0f77ed71", fips.identity.Hex.encode(xr.split().sendKey()));
    }

    @Test
    @DisplayName("INTEROP.md 2.1: h = ck = SHA-256(protocol name) for both names (Appendix A)")
    void protocolNameHashes() {
        assertEquals("15bea16f93969bcae868e128bcbdc110b1d88a5306b367632171a9aaaad3f533",
                fips.identity.Hex.encode(fips.noise.internal.SymmetricState.sha256(NoiseConstants.PROTOCOL_IK)));
        assertEquals("2640f52eebcd9e882958951c794250eedb28002c05d7dc2ea0f195406042caf1",
                fips.identity.Hex.encode(fips.noise.internal.SymmetricState.sha256(NoiseConstants.PROTOCOL_XK)));
        assertEquals(36, NoiseConstants.PROTOCOL_IK.length);
    }

    static byte[] seq(int first) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) b[i] = (byte) (first + i);
        return b;
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
