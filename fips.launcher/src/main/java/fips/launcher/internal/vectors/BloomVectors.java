package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.FilterAnnounceCheck;
import fips.identity.NodeAddr;
import fips.json.JNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/** bloom.json: INTEROP.md 6 (hash positions, filter bytes, FilterAnnounce and its inbound checks). */
final class BloomVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "bloom.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("hashes") && root.has("filters");
    }

    @Override
    public void run(JNode root, Report r) {
        for (JNode h : root.get("hashes").items()) {
            r.check(h.path() + " (" + h.get("node_addr").str() + ")", () -> {
                NodeAddr a = NodeAddr.fromHex(h.get("node_addr").str());
                byte[] d = MessageDigest.getInstance("SHA-256").digest(a.toBytes());
                eqHex("sha256", h.get("sha256"), d);
                ByteBuffer le = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
                eq("h1", h.get("h1").str(), Long.toUnsignedString(le.getLong(0)));
                eq("h2", h.get("h2").str(), Long.toUnsignedString(le.getLong(8)));
                List<JNode> idx = h.get("bit_indices_k5_m8192").items();
                int[] expected = idx.stream().mapToInt(JNode::i32).toArray();
                eq("bit_indices_k5_m8192", Arrays.toString(expected), Arrays.toString(BloomFilter.bitIndices(a, 5)));
            });
        }
        for (JNode f : root.get("filters").items()) {
            r.check(f.path() + " (n=" + f.get("n").i32() + ")", () -> {
                BloomFilter bf = new BloomFilter();
                List<JNode> ins = f.get("inserted").items();
                eq("n", f.get("n").i32(), ins.size());
                for (JNode a : ins) bf.insert(NodeAddr.fromHex(a.str()));
                eq("count_ones", f.get("count_ones").i32(), bf.countOnes());
                eqHex("filter_bits", f.get("filter_bits"), bf.toBytes());
                double fpr = f.get("fpr").num();
                if (Math.abs(fpr - bf.estimatedFpr()) > 1e-9 * Math.max(1, fpr)) {
                    throw new Mismatch("fpr", Double.toString(fpr), Double.toString(bf.estimatedFpr()));
                }
                for (JNode a : ins) eq("contains(inserted " + a.str() + ")", true, bf.contains(NodeAddr.fromHex(a.str())));
                for (JNode p : f.get("non_member_probes").items()) {
                    eq("non_member_probes contains(" + p.get("node_addr").str() + ")", p.get("contains").bool(),
                            bf.contains(NodeAddr.fromHex(p.get("node_addr").str())));
                }
                if (f.has("filter_announce_encoded")) {
                    FilterAnnounce fa = new FilterAnnounce(f.get("filter_announce_sequence").u64(), bf);
                    eqHex("filter_announce_encoded", f.get("filter_announce_encoded"), fa.encode());
                    byte[] enc = f.get("filter_announce_encoded").hex();
                    eq("filter_announce decodes back", fa, FilterAnnounce.decode(enc, 0, enc.length));
                }
            });
        }
        if (root.has("filter_announce_decode")) {
            for (JNode c : root.get("filter_announce_decode").items()) {
                r.check(IdentityVectors.caseId(c), () -> {
                    byte[] body = c.get("body").hex();
                    boolean valid;
                    String why;
                    try {
                        FilterAnnounce fa = FilterAnnounce.decodeBody(body, 0, body.length);
                        FilterAnnounceCheck check = fa.checkInbound();
                        valid = check == FilterAnnounceCheck.OK;
                        why = check.name();
                    } catch (DecodeException e) {
                        valid = false;
                        why = e.getMessage();
                    }
                    eq("valid", c.get("valid").bool(), valid);
                    if (!valid && why.isBlank()) throw new Mismatch("reason", "a reason", "none");
                });
            }
        }
    }
}
