package fips.ipv6.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link TunSink} that keeps a copy of every packet (or only counts, for the allocation test). */
final class RecordingTun implements TunSink {
    final List<byte[]> packets = new ArrayList<>();
    boolean record = true;
    long writes;

    @Override
    public void writeTun(byte[] buf, int off, int len) {
        writes++;
        if (record) {
            packets.add(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    byte[] only() {
        if (packets.size() != 1) {
            throw new AssertionError("expected one TUN packet, got " + packets.size());
        }
        return packets.get(0);
    }
}
