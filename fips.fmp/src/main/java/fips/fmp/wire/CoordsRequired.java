package fips.fmp.wire;

import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * CoordsRequired (0x20): a transit node has no coordinates for
 * {@code destAddr}. {@value ErrorSignal#COORDS_REQUIRED_BYTES} bytes, the
 * common head and no extra fields (INTEROP.md 8.5); layout in
 * {@link ErrorSignal}.
 */
public record CoordsRequired(NodeAddr destAddr, NodeAddr reporter) implements ErrorSignal {
    public CoordsRequired {
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(reporter, "reporter");
    }

    @Override
    public int type() {
        return TYPE_COORDS_REQUIRED;
    }

    @Override
    public int encodedLength() {
        return COORDS_REQUIRED_BYTES;
    }

    @Override
    public int encode(byte[] out, int off) {
        return ErrorSignalCodec.writeCoordsRequired(out, off, destAddr.hi(), destAddr.lo(), reporter);
    }
}
