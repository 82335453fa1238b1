package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.MtuExceeded;
import fips.fmp.wire.PathBroken;
import fips.fmp.wire.SessionDatagram;
import fips.fsp.wire.SessionHandshake;
import fips.json.JNode;

/**
 * fsp.json: INTEROP.md 8.3 handshake messages, 8.4 encrypted messages, 8.5 error signals, each in its
 * SessionDatagram. The error signals are FMP's routing-layer messages ({@code fips.fmp.wire.ErrorSignal}).
 */
final class FspVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "fsp.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("encrypted_messages") || root.has("error_signals");
    }

    @Override
    public void run(JNode root, Report r) {
        if (root.has("handshake_messages")) {
            for (JNode m : root.get("handshake_messages").items()) {
                r.check(IdentityVectors.caseId(m), () -> {
                    byte[] enc = m.get("encoded").hex();
                    SessionHandshake h = SessionHandshake.decode(enc, 0, enc.length);
                    eq("phase", m.get("phase").i32(), h.phase());
                    eq("payload_len", m.get("payload_len").i32(), (enc[2] & 0xff) | (enc[3] & 0xff) << 8);
                    eqHex("encoded (re-encoded)", enc, h.encode());
                    wrapped(m, enc);
                });
            }
        }
        if (root.has("encrypted_messages")) {
            for (JNode m : root.get("encrypted_messages").items()) {
                r.check(IdentityVectors.caseId(m), () -> {
                    byte[] msg = m.get("message").hex();
                    FspChecks.encrypted(m, m.get("key").hex(), msg);
                    wrapped(m, msg);
                });
            }
        }
        if (root.has("error_signals")) {
            for (JNode m : root.get("error_signals").items()) {
                r.check(IdentityVectors.caseId(m), () -> {
                    byte[] enc = m.get("encoded").hex();
                    ErrorSignal s = ErrorSignal.decode(enc, 0, enc.length);
                    eqHex("encoded (re-encoded)", enc, s.encode());
                    JNode d = m.get("decoded");
                    String type = switch (s) {
                        case CoordsRequired c -> "CoordsRequired";
                        case PathBroken p -> "PathBroken";
                        case MtuExceeded x -> "MtuExceeded";
                    };
                    eq("decoded.type", d.get("type").str(), type);
                    byte[] dest = switch (s) {
                        case CoordsRequired c -> c.destAddr().toBytes();
                        case PathBroken p -> p.destAddr().toBytes();
                        case MtuExceeded x -> x.destAddr().toBytes();
                    };
                    byte[] reporter = switch (s) {
                        case CoordsRequired c -> c.reporter().toBytes();
                        case PathBroken p -> p.reporter().toBytes();
                        case MtuExceeded x -> x.reporter().toBytes();
                    };
                    eqHex("decoded.dest_addr", d.get("dest_addr"), dest);
                    eqHex("decoded.reporter", d.get("reporter"), reporter);
                    wrapped(m, enc);
                });
            }
        }
    }

    /** {@code wrapped_in_session_datagram} carries exactly {@code payload} (INTEROP.md 8.1). */
    private static void wrapped(JNode m, byte[] payload) throws Exception {
        if (!m.has("wrapped_in_session_datagram")) return;
        byte[] w = m.get("wrapped_in_session_datagram").hex();
        SessionDatagram sd = SessionDatagram.decode(w, 0, w.length);
        eqHex("wrapped_in_session_datagram payload", payload, sd.payload());
        eqHex("wrapped_in_session_datagram (re-encoded)", w, sd.encode());
    }
}
