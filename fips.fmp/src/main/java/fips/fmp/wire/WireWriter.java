package fips.fmp.wire;

import fips.fmp.internal.Le;
import fips.identity.NodeAddr;
import java.util.List;

/** Little-endian cursor over a freshly sized array, for the link-message encoders. */
final class WireWriter {
    private final byte[] buf;
    private int pos;

    WireWriter(int size) {
        this.buf = new byte[size];
    }

    WireWriter u8(int v) {
        buf[pos++] = (byte) v;
        return this;
    }

    WireWriter u16(int v) {
        Le.putU16(buf, pos, v);
        pos += 2;
        return this;
    }

    WireWriter u32(long v) {
        Le.putU32(buf, pos, v);
        pos += 4;
        return this;
    }

    WireWriter i32(int v) {
        Le.putI32(buf, pos, v);
        pos += 4;
        return this;
    }

    WireWriter u64(long v) {
        Le.putU64(buf, pos, v);
        pos += 8;
        return this;
    }

    WireWriter zeros(int n) {
        pos += n;
        return this;
    }

    WireWriter nodeAddr(NodeAddr a) {
        a.write(buf, pos);
        pos += NodeAddr.BYTES;
        return this;
    }

    WireWriter bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** {@code count u16 ‖ count × NodeAddr}. */
    WireWriter coords(List<NodeAddr> coords) {
        u16(coords.size());
        for (NodeAddr a : coords) {
            nodeAddr(a);
        }
        return this;
    }

    /** The array; asserts it was filled exactly (an encoder sizing bug otherwise). */
    byte[] done() {
        if (pos != buf.length) {
            throw new IllegalStateException("encoder wrote " + pos + " of " + buf.length + " bytes");
        }
        return buf;
    }

    static void checkU8(String name, int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(name + "=" + v + " is not a u8");
        }
    }

    static void checkU16(String name, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + "=" + v + " is not a u16");
        }
    }

    static void checkU32(String name, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + "=" + v + " is not a u32");
        }
    }

    static void checkCount(String name, int count, int min) {
        if (count < min || count > 0xFFFF) {
            throw new IllegalArgumentException(name + ".size=" + count + " outside " + min + "..65535");
        }
    }
}
