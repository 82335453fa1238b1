package fips.ipv6.adapter;

/**
 * Where {@link Ipv6Adapter} writes IPv6 packets for the kernel: the TUN
 * device (through its writer) or, in tests and the simulator, a recorder.
 *
 * <p>The bytes belong to the adapter and are reused after the call returns;
 * an implementation that writes later must copy them first (STYLE.md rule 7).
 */
@FunctionalInterface
public interface TunSink {
    /** One whole IPv6 packet at {@code buf[off, off+len)}. */
    void writeTun(byte[] buf, int off, int len);
}
