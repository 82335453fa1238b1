package fips.link.spi;

import java.util.Arrays;

/**
 * An opaque transport address (design/fips-transport-layer.md "Role"): bytes
 * only the owning transport interprets, plus the text an operator sees. FMP
 * never looks inside; it hands the address back to the transport to send.
 * Immutable; equality is by bytes, so a transport may cache instances to
 * avoid allocating one per received datagram.
 */
public final class TransportAddr {
    private final byte[] bytes;
    private final String text;
    private final int hash;

    private TransportAddr(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
        this.hash = Arrays.hashCode(bytes);
    }

    /** {@code bytes} are copied. */
    public static TransportAddr of(byte[] bytes, String text) {
        if (bytes == null || text == null) {
            throw new IllegalArgumentException("transport address needs bytes and text");
        }
        return new TransportAddr(bytes.clone(), text);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** True if this address is {@code len} bytes equal to {@code buf[off..]}; for allocation-free cache lookups. */
    public boolean matches(byte[] buf, int off, int len) {
        return len == bytes.length && Arrays.equals(bytes, 0, len, buf, off, off + len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportAddr a && hash == a.hash && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return text;
    }
}
