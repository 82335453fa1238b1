package fips.fsp.wire;

import fips.identity.NodeAddr;

/** The part every error signal shares (INTEROP.md 8.5); offsets in {@link ErrorSignal}. */
final class ErrorSignalHead {
    private ErrorSignalHead() {}

    /** Writes prefix, type, reserved flags, dest and reporter; returns the offset after them. */
    static int write(byte[] out, int off, int type, int payloadLen, NodeAddr dest, NodeAddr reporter) {
        FspPrefix.write(out, off, FspConstants.PHASE_ESTABLISHED, FspConstants.FLAG_U, payloadLen);
        out[off + ErrorSignal.TYPE_OFFSET] = (byte) type;
        out[off + ErrorSignal.TYPE_OFFSET + 1] = 0;
        dest.write(out, off + ErrorSignal.DEST_OFFSET);
        reporter.write(out, off + ErrorSignal.REPORTER_OFFSET);
        return off + ErrorSignal.EXTRA_OFFSET;
    }
}
