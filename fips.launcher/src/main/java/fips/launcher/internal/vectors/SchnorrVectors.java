package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.Schnorr;
import fips.identity.SecretKey;
import fips.identity.SigningInputs;
import fips.json.JNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * schnorr.json: BIP-340 itself, then the FIPS signing inputs of INTEROP.md 4
 * (TreeAnnounce and LookupResponse proofs) and their encodings.
 */
final class SchnorrVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "schnorr.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("bip340");
    }

    @Override
    public void run(JNode root, Report r) {
        for (JNode v : root.get("bip340").items()) {
            r.check(IdentityVectors.caseId(v), () -> {
                byte[] msg = v.get("msg32").hex();
                byte[] sig = v.get("signature").hex();
                byte[] xonly = v.get("pubkey_xonly").hex();
                boolean valid = v.get("valid").bool();
                if (v.has("secret")) {
                    SecretKey sk = SecretKey.parse(v.get("secret").str());
                    eqHex("pubkey_xonly", xonly, sk.publicKey().xOnly());
                    if (valid) {
                        eqHex("signature", sig, Schnorr.sign(sk, msg, v.get("aux_rand").hex()));
                    }
                }
                eq("valid", valid, Schnorr.verify(xonly, msg, sig));
            });
        }
        if (root.has("tree_announce")) {
            for (JNode v : root.get("tree_announce").items()) {
                r.check(IdentityVectors.caseId(v), () -> {
                    byte[] data = SigningInputs.treeAnnounce(NodeAddr.fromHex(v.get("node_addr").str()),
                            NodeAddr.fromHex(v.get("parent").str()), v.get("sequence").u64(), v.get("timestamp").u64());
                    signature(v, data, "signing_bytes", "signature", "expect_verify");
                    WireChecks.treeAnnounceEncoding(v);
                });
            }
        }
        if (root.has("lookup_response")) {
            for (JNode v : root.get("lookup_response").items()) {
                r.check(IdentityVectors.caseId(v), () -> {
                    List<NodeAddr> coords = new ArrayList<>();
                    for (JNode c : v.get("target_coords").items()) {
                        coords.add(NodeAddr.fromHex(c.str()));
                    }
                    byte[] data = SigningInputs.lookupResponseProof(v.get("request_id").u64(),
                            NodeAddr.fromHex(v.get("target").str()), coords);
                    signature(v, data, "proof_bytes", "proof", "expect_verify");
                    WireChecks.lookupResponseEncoding(v);
                });
            }
        }
    }

    /** The FIPS convention of INTEROP.md 4: BIP-340 over SHA-256(data). */
    private static void signature(JNode v, byte[] data, String dataField, String sigField, String verifyField) throws Exception {
        eqHex(dataField, v.get(dataField), data);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        eqHex("signed_digest", v.get("signed_digest"), digest);
        byte[] sig = v.get(sigField).hex();
        String signerKey = v.has("signer_pubkey_xonly") ? "signer_pubkey_xonly" : "target_pubkey_xonly";
        String verifyKey = v.has("verify_with_pubkey_xonly") ? "verify_with_pubkey_xonly" : signerKey;
        PublicKey pk = PublicKey.fromXOnly(v.get(verifyKey).hex());
        // The listed signature is the signer's genuine one; a vector that expects a failed
        // verification carries its corruption in the encoded message, checked by WireChecks.
        if (v.get(verifyField).bool()) {
            eq(sigField + " verifies", true, Schnorr.verifyData(pk, data, sig));
        }
    }
}
