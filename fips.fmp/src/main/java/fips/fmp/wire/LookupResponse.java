package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkCount;
import static fips.fmp.wire.WireWriter.checkU16;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.Schnorr;
import fips.identity.SecretKey;
import fips.identity.SigningInputs;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * LookupResponse (0x31): the target's coordinates with its signed proof,
 * routed back along the request's reverse path (INTEROP.md 7;
 * reference/wire-formats.md "LookupResponse (0x31)").
 *
 * <pre>
 *   0  msg_type 0x31
 *   1  request_id u64 LE
 *   9  target (16)
 *  25  path_mtu u16 LE          lowered by transit nodes, not signed
 *  27  target_coords_count u16 LE, &gt;= 1
 *  29  target_coords: count × NodeAddr, target → root
 *  29+16n  proof (64)           BIP-340 over SHA-256 of the proof bytes
 * </pre>
 *
 * <p>Proof bytes = {@code request_id ‖ target ‖ count ‖ coords}
 * (INTEROP.md 4, {@link SigningInputs#lookupResponseProof}). The originator
 * verifies with the target's key from its identity cache.
 *
 * @param requestId u64 bit pattern
 * @param proof 64 bytes (copied in and out)
 */
public record LookupResponse(long requestId, NodeAddr target, int pathMtu, List<NodeAddr> targetCoords,
        byte[] proof) implements LinkMessage {

    public static final int REQUEST_ID_OFFSET = 1;
    public static final int TARGET_OFFSET = 9;
    public static final int PATH_MTU_OFFSET = 25;
    public static final int COORDS_COUNT_OFFSET = 27;
    public static final int COORDS_OFFSET = 29;
    public static final int PROOF_BYTES = Schnorr.SIGNATURE_BYTES;
    /** Bytes after msg_type with an empty coordinate list: the decoder's first length check. */
    public static final int MIN_BODY_BYTES = COORDS_OFFSET - 1 + PROOF_BYTES; // 92
    /** What the target writes as path_mtu (reference/wire-formats.md "LookupResponse (0x31)"). */
    public static final int PATH_MTU_UNLIMITED = 0xFFFF;

    public LookupResponse {
        Objects.requireNonNull(target, "target");
        checkU16("pathMtu", pathMtu);
        targetCoords = List.copyOf(targetCoords);
        checkCount("targetCoords", targetCoords.size(), 1);
        if (proof == null || proof.length != PROOF_BYTES) {
            throw new IllegalArgumentException("proof.length=" + (proof == null ? "null" : proof.length)
                    + ", expected " + PROOF_BYTES);
        }
        proof = proof.clone();
    }

    /** A response signed by the target's key {@code sk}. */
    public static LookupResponse signed(SecretKey sk, long requestId, NodeAddr target, int pathMtu,
            List<NodeAddr> targetCoords, byte[] auxRand32) {
        return new LookupResponse(requestId, target, pathMtu, targetCoords, new byte[PROOF_BYTES])
                .sign(sk, auxRand32);
    }

    /**
     * This response with a proof made by {@code sk}.
     *
     * @throws IllegalArgumentException if {@code sk} is not the target's key
     */
    public LookupResponse sign(SecretKey sk, byte[] auxRand32) {
        NodeAddr signer = sk.publicKey().nodeAddr();
        if (!signer.equals(target)) {
            throw new IllegalArgumentException("signing key's node_addr=" + signer + " is not target=" + target);
        }
        return new LookupResponse(requestId, target, pathMtu, targetCoords,
                Schnorr.signData(sk, proofBytes(), auxRand32));
    }

    /** The same response with another path_mtu (the proof stays valid: path_mtu is not signed). */
    public LookupResponse withPathMtu(int newPathMtu) {
        return new LookupResponse(requestId, target, newPathMtu, targetCoords, proof);
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    /** The signed bytes (INTEROP.md 4 "LookupResponse proof"). */
    public byte[] proofBytes() {
        return SigningInputs.lookupResponseProof(requestId, target, targetCoords);
    }

    /** Whether the proof is valid for {@code targetKey}. */
    public boolean verify(PublicKey targetKey) {
        return Schnorr.verifyData(targetKey, proofBytes(), proof);
    }

    @Override
    public int msgType() {
        return LinkMsgType.LOOKUP_RESPONSE;
    }

    public int encodedLength() {
        return COORDS_OFFSET + NodeAddr.BYTES * targetCoords.size() + PROOF_BYTES;
    }

    @Override
    public byte[] encode() {
        return new WireWriter(encodedLength())
                .u8(LinkMsgType.LOOKUP_RESPONSE)
                .u64(requestId)
                .nodeAddr(target)
                .u16(pathMtu)
                .coords(targetCoords)
                .bytes(proof)
                .done();
    }

    /** Shape only; trailing bytes after the proof are ignored. */
    public static LookupResponse decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.LOOKUP_RESPONSE);
        r.need("body", MIN_BODY_BYTES);
        long requestId = r.u64("request_id");
        NodeAddr target = r.nodeAddr("target");
        int pathMtu = r.u16("path_mtu");
        List<NodeAddr> coords = LinkReaders.coords(r, "target_coords_count", "target_coords", 1);
        byte[] proof = r.bytes("proof", PROOF_BYTES);
        return new LookupResponse(requestId, target, pathMtu, coords, proof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupResponse l
                && requestId == l.requestId
                && pathMtu == l.pathMtu
                && target.equals(l.target)
                && targetCoords.equals(l.targetCoords)
                && Arrays.equals(proof, l.proof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, target, pathMtu, targetCoords) * 31 + Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "LookupResponse[requestId=" + Long.toUnsignedString(requestId) + ", target=" + target
                + ", pathMtu=" + pathMtu + ", targetCoords=" + targetCoords
                + ", proof=" + HexFormat.of().formatHex(proof) + "]";
    }
}
