package fips.identity;

/**
 * A key, npub, nsec or address given as input is malformed. The message names
 * what was wrong (bad checksum, wrong prefix, wrong length, not on the curve).
 */
public final class KeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }
}
