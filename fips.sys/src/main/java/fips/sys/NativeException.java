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
        super(call + "(" + detail + ") failed: " + Errno.name(errno) + " (" + Errno.message(errno) + ")");
        this.call = call;
        this.errno = errno;
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
