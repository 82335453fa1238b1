package fips.fmp.wire;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.internal.WireReader;
import java.util.Objects;

/**
 * FilterAnnounce (0x20): a peer's bloom filter of reachable nodes
 * (INTEROP.md 6; reference/wire-formats.md "FilterAnnounce (0x20)").
 *
 * <pre>
 *   0  msg_type 0x20
 *   1  sequence u64 LE
 *   9  hash_count u8      &gt; 0 (5 from senders; receivers use what arrives)
 *  10  size_class u8      must be 1
 *  11  filter bits        exactly 512 &lt;&lt; size_class = 1024 bytes
 * </pre>
 *
 * <p>The filter is copied in and out (the record stays immutable); its
 * {@link BloomFilter#hashCount()} is the {@code hash_count} field.
 *
 * @param sequence u64 bit pattern
 */
public record FilterAnnounce(long sequence, BloomFilter filter) implements LinkMessage {
    public static final int SEQUENCE_OFFSET = 1;
    public static final int HASH_COUNT_OFFSET = 9;
    public static final int SIZE_CLASS_OFFSET = 10;
    public static final int FILTER_OFFSET = 11;
    /** Largest size class the format can name (INTEROP.md 6). */
    public static final int MAX_SIZE_CLASS = 3;
    /** 1035 bytes for v1. */
    public static final int ENCODED_BYTES = FILTER_OFFSET + BloomFilter.BYTES;

    public FilterAnnounce {
        filter = Objects.requireNonNull(filter, "filter").copy();
    }

    @Override
    public BloomFilter filter() {
        return filter.copy();
    }

    public int hashCount() {
        return filter.hashCount();
    }

    /**
     * Anti-poison validation (INTEROP.md 6): {@link FilterAnnounceCheck#FPR_TOO_HIGH}
     * if the filter's {@code fill^k} exceeds {@code maxInboundFpr}
     * ({@link BloomFilter#DEFAULT_MAX_INBOUND_FPR} by default).
     */
    public FilterAnnounceCheck checkInbound(double maxInboundFpr) {
        return filter.exceedsFpr(maxInboundFpr) ? FilterAnnounceCheck.FPR_TOO_HIGH : FilterAnnounceCheck.OK;
    }

    /** {@link #checkInbound(double)} with the default cap of 0.20. */
    public FilterAnnounceCheck checkInbound() {
        return checkInbound(BloomFilter.DEFAULT_MAX_INBOUND_FPR);
    }

    @Override
    public int msgType() {
        return LinkMsgType.FILTER_ANNOUNCE;
    }

    @Override
    public byte[] encode() {
        byte[] out = new byte[ENCODED_BYTES];
        writeBody(out, 1);
        out[0] = (byte) LinkMsgType.FILTER_ANNOUNCE;
        return out;
    }

    /** The body without msg_type (1034 bytes), as bloom.json {@code filter_announce_decode[].body}. */
    public byte[] encodeBody() {
        byte[] out = new byte[ENCODED_BYTES - 1];
        writeBody(out, 0);
        return out;
    }

    private void writeBody(byte[] out, int off) {
        fips.fmp.internal.Le.putU64(out, off, sequence);
        out[off + 8] = (byte) filter.hashCount();
        out[off + 9] = (byte) BloomFilter.SIZE_CLASS;
        filter.writeTo(out, off + 10);
    }

    public static FilterAnnounce decode(byte[] buf, int off, int len) throws DecodeException {
        return decodeFrom(LinkReaders.open(buf, off, len, LinkMsgType.FILTER_ANNOUNCE));
    }

    /** Decodes a body that starts after msg_type (offsets in errors are still counted from msg_type). */
    public static FilterAnnounce decodeBody(byte[] buf, int off, int len) throws DecodeException {
        return decodeFrom(LinkReaders.openBody(buf, off, len, LinkMsgType.FILTER_ANNOUNCE));
    }

    private static FilterAnnounce decodeFrom(WireReader<DecodeException> r) throws DecodeException {
        long sequence = r.u64("sequence");
        int hashCount = r.u8("hash_count");
        if (hashCount == 0) {
            throw new DecodeException(r.messageType(), "hash_count", "greater than 0", "0");
        }
        int sizeClass = r.u8("size_class");
        if (sizeClass != BloomFilter.SIZE_CLASS) {
            throw new DecodeException(r.messageType(), "size_class",
                    BloomFilter.SIZE_CLASS + " (v1; at most " + MAX_SIZE_CLASS + " is defined)",
                    Integer.toString(sizeClass));
        }
        int want = 512 << sizeClass;
        if (r.remaining() != want) {
            throw new DecodeException(r.messageType(), "filter",
                    "exactly " + want + " bytes at offset " + r.position(), r.remaining() + " bytes");
        }
        BloomFilter f = BloomFilter.fromBytes(r.array(), r.absolutePosition(), hashCount);
        return new FilterAnnounce(sequence, f);
    }
}
