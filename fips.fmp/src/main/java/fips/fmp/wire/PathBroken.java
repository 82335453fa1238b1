package fips.fmp.wire;

import fips.identity.NodeAddr;
import java.util.List;
import java.util.Objects;

/**
 * PathBroken (0x21): the reporter holds coordinates for {@code destAddr} but
 * none of its peers is closer to them. Extra field: the stale coordinates
 * that failed, {@code count u16 LE ‖ count × NodeAddr} (self to root; count 0,
 * an empty list, when none are known). {@value ErrorSignal#PATH_BROKEN_MIN_BYTES}
 * + 16·n bytes (INTEROP.md 8.5, 15 D18); layout in {@link ErrorSignal}.
 *
 * @param lastKnownCoords copied; at most {@link ErrorSignal#PATH_BROKEN_MAX_COORDS} entries
 */
public record PathBroken(NodeAddr destAddr, NodeAddr reporter, List<NodeAddr> lastKnownCoords)
        implements ErrorSignal {
    public PathBroken {
        Objects.requireNonNull(destAddr, "destAddr");
        Objects.requireNonNull(reporter, "reporter");
        lastKnownCoords = List.copyOf(Objects.requireNonNull(lastKnownCoords, "lastKnownCoords (use List.of())"));
        if (lastKnownCoords.size() > PATH_BROKEN_MAX_COORDS) {
            throw new IllegalArgumentException("PathBroken lastKnownCoords.size=" + lastKnownCoords.size()
                    + " exceeds " + PATH_BROKEN_MAX_COORDS + " (payload_len is a u16)");
        }
    }

    /** Without last known coordinates (count 0). */
    public PathBroken(NodeAddr destAddr, NodeAddr reporter) {
        this(destAddr, reporter, List.of());
    }

    public boolean hasLastKnownCoords() {
        return !lastKnownCoords.isEmpty();
    }

    @Override
    public int type() {
        return TYPE_PATH_BROKEN;
    }

    @Override
    public int encodedLength() {
        return PATH_BROKEN_MIN_BYTES + NodeAddr.BYTES * lastKnownCoords.size();
    }

    @Override
    public int encode(byte[] out, int off) {
        int p = ErrorSignalCodec.writePathBrokenHead(out, off, destAddr.hi(), destAddr.lo(), reporter,
                lastKnownCoords.size());
        for (NodeAddr a : lastKnownCoords) {
            a.write(out, p);
            p += NodeAddr.BYTES;
        }
        return p - off;
    }
}
