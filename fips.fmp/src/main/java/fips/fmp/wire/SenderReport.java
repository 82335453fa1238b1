package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkU32;

import fips.fmp.internal.WireReader;

/**
 * Link-layer MMP SenderReport (0x01), 48 bytes (INTEROP.md 10.1;
 * reference/wire-formats.md "SenderReport (0x01)").
 *
 * <pre>
 *   0  msg_type 0x01
 *   1  reserved (3, sent as 0, not checked on receive)
 *   4  interval_start_counter   u64 LE
 *  12  interval_end_counter     u64 LE
 *  20  interval_start_timestamp u32 LE
 *  24  interval_end_timestamp   u32 LE
 *  28  interval_bytes_sent      u32 LE
 *  32  cumulative_packets_sent  u64 LE
 *  40  cumulative_bytes_sent    u64 LE
 * </pre>
 *
 * <p>u64 fields keep their bit pattern in a long; u32 fields are longs in
 * 0..2^32-1.
 */
public record SenderReport(
        long intervalStartCounter,
        long intervalEndCounter,
        long intervalStartTimestamp,
        long intervalEndTimestamp,
        long intervalBytesSent,
        long cumulativePacketsSent,
        long cumulativeBytesSent) implements LinkMessage {

    public static final int ENCODED_BYTES = 48;

    public SenderReport {
        checkU32("intervalStartTimestamp", intervalStartTimestamp);
        checkU32("intervalEndTimestamp", intervalEndTimestamp);
        checkU32("intervalBytesSent", intervalBytesSent);
    }

    @Override
    public int msgType() {
        return LinkMsgType.SENDER_REPORT;
    }

    @Override
    public byte[] encode() {
        return new WireWriter(ENCODED_BYTES)
                .u8(LinkMsgType.SENDER_REPORT).zeros(3)
                .u64(intervalStartCounter)
                .u64(intervalEndCounter)
                .u32(intervalStartTimestamp)
                .u32(intervalEndTimestamp)
                .u32(intervalBytesSent)
                .u64(cumulativePacketsSent)
                .u64(cumulativeBytesSent)
                .done();
    }

    public static SenderReport decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.SENDER_REPORT);
        r.skip("reserved", 3);
        return new SenderReport(
                r.u64("interval_start_counter"),
                r.u64("interval_end_counter"),
                r.u32("interval_start_timestamp"),
                r.u32("interval_end_timestamp"),
                r.u32("interval_bytes_sent"),
                r.u64("cumulative_packets_sent"),
                r.u64("cumulative_bytes_sent"));
    }
}
