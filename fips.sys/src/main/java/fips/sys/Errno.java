package fips.sys;

/**
 * Linux errno values this node acts on or reports, with their symbolic names.
 * Values from {@code <asm-generic/errno-base.h>} and
 * {@code <asm-generic/errno.h>}, the numbering x86-64, AArch64 and RISC-V
 * share ({@link Syscalls#available()} refuses other architectures).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    /** No such process; rtnetlink answers it when a route to delete does not exist. */
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    /** Also EWOULDBLOCK: a non-blocking call would have blocked. */
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    /** Inappropriate ioctl for device. */
    public static final int ENOTTY = 25;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int EPROTO = 71;
    /** Bad message: also what this module reports for a malformed netlink reply. */
    public static final int EBADMSG = 74;
    public static final int ENOTSOCK = 88;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;

    private static final String[] NAMES = new String[128];

    static {
        name(EPERM, "EPERM");
        name(ENOENT, "ENOENT");
        name(ESRCH, "ESRCH");
        name(EINTR, "EINTR");
        name(EIO, "EIO");
        name(ENXIO, "ENXIO");
        name(EBADF, "EBADF");
        name(EAGAIN, "EAGAIN");
        name(ENOMEM, "ENOMEM");
        name(EACCES, "EACCES");
        name(EFAULT, "EFAULT");
        name(EBUSY, "EBUSY");
        name(EEXIST, "EEXIST");
        name(ENODEV, "ENODEV");
        name(EINVAL, "EINVAL");
        name(EMFILE, "EMFILE");
        name(ENOTTY, "ENOTTY");
        name(EPIPE, "EPIPE");
        name(ENOSYS, "ENOSYS");
        name(EPROTO, "EPROTO");
        name(EBADMSG, "EBADMSG");
        name(ENOTSOCK, "ENOTSOCK");
        name(EMSGSIZE, "EMSGSIZE");
        name(EPROTONOSUPPORT, "EPROTONOSUPPORT");
        name(EOPNOTSUPP, "EOPNOTSUPP");
        name(EAFNOSUPPORT, "EAFNOSUPPORT");
        name(EADDRINUSE, "EADDRINUSE");
        name(EADDRNOTAVAIL, "EADDRNOTAVAIL");
        name(ENETDOWN, "ENETDOWN");
        name(ENETUNREACH, "ENETUNREACH");
        name(ECONNRESET, "ECONNRESET");
        name(ENOBUFS, "ENOBUFS");
        name(ENOTCONN, "ENOTCONN");
        name(ETIMEDOUT, "ETIMEDOUT");
        name(ECONNREFUSED, "ECONNREFUSED");
        name(EHOSTUNREACH, "EHOSTUNREACH");
    }

    private static void name(int errno, String name) {
        NAMES[errno] = name;
    }

    private Errno() {}

    /** The symbolic name, e.g. {@code EADDRINUSE}, or {@code errno=N} for one this table lacks. */
    public static String name(int errno) {
        String n = errno >= 0 && errno < NAMES.length ? NAMES[errno] : null;
        return n != null ? n : "errno=" + errno;
    }

    /** The C library's text for {@code errno} ({@code strerror}), or {@code errno=N} if libc is unavailable. */
    public static String message(int errno) {
        return Syscalls.strerror(errno);
    }
}
