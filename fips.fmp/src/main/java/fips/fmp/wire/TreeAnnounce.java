package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkCount;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.Schnorr;
import fips.identity.SecretKey;
import fips.identity.SigningInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * TreeAnnounce (0x10): a node's signed parent declaration plus its ancestry
 * (INTEROP.md 5.1; reference/wire-formats.md "TreeAnnounce (0x10)").
 *
 * <pre>
 *   0  msg_type 0x10
 *   1  version u8 = 0x01
 *   2  sequence u64 LE
 *  10  timestamp u64 LE (Unix seconds)
 *  18  parent (16)                 == ancestry[0].node_addr for a root
 *  34  ancestry_count u16 LE       &gt;= 1
 *  36  ancestry: count × {@link AncestryEntry} (32 each), self first, root last
 *  36+32n  signature (64)          BIP-340 over SHA-256 of the 48-byte signing bytes
 * </pre>
 *
 * <p>The declaring node is {@code ancestry[0]}; there is no separate field.
 * Only {@code node_addr ‖ parent ‖ sequence ‖ timestamp} is signed
 * (INTEROP.md 4, 15 D1): ancestry, version and msg_type are not.
 *
 * <p>Three separate steps on receipt (STYLE.md rule 6): {@link #decode} checks
 * shape, {@link #verify} the signature against the sending peer's key, and
 * {@link #validateSemantics()} the ancestry rules. That {@code ancestry[0]}
 * is the sending peer's NodeAddr (INTEROP.md 5.1 step 2) is for the caller,
 * which knows the peer.
 *
 * @param sequence u64 bit pattern
 * @param timestampSecs u64 bit pattern
 * @param ancestry 1..65535 entries, self first
 * @param signature 64 bytes (copied in and out)
 */
public record TreeAnnounce(long sequence, long timestampSecs, NodeAddr parent, List<AncestryEntry> ancestry,
        byte[] signature) implements LinkMessage {

    public static final int VERSION = 0x01;
    public static final int VERSION_OFFSET = 1;
    public static final int SEQUENCE_OFFSET = 2;
    public static final int TIMESTAMP_OFFSET = 10;
    public static final int PARENT_OFFSET = 18;
    public static final int ANCESTRY_COUNT_OFFSET = 34;
    public static final int ANCESTRY_OFFSET = 36;
    public static final int SIGNATURE_BYTES = Schnorr.SIGNATURE_BYTES;
    /** Bytes after msg_type with an empty ancestry; the decoder's first length check (INTEROP.md 5.1). */
    public static final int MIN_BODY_BYTES = ANCESTRY_OFFSET - 1 + SIGNATURE_BYTES; // 99

    public TreeAnnounce {
        Objects.requireNonNull(parent, "parent");
        ancestry = List.copyOf(ancestry);
        checkCount("ancestry", ancestry.size(), 1);
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature.length=" + (signature == null ? "null" : signature.length)
                    + ", expected " + SIGNATURE_BYTES);
        }
        signature = signature.clone();
    }

    /** A new announce signed with {@code sk}, whose NodeAddr must be {@code ancestry[0]}. */
    public static TreeAnnounce signed(SecretKey sk, long sequence, long timestampSecs, NodeAddr parent,
            List<AncestryEntry> ancestry, byte[] auxRand32) {
        return new TreeAnnounce(sequence, timestampSecs, parent, ancestry, new byte[SIGNATURE_BYTES])
                .sign(sk, auxRand32);
    }

    /**
     * This announce re-signed with {@code sk} (fresh {@code auxRand32} in
     * production, fixed bytes in tests).
     *
     * @throws IllegalArgumentException if {@code sk} is not the key of {@code ancestry[0]}
     */
    public TreeAnnounce sign(SecretKey sk, byte[] auxRand32) {
        NodeAddr signer = sk.publicKey().nodeAddr();
        if (!signer.equals(nodeAddr())) {
            throw new IllegalArgumentException("signing key's node_addr=" + signer + " is not ancestry[0]="
                    + nodeAddr());
        }
        return new TreeAnnounce(sequence, timestampSecs, parent, ancestry,
                Schnorr.signData(sk, signingBytes(), auxRand32));
    }

    /** The declaring node: {@code ancestry[0].nodeAddr}. */
    public NodeAddr nodeAddr() {
        return ancestry.get(0).nodeAddr();
    }

    /** The advertised root: the last ancestry entry. */
    public NodeAddr root() {
        return ancestry.get(ancestry.size() - 1).nodeAddr();
    }

    /** A root declares itself as its parent. */
    public boolean isRoot() {
        return parent.equals(nodeAddr());
    }

    /** Tree depth of the declaring node: ancestry size − 1. */
    public int depth() {
        return ancestry.size() - 1;
    }

    /** The ancestry's node addresses, self → root (the node's coordinates). */
    public List<NodeAddr> coords() {
        List<NodeAddr> out = new ArrayList<>(ancestry.size());
        for (AncestryEntry e : ancestry) {
            out.add(e.nodeAddr());
        }
        return List.copyOf(out);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The 48 bytes that are signed (INTEROP.md 4). */
    public byte[] signingBytes() {
        return SigningInputs.treeAnnounce(nodeAddr(), parent, sequence, timestampSecs);
    }

    /** Whether the signature is valid for {@code peerKey} (the sending peer's key from the link handshake). */
    public boolean verify(PublicKey peerKey) {
        return Schnorr.verifyData(peerKey, signingBytes(), signature);
    }

    /** The ancestry rules of INTEROP.md 5.1 step 4, in the reference's order. */
    public TreeAnnounceCheck validateSemantics() {
        int n = ancestry.size();
        if (isRoot()) {
            if (n != 1) {
                return TreeAnnounceCheck.ROOT_DECLARATION_MISMATCH;
            }
        } else {
            if (n < 2) {
                return TreeAnnounceCheck.ANCESTRY_TOO_SHORT;
            }
            if (!ancestry.get(1).nodeAddr().equals(parent)) {
                return TreeAnnounceCheck.ANCESTRY_PARENT_MISMATCH;
            }
        }
        NodeAddr min = ancestry.get(0).nodeAddr();
        for (AncestryEntry e : ancestry) {
            if (e.nodeAddr().compareTo(min) < 0) {
                min = e.nodeAddr();
            }
        }
        return root().equals(min) ? TreeAnnounceCheck.OK : TreeAnnounceCheck.ANCESTRY_ROOT_NOT_MINIMUM;
    }

    @Override
    public int msgType() {
        return LinkMsgType.TREE_ANNOUNCE;
    }

    /** {@code 100 + 32 × ancestry size}. */
    public int encodedLength() {
        return ANCESTRY_OFFSET + AncestryEntry.BYTES * ancestry.size() + SIGNATURE_BYTES;
    }

    @Override
    public byte[] encode() {
        WireWriter w = new WireWriter(encodedLength())
                .u8(LinkMsgType.TREE_ANNOUNCE)
                .u8(VERSION)
                .u64(sequence)
                .u64(timestampSecs)
                .nodeAddr(parent)
                .u16(ancestry.size());
        for (AncestryEntry e : ancestry) {
            w.nodeAddr(e.nodeAddr()).u64(e.sequence()).u64(e.timestampSecs());
        }
        return w.bytes(signature).done();
    }

    /** Shape checks of INTEROP.md 5.1 step 1; trailing bytes after the signature are ignored. */
    public static TreeAnnounce decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.TREE_ANNOUNCE);
        r.need("body", MIN_BODY_BYTES);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new DecodeException(r.messageType(), "version", String.format("0x%02x", VERSION),
                    String.format("0x%02x", version));
        }
        long sequence = r.u64("sequence");
        long timestamp = r.u64("timestamp");
        NodeAddr parent = r.nodeAddr("parent");
        int count = r.u16("ancestry_count");
        if (count < 1) {
            throw new DecodeException(r.messageType(), "ancestry_count", "at least 1", "0");
        }
        r.need("ancestry+signature", count * AncestryEntry.BYTES + SIGNATURE_BYTES);
        List<AncestryEntry> ancestry = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ancestry.add(new AncestryEntry(r.nodeAddr("ancestry.node_addr"), r.u64("ancestry.sequence"),
                    r.u64("ancestry.timestamp")));
        }
        byte[] sig = r.bytes("signature", SIGNATURE_BYTES);
        return new TreeAnnounce(sequence, timestamp, parent, ancestry, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeAnnounce t
                && sequence == t.sequence
                && timestampSecs == t.timestampSecs
                && parent.equals(t.parent)
                && ancestry.equals(t.ancestry)
                && Arrays.equals(signature, t.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, timestampSecs, parent, ancestry) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "TreeAnnounce[sequence=" + Long.toUnsignedString(sequence)
                + ", timestampSecs=" + Long.toUnsignedString(timestampSecs)
                + ", parent=" + parent + ", ancestry=" + ancestry
                + ", signature=" + HexFormat.of().formatHex(signature) + "]";
    }
}
