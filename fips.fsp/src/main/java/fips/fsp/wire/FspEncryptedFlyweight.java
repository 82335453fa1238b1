package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import fips.noise.NoiseSession;

/**
 * Receive half of the encrypted FSP message, read in place; the layout is
 * drawn in {@link FspEncryptedCodec}. INTEROP.md 8.4.
 *
 * <p>{@link #wrap} checks the shape (header, version 0, phase 0, U clear, CP
 * section within bounds, room for inner header and tag) without touching
 * crypto, so a transit node can read the CP coordinates of a message it cannot
 * decrypt. {@link #decrypt} then runs the replay check and the AEAD with the
 * 12-byte header as AAD. {@code payload_len} is not checked: the ciphertext is
 * everything after the CP section (INTEROP.md 8.2).
 *
 * <p>Data path: one instance per thread, no allocation in {@code wrap},
 * {@code decrypt} or the int/long accessors; negative results are
 * {@link FspDrop} codes. {@link #srcCoords()} and {@link #destCoords()} decode
 * into records and allocate (control plane, for coordinate caching).
 */
public final class FspEncryptedFlyweight {
    private byte[] buf;
    private int off;
    private int srcCoordsOff;
    private int destCoordsOff;
    private int ctOff;
    private int ctLen;

    /** An unwrapped flyweight; one per thread, reused for every message. */
    public FspEncryptedFlyweight() {}

    /**
     * Points this flyweight at a SessionDatagram payload.
     *
     * @return {@link FspDrop#OK}, or {@link FspDrop#TRUNCATED}, {@link FspDrop#BAD_PHASE},
     *     {@link FspDrop#BAD_VERSION}, {@link FspDrop#UNENCRYPTED}, {@link FspDrop#TRUNCATED_COORDS}
     */
    public int wrap(byte[] buf, int off, int len) {
        this.buf = null;
        if (len < FspConstants.HEADER_BYTES) {
            return FspDrop.TRUNCATED;
        }
        int b0 = buf[off] & 0xff;
        if ((b0 & 0x0f) != FspConstants.PHASE_ESTABLISHED) {
            return FspDrop.BAD_PHASE;
        }
        if (b0 >>> 4 != FspConstants.VERSION) {
            return FspDrop.BAD_VERSION;
        }
        int flags = buf[off + FspEncryptedCodec.FLAGS_OFFSET] & 0xff;
        if ((flags & FspConstants.FLAG_U) != 0) {
            return FspDrop.UNENCRYPTED;
        }
        int end = off + len;
        int p = off + FspConstants.HEADER_BYTES;
        int src = -1;
        int dest = -1;
        if ((flags & FspConstants.FLAG_CP) != 0) {
            int n = Coordinates.encodedLengthAt(buf, p, end - p);
            if (n < 0) {
                return FspDrop.TRUNCATED_COORDS;
            }
            src = p;
            p += n;
            n = Coordinates.encodedLengthAt(buf, p, end - p);
            if (n < 0) {
                return FspDrop.TRUNCATED_COORDS;
            }
            dest = p;
            p += n;
        }
        if (end - p < FspConstants.INNER_HEADER_BYTES + FspConstants.TAG_BYTES) {
            return FspDrop.TRUNCATED;
        }
        this.buf = buf;
        this.off = off;
        this.srcCoordsOff = src;
        this.destCoordsOff = dest;
        this.ctOff = p;
        this.ctLen = end - p;
        return FspDrop.OK;
    }

    /**
     * Replay check, decrypt and mark (via {@link NoiseSession#decrypt}) into
     * {@code out}; {@code out} may be the wrapped buffer at
     * {@link #ciphertextOffset()} (in place). The plaintext is read with
     * {@link FspInnerFlyweight}. A caller holding several session slots
     * (INTEROP.md 8.4, 8.8) calls this once per slot.
     *
     * @return the plaintext length (at least 6), or {@link FspDrop#REPLAYED},
     *     {@link FspDrop#AUTH_FAILED}, {@link FspDrop#OUTPUT_TOO_SMALL}
     */
    public int decrypt(NoiseSession session, byte[] out, int outOff) {
        byte[] b = buffer();
        if (outOff < 0 || out.length - outOff < plaintextLength()) {
            return FspDrop.OUTPUT_TOO_SMALL;
        }
        return session.decrypt(counter(), b, off, FspConstants.HEADER_BYTES, b, ctOff, ctLen, out, outOff);
    }

    public int flags() {
        return buffer()[off + FspEncryptedCodec.FLAGS_OFFSET] & 0xff;
    }

    public boolean coordsPresent() {
        return (flags() & FspConstants.FLAG_CP) != 0;
    }

    /** The K bit: which key epoch the sender used (INTEROP.md 8.8). */
    public boolean keyEpoch() {
        return (flags() & FspConstants.FLAG_K) != 0;
    }

    /** The header's payload_len as sent (informational; not checked). */
    public int payloadLen() {
        return Le.u16(buffer(), off + FspEncryptedCodec.PAYLOAD_LEN_OFFSET);
    }

    /** The AEAD nonce / replay counter, unsigned 64-bit in a long. */
    public long counter() {
        return Le.u64(buffer(), off + FspEncryptedCodec.COUNTER_OFFSET);
    }

    /** The wrapped buffer. */
    public byte[] buffer() {
        if (buf == null) {
            throw new IllegalStateException("FspEncryptedFlyweight is not wrapped around a valid message");
        }
        return buf;
    }

    /** Absolute offset of the message (its header) in {@link #buffer()}. */
    public int offset() {
        buffer();
        return off;
    }

    /** Absolute offset of the CP section, or -1 without CP. */
    public int coordsOffset() {
        buffer();
        return srcCoordsOff;
    }

    /** Length of the CP section ({@code src_coords ‖ dest_coords}), 0 without CP. */
    public int coordsLength() {
        buffer();
        return srcCoordsOff < 0 ? 0 : ctOff - srcCoordsOff;
    }

    /** NodeAddr count of the CP source coordinates; 0 without CP or when absent. */
    public int srcCoordsCount() {
        return srcCoordsOff < 0 ? 0 : Le.u16(buffer(), srcCoordsOff);
    }

    /** NodeAddr count of the CP destination coordinates; 0 without CP or when absent. */
    public int destCoordsCount() {
        return destCoordsOff < 0 ? 0 : Le.u16(buffer(), destCoordsOff);
    }

    /** The i-th source NodeAddr (0 = the sender itself). Allocates a NodeAddr. */
    public NodeAddr srcCoord(int i) {
        return coordAt(srcCoordsOff, srcCoordsCount(), i);
    }

    /** The i-th destination NodeAddr. Allocates a NodeAddr. */
    public NodeAddr destCoord(int i) {
        return coordAt(destCoordsOff, destCoordsCount(), i);
    }

    /** Source coordinates of the CP section, {@link Coordinates#EMPTY} without CP or when absent. Allocates. */
    public Coordinates srcCoords() {
        return coords(srcCoordsOff);
    }

    /** Destination coordinates of the CP section, {@link Coordinates#EMPTY} without CP or when absent. Allocates. */
    public Coordinates destCoords() {
        return coords(destCoordsOff);
    }

    /** Absolute offset of the ciphertext (tag included) in {@link #buffer()}. */
    public int ciphertextOffset() {
        buffer();
        return ctOff;
    }

    public int ciphertextLength() {
        buffer();
        return ctLen;
    }

    /** Plaintext length {@link #decrypt} will produce: ciphertext minus tag. */
    public int plaintextLength() {
        buffer();
        return ctLen - FspConstants.TAG_BYTES;
    }

    private NodeAddr coordAt(int sectionOff, int count, int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("coordinate index=" + i + " count=" + count);
        }
        return NodeAddr.read(buf, sectionOff + FspConstants.COORDS_COUNT_BYTES + NodeAddr.BYTES * i);
    }

    private Coordinates coords(int sectionOff) {
        byte[] b = buffer();
        if (sectionOff < 0) {
            return Coordinates.EMPTY;
        }
        try {
            WireReader<FspDecodeException> r =
                    new WireReader<>(FspDecodeException::truncated, "FspEncrypted", b, sectionOff, ctOff - sectionOff);
            return Coordinates.read(r, "coords", false);
        } catch (FspDecodeException e) {
            throw new AssertionError("wrap() checked the CP section bounds", e);
        }
    }
}
