package fips.launcher.internal.vectors;

import static fips.launcher.internal.vectors.Report.eq;
import static fips.launcher.internal.vectors.Report.eqHex;

import fips.identity.FipsAddress;
import fips.ipv6.shim.Ipv6ShimCodec;
import fips.json.JNode;
import java.net.InetAddress;
import java.util.Arrays;

/** ipv6_compress.json: header compression format 0x00 as peers use it (INTEROP.md 9.1, 15 D2). */
final class Ipv6CompressVectors implements VectorSuite {
    @Override
    public String fileName() {
        return "ipv6_compress.json";
    }

    @Override
    public boolean recognises(JNode root) {
        return root.has("samples");
    }

    @Override
    public void run(JNode root, Report r) {
        for (JNode s : root.get("samples").items()) {
            r.check(IdentityVectors.caseId(s), () -> {
                FipsAddress src = FipsAddress.fromBytes(InetAddress.getByName(s.get("src_ipv6").str()).getAddress());
                FipsAddress dst = FipsAddress.fromBytes(InetAddress.getByName(s.get("dst_ipv6").str()).getAddress());
                if (!s.has("original")) {
                    // A decompression-only sample (e.g. the version nibble fix-up of INTEROP.md 9.1).
                    byte[] comp = s.get("compressed").hex();
                    byte[] back = new byte[comp.length + 64];
                    int m = Ipv6ShimCodec.decompress(comp, 0, comp.length, src, dst, back, 0);
                    if (m < 0) throw new Mismatch("decompress", "a packet", Ipv6ShimCodec.name(m));
                    eqHex("decompressed", s.get("decompressed"), Arrays.copyOf(back, m));
                    return;
                }
                byte[] orig = s.get("original").hex();
                eq("original_length", s.get("original_length").i32(), orig.length);
                byte[] out = new byte[orig.length + 8];
                int n = Ipv6ShimCodec.compress(orig, 0, orig.length, out, 0);
                if (n < 0) throw new Mismatch("compress", "a compressed packet", Ipv6ShimCodec.name(n));
                eqHex("compressed", s.get("compressed"), Arrays.copyOf(out, n));
                eq("compressed_length", s.get("compressed_length").i32(), n);
                eqHex("residual_bytes_1_to_6", s.get("residual_bytes_1_to_6"), Arrays.copyOfRange(out, 1, 7));
                int bl = Ipv6ShimCodec.compressDataPacketBody(orig, 0, orig.length, out, 0);
                eqHex("data_packet_body_port256", s.get("data_packet_body_port256"), Arrays.copyOf(out, bl));
                byte[] comp = s.get("compressed").hex();
                byte[] back = new byte[orig.length + 8];
                int m = Ipv6ShimCodec.decompress(comp, 0, comp.length, src, dst, back, 0);
                if (m < 0) throw new Mismatch("decompress", "the original packet", Ipv6ShimCodec.name(m));
                eqHex("decompressed", orig, Arrays.copyOf(back, m));
            });
        }
    }
}
