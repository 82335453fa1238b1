package fips.fsp.wire;

import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * CoordsRequired (0x20): a transit node has no coordinates for {@code destAddr}.
 * 38 bytes: the common error-signal head and no extra fields. INTEROP.md 8.5;
 * layout in {@link ErrorSignal}.
 */
public record CoordsRequired(NodeAddr destAddr, NodeAddr reporter) implements ErrorSignal {
    public CoordsRequired {
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(reporter, "reporter");
    }

    @Override
    public int type() {
        return FspConstants.SIGNAL_COORDS_REQUIRED;
    }

    @Override
    public int encodedLength() {
        return FspConstants.COORDS_REQUIRED_BYTES;
    }

    @Override
    public int encode(byte[] out, int off) {
        return ErrorSignalHead.write(out, off, type(), encodedLength() - FspConstants.PREFIX_BYTES, destAddr, reporter)
                - off;
    }
}
