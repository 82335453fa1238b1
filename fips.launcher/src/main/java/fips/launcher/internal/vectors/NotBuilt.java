package fips.launcher.internal.vectors;

/** Thrown by a check whose protocol layer this build does not have yet: the case is skipped, not failed. */
final class NotBuilt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotBuilt(String what) {
        super(what, null, false, false);
    }
}
