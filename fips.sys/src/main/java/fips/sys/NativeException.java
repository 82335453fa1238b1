package fips.sys;

import java.io.IOException;

/**
 * A native call failed (STYLE.md rule 9): carries the call's name, what it was
 * called on, errno, its symbolic name and the C library's text for it.
 * Thrown on control paths only (open, bind, option setting); data-path calls
 * return the raw result and leave errno in the caller's call-state buffer.
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * @param call the function, e.g. {@code bind}
     * @param detail what it was called on, for operators (e.g. {@code 0.0.0.0:2121}); may be empty
     */
    public NativeException(String call, String detail, int errno) {
        this(call, detail, errno, null);
    }

    /**
     * @param hint what an operator can do about it (e.g. that {@code CAP_NET_ADMIN}
     *        is needed), appended to the message; may be {@code null}
     */
    public NativeException(String call, String detail, int errno, String hint) {
        super(call + "(" + detail + ") failed: " + Errno.name(errno) + " (" + Errno.message(errno) + ")"
                + (hint == null || hint.isEmpty() ? "" : "; " + hint));
        this.call = call;
        this.errno = errno;
    }

    /**
     * An operator hint for privilege errors: {@link Errno#EPERM} and
     * {@link Errno#EACCES} on network configuration mean the process lacks
     * {@code CAP_NET_ADMIN}; {@code null} for any other errno.
     */
    static String netAdminHint(int errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES
                ? "configuring network devices needs CAP_NET_ADMIN (run as root, or grant the capability,"
                        + " e.g. setcap cap_net_admin+ep on the java binary or AmbientCapabilities= in the unit)"
                : null;
    }

    /** True if the object to add was already there ({@link Errno#EEXIST}), e.g. after a daemon restart. */
    public boolean alreadyExists() {
        return errno == Errno.EEXIST;
    }

    /** The function that failed, e.g. {@code bind}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    /** The symbolic errno, e.g. {@code EADDRINUSE}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The C library's text for {@link #errno()}. */
    public String strerror() {
        return Errno.message(errno);
    }
}
