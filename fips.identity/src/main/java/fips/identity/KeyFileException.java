package fips.identity;

/**
 * A key file could not be used: missing, unreadable, a symlink, too permissive,
 * empty, not a valid key, or already present when writing without overwrite.
 * The message names the path, the operating-system error where there is one,
 * and the fix where there is an obvious one. It never contains key material.
 *
 * <p>An {@link IllegalStateException} because the cause is local (the host's
 * files or the operator's setup), not the network or a peer.
 */
public final class KeyFileException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
