package fips.fmp.wire;

import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * MtuExceeded (0x22): a forwarded datagram did not fit the reporter's
 * next-hop MTU. Extra field: {@code mtu u16 LE}, that MTU.
 * {@value ErrorSignal#MTU_EXCEEDED_BYTES} bytes (INTEROP.md 8.5); layout in
 * {@link ErrorSignal}. Whether the source acts on the value (it ignores values
 * below 256, INTEROP.md 8.5, 9.2) is the session layer's decision.
 */
public record MtuExceeded(NodeAddr destAddr, NodeAddr reporter, int mtu) implements ErrorSignal {
    public MtuExceeded {
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(reporter, "reporter");
        if ((mtu & ~0xffff) != 0) {
            throw new IllegalArgumentException("MtuExceeded mtu=" + mtu + " is not a u16");
        }
    }

    @Override
    public int type() {
        return TYPE_MTU_EXCEEDED;
    }

    @Override
    public int encodedLength() {
        return MTU_EXCEEDED_BYTES;
    }

    @Override
    public int encode(byte[] out, int off) {
        return ErrorSignalCodec.writeMtuExceeded(out, off, destAddr.hi(), destAddr.lo(), reporter, mtu);
    }
}
