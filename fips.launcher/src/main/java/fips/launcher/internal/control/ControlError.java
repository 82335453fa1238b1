package fips.launcher.internal.control;

/**
 * A request the daemon refuses: the message becomes the {@code message} of an
 * error reply as it is (reference/control-socket.md "Common error messages").
 */
public final class ControlError extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlError(String message) {
        super(message, null, false, false);
    }
}
