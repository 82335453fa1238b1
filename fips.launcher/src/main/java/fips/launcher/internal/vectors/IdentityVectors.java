package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.identity.FipsAddress;
import fips.identity.KeyFormatException;
import fips.identity.Nip19;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.json.JNode;

/** identity.json: INTEROP.md 1.1 (keys, node_addr, FIPS address) and 1.2 (NIP-19). */
final class IdentityVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "identity.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("keys") && root.has("npub_decode_cases");
    }

    @Override
    public void run(JNode root, Report r) {
        for (JNode k : root.get("keys").items()) {
            r.check(caseId(k), () -> {
                SecretKey sk = SecretKey.parse(k.get("nsec_hex").str());
                PublicKey pk = sk.publicKey();
                eqHex("pubkey_xonly", k.get("pubkey_xonly"), pk.xOnly());
                eqHex("pubkey_compressed", k.get("pubkey_compressed"), pk.compressed());
                eq("parity", k.get("parity").str(), pk.hasEvenY() ? "even" : "odd");
                eq("npub", k.get("npub").str(), pk.npub());
                eq("nsec", k.get("nsec").str(), sk.nsec());
                eqHex("nsec (decoded)", k.get("nsec_hex"), SecretKey.parse(k.get("nsec").str()).bytes());
                eqHex("npub (decoded)", k.get("pubkey_xonly"), Nip19.decodeNpub(k.get("npub").str()));
                eqHex("node_addr", k.get("node_addr"), pk.nodeAddr().toBytes());
                FipsAddress fa = pk.fipsAddress();
                eqHex("fips_address", k.get("fips_address"), fa.toBytes());
                eq("ipv6", k.get("ipv6").str(), fa.toString());
            });
        }
        for (JNode c : root.get("npub_decode_cases").items()) {
            r.check(c.path() + " (" + c.get("input").str() + ")", () -> {
                boolean valid = c.get("valid").bool();
                byte[] decoded = null;
                String error = null;
                try {
                    decoded = Nip19.decodeNpub(c.get("input").str());
                } catch (KeyFormatException e) {
                    error = e.getMessage();
                }
                eq("valid", valid, decoded != null);
                if (valid && c.has("decoded_xonly")) {
                    eqHex("decoded_xonly", c.get("decoded_xonly"), decoded);
                }
                if (!valid && (error == null || error.isBlank())) {
                    throw new Mismatch("error", "a message", "none");
                }
            });
        }
    }

    static String caseId(JNode n) {
        return n.has("label") ? n.path() + " (" + n.get("label").str() + ")"
                : n.has("case") ? n.path() + " (" + n.get("case").str() + ")" : n.path();
    }
}
