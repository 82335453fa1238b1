package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkU16;
import static fips.fmp.wire.WireWriter.checkU32;

import fips.fmp.internal.WireReader;

/**
 * Link-layer MMP ReceiverReport (0x02), 68 bytes (INTEROP.md 10.1, 10.2;
 * reference/wire-formats.md "ReceiverReport (0x02)").
 *
 * <pre>
 *   0  msg_type 0x02
 *   1  reserved (3, sent as 0, not checked on receive)
 *   4  highest_counter          u64 LE
 *  12  cumulative_packets_recv  u64 LE
 *  20  cumulative_bytes_recv    u64 LE
 *  28  timestamp_echo           u32 LE
 *  32  dwell_time               u16 LE  (ms)
 *  34  max_burst_loss           u16 LE
 *  36  mean_burst_loss          u16 LE  (u8.8 fixed point)
 *  38  reserved (2)
 *  40  jitter                   u32 LE  (µs)
 *  44  ecn_ce_count             u32 LE
 *  48  owd_trend                i32 LE
 *  52  burst_loss_count         u32 LE
 *  56  cumulative_reorder_count u32 LE
 *  60  interval_packets_recv    u32 LE
 *  64  interval_bytes_recv      u32 LE
 * </pre>
 *
 * <p>u64 fields keep their bit pattern in a long; u32 fields are longs in
 * 0..2^32-1; u16 fields are ints in 0..65535.
 */
public record ReceiverReport(
        long highestCounter,
        long cumulativePacketsRecv,
        long cumulativeBytesRecv,
        long timestampEcho,
        int dwellTimeMs,
        int maxBurstLoss,
        int meanBurstLoss,
        long jitterUs,
        long ecnCeCount,
        int owdTrend,
        long burstLossCount,
        long cumulativeReorderCount,
        long intervalPacketsRecv,
        long intervalBytesRecv) implements LinkMessage {

    public static final int ENCODED_BYTES = 68;

    public ReceiverReport {
        checkU32("timestampEcho", timestampEcho);
        checkU16("dwellTimeMs", dwellTimeMs);
        checkU16("maxBurstLoss", maxBurstLoss);
        checkU16("meanBurstLoss", meanBurstLoss);
        checkU32("jitterUs", jitterUs);
        checkU32("ecnCeCount", ecnCeCount);
        checkU32("burstLossCount", burstLossCount);
        checkU32("cumulativeReorderCount", cumulativeReorderCount);
        checkU32("intervalPacketsRecv", intervalPacketsRecv);
        checkU32("intervalBytesRecv", intervalBytesRecv);
    }

    @Override
    public int msgType() {
        return LinkMsgType.RECEIVER_REPORT;
    }

    @Override
    public byte[] encode() {
        return new WireWriter(ENCODED_BYTES)
                .u8(LinkMsgType.RECEIVER_REPORT).zeros(3)
                .u64(highestCounter)
                .u64(cumulativePacketsRecv)
                .u64(cumulativeBytesRecv)
                .u32(timestampEcho)
                .u16(dwellTimeMs)
                .u16(maxBurstLoss)
                .u16(meanBurstLoss)
                .zeros(2)
                .u32(jitterUs)
                .u32(ecnCeCount)
                .i32(owdTrend)
                .u32(burstLossCount)
                .u32(cumulativeReorderCount)
                .u32(intervalPacketsRecv)
                .u32(intervalBytesRecv)
                .done();
    }

    public static ReceiverReport decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.RECEIVER_REPORT);
        r.skip("reserved", 3);
        long highest = r.u64("highest_counter");
        long pkts = r.u64("cumulative_packets_recv");
        long bytes = r.u64("cumulative_bytes_recv");
        long echo = r.u32("timestamp_echo");
        int dwell = r.u16("dwell_time");
        int maxBurst = r.u16("max_burst_loss");
        int meanBurst = r.u16("mean_burst_loss");
        r.skip("reserved", 2);
        return new ReceiverReport(highest, pkts, bytes, echo, dwell, maxBurst, meanBurst,
                r.u32("jitter"),
                r.u32("ecn_ce_count"),
                r.i32("owd_trend"),
                r.u32("burst_loss_count"),
                r.u32("cumulative_reorder_count"),
                r.u32("interval_packets_recv"),
                r.u32("interval_bytes_recv"));
    }
}
