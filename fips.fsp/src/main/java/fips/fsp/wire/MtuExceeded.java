package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * MtuExceeded (0x22): a forwarded datagram did not fit the reporter's next-hop
 * MTU. Extra field: {@code mtu u16 LE}, the bottleneck MTU. 40 bytes
 * (INTEROP.md 8.5); layout in {@link ErrorSignal}. Whether the source acts on
 * the value (it ignores values below 256, INTEROP.md 9.2) is not decided here.
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
        return FspConstants.SIGNAL_MTU_EXCEEDED;
    }

    @Override
    public int encodedLength() {
        return FspConstants.MTU_EXCEEDED_BYTES;
    }

    @Override
    public int encode(byte[] out, int off) {
        int p = ErrorSignalHead.write(out, off, type(), encodedLength() - FspConstants.PREFIX_BYTES, destAddr, reporter);
        Le.putU16(out, p, mtu);
        return p + 2 - off;
    }
}
