package fips.launcher.internal.vectors;

/** A vector field whose computed value differs from the expected one. */
final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String field, String expected, String actual) {
        super(field + ": expected " + expected + ", got " + actual, null, false, false);
    }
}
