package fips.fsp.wire;

import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * PathBroken (0x21): greedy routing toward {@code destAddr} reached a dead end.
 * Extra field: the stale coordinates that failed, {@code count u16 ‖ count ×
 * NodeAddr}, where count 0 ({@link Coordinates#EMPTY}) means none are known.
 * 40 + 16·n bytes (INTEROP.md 8.5, 15 D18); layout in {@link ErrorSignal}.
 */
public record PathBroken(NodeAddr destAddr, NodeAddr reporter, Coordinates lastKnownCoords) implements ErrorSignal {
    public PathBroken {
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(lastKnownCoords, "lastKnownCoords (use Coordinates.EMPTY)");
        SessionSetup.checkPayloadLen("PathBroken",
                FspConstants.PATH_BROKEN_MIN_BYTES - FspConstants.PREFIX_BYTES + NodeAddr.BYTES * lastKnownCoords.count());
    }

    /** Without last known coordinates. */
    public PathBroken(NodeAddr destAddr, NodeAddr reporter) {
        this(destAddr, reporter, Coordinates.EMPTY);
    }

    public boolean hasLastKnownCoords() {
        return !lastKnownCoords.isEmpty();
    }

    @Override
    public int type() {
        return FspConstants.SIGNAL_PATH_BROKEN;
    }

    @Override
    public int encodedLength() {
        return FspConstants.PATH_BROKEN_MIN_BYTES + NodeAddr.BYTES * lastKnownCoords.count();
    }

    @Override
    public int encode(byte[] out, int off) {
        int p = ErrorSignalHead.write(out, off, type(), encodedLength() - FspConstants.PREFIX_BYTES, destAddr, reporter);
        p += lastKnownCoords.write(out, p);
        return p - off;
    }
}
