package fips.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * The socket system calls, their constants and struct layouts, bound once
 * through the FFM linker (STYLE.md rule 10).
 *
 * <p>Two kinds of wrapper:
 * <ul>
 *   <li>Raw ({@code socket}, {@code recvmmsg}, {@code sendto}, ...): return
 *       what the C function returns; on {@code -1} the errno is in the
 *       caller's call-state buffer ({@link Native#errno(MemorySegment)}). They
 *       never allocate and never throw for a failed call, so data paths use
 *       them directly. Handles are {@code static final}, so the JIT inlines
 *       the downcall.</li>
 *   <li>Checked control-path helpers live in {@link Sockets}: they throw
 *       {@link NativeException}.</li>
 * </ul>
 *
 * <p>Critical calls: {@code sendto}, {@code recvfrom}, {@code sendmmsg},
 * {@code read} and {@code write} are linked as critical functions, which
 * skips the thread-state transition and lets them read and write Java heap
 * arrays in place. A critical call must not block, so these
 * must only be used on non-blocking sockets ({@link #SOCK_NONBLOCK}) or with
 * {@link #MSG_DONTWAIT}. Blocking belongs in {@link #poll} or
 * {@link #recvmmsg}, which are ordinary downcalls.
 *
 * <p>Layouts are those of Linux on LP64 (64-bit pointers and {@code size_t}),
 * written out field by field with the padding the C compiler inserts; the
 * constants are the asm-generic values. {@link #available()} is false on any
 * other OS or architecture, and when the JVM denies native access to this
 * module ({@code --enable-native-access=fips.sys}).
 */
public final class Syscalls {
    // ---- <bits/socket.h>, <linux/net.h> ----
    /** {@code AF_INET}: IPv4. */
    public static final int AF_INET = 2;
    /** {@code AF_INET6}: IPv6. */
    public static final int AF_INET6 = 10;
    /** {@code SOCK_STREAM}. */
    public static final int SOCK_STREAM = 1;
    /** {@code SOCK_DGRAM}. */
    public static final int SOCK_DGRAM = 2;
    /** {@code SOCK_NONBLOCK} (= {@code O_NONBLOCK}, octal 04000), or'ed into the socket type. */
    public static final int SOCK_NONBLOCK = 0x800;
    /** {@code SOCK_CLOEXEC} (= {@code O_CLOEXEC}, octal 02000000), or'ed into the socket type. */
    public static final int SOCK_CLOEXEC = 0x80000;

    // ---- <netinet/in.h> ----
    /** {@code IPPROTO_UDP}. */
    public static final int IPPROTO_UDP = 17;
    /** {@code IPPROTO_IPV6}: option level for IPv6 socket options. */
    public static final int IPPROTO_IPV6 = 41;
    /** {@code IPV6_V6ONLY}: 0 makes an AF_INET6 socket dual-stack (IPv4 peers appear as ::ffff:a.b.c.d). */
    public static final int IPV6_V6ONLY = 26;

    // ---- <asm-generic/socket.h> ----
    /** {@code SOL_SOCKET}: option level for generic socket options. */
    public static final int SOL_SOCKET = 1;
    /** {@code SO_REUSEADDR}. */
    public static final int SO_REUSEADDR = 2;
    /** {@code SO_SNDBUF}: the kernel doubles the value set and clamps it to {@code net.core.wmem_max}. */
    public static final int SO_SNDBUF = 7;
    /** {@code SO_RCVBUF}: the kernel doubles the value set and clamps it to {@code net.core.rmem_max}. */
    public static final int SO_RCVBUF = 8;
    /**
     * {@code SO_RCVTIMEO} ({@code SO_RCVTIMEO_OLD}, the value where {@code time_t} is 64 bits): a
     * {@link #TIMEVAL} after which a blocking receive fails with {@link Errno#EAGAIN}.
     */
    public static final int SO_RCVTIMEO = 20;
    /** {@code SO_RXQ_OVFL}: per-datagram ancillary count of receive-queue drops. */
    public static final int SO_RXQ_OVFL = 40;

    // ---- <bits/socket.h> message flags ----
    /** {@code MSG_TRUNC}: in {@code msg_flags}, the datagram was longer than the buffer. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}: this call only is non-blocking. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_WAITFORONE}: recvmmsg blocks for the first datagram only. */
    public static final int MSG_WAITFORONE = 0x10000;

    // ---- <sys/socket.h> shutdown(2) ----
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // ---- <asm-generic/poll.h> ----
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    // ---- <asm-generic/fcntl.h> ----
    /** {@code O_RDWR}. */
    public static final int O_RDWR = 2;
    /** {@code O_NONBLOCK} (octal 04000). */
    public static final int O_NONBLOCK = 0x800;
    /** {@code O_CLOEXEC} (octal 02000000). */
    public static final int O_CLOEXEC = 0x80000;

    // ---- <sys/eventfd.h> ----
    /** {@code EFD_NONBLOCK} (= {@code O_NONBLOCK}). */
    public static final int EFD_NONBLOCK = 0x800;
    /** {@code EFD_CLOEXEC} (= {@code O_CLOEXEC}). */
    public static final int EFD_CLOEXEC = 0x80000;

    // ---- <linux/sched.h> ----
    /** {@code CLONE_NEWNET}: with {@link #unshare}, the calling thread moves to a new, empty network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;

    // ---- <linux/if.h>, <linux/if_tun.h> ----
    /** {@code IFNAMSIZ}: an interface name and its NUL terminator fit in 16 bytes. */
    public static final int IFNAMSIZ = 16;
    /** {@code IFF_TUN}: a layer-3 device (IP packets, no Ethernet header). */
    public static final short IFF_TUN = 0x0001;
    /** {@code IFF_NO_PI}: no 4-byte packet-information prefix before each packet. */
    public static final short IFF_NO_PI = 0x1000;
    /**
     * {@code TUNSETIFF} = {@code _IOW('T', 202, int)}: direction write (1) in bits 30-31,
     * argument size 4 in bits 16-29, type {@code 'T'} (0x54) in bits 8-15, number 202 (0xca).
     */
    public static final long TUNSETIFF = 0x400454caL;

    // ---- <linux/socket.h>, <linux/netlink.h> ----
    /** {@code AF_NETLINK}. */
    public static final int AF_NETLINK = 16;
    /** {@code SOCK_RAW}: the type netlink sockets take. */
    public static final int SOCK_RAW = 3;
    /** {@code NETLINK_ROUTE}: the rtnetlink protocol (links, addresses, routes, rules). */
    public static final int NETLINK_ROUTE = 0;
    /** {@code SOL_NETLINK}: option level for netlink socket options. */
    public static final int SOL_NETLINK = 270;
    /** {@code NETLINK_EXT_ACK}: error replies carry the kernel's text for the failure. */
    public static final int NETLINK_EXT_ACK = 11;

    /** A 16-bit field in network byte order (ports). */
    public static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    /** A 32-bit field in network byte order (flow info). */
    public static final ValueLayout.OfInt NET_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    /** {@code struct sockaddr_in} (16 bytes): family, port (network order), address, zero padding. */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            NET_SHORT.withName("sin_port"),
            MemoryLayout.sequenceLayout(4, JAVA_BYTE).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero"));

    /** {@code struct sockaddr_in6} (28 bytes): family, port, flow info (network order), address, scope id. */
    public static final StructLayout SOCKADDR_IN6 = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin6_family"),
            NET_SHORT.withName("sin6_port"),
            NET_INT.withName("sin6_flowinfo"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id"));

    /** {@code struct iovec} (16 bytes). */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));

    /** {@code struct msghdr} (56 bytes on LP64; {@code socklen_t} is 32 bits, {@code size_t} 64). */
    public static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));

    /** {@code struct mmsghdr} (64 bytes): a msghdr and the byte count the kernel fills in. */
    public static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"),
            JAVA_INT.withName("msg_len"),
            MemoryLayout.paddingLayout(4));

    /**
     * {@code struct ifreq} (40 bytes on LP64): the interface name, then a union
     * whose largest member ({@code struct ifmap}) is 24 bytes; TUNSETIFF uses
     * only its {@code short ifr_flags}.
     */
    public static final StructLayout IFREQ = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(IFNAMSIZ, JAVA_BYTE).withName("ifr_name"),
            JAVA_SHORT.withName("ifr_flags"),
            MemoryLayout.paddingLayout(22));

    /** {@code struct sockaddr_nl} (12 bytes): family, padding, port id (0 is the kernel), multicast groups. */
    public static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"),
            MemoryLayout.paddingLayout(2),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));

    /** {@code struct timeval} (16 bytes): seconds and microseconds, both {@code long}. */
    public static final StructLayout TIMEVAL = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_usec"));

    /** {@code struct pollfd} (8 bytes). */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));

    public static final long SIN_FAMILY_OFFSET = offset(SOCKADDR_IN, "sin_family");
    public static final long SIN_PORT_OFFSET = offset(SOCKADDR_IN, "sin_port");
    public static final long SIN_ADDR_OFFSET = offset(SOCKADDR_IN, "sin_addr");
    public static final long SIN6_FAMILY_OFFSET = offset(SOCKADDR_IN6, "sin6_family");
    public static final long SIN6_PORT_OFFSET = offset(SOCKADDR_IN6, "sin6_port");
    public static final long SIN6_FLOWINFO_OFFSET = offset(SOCKADDR_IN6, "sin6_flowinfo");
    public static final long SIN6_ADDR_OFFSET = offset(SOCKADDR_IN6, "sin6_addr");
    public static final long SIN6_SCOPE_ID_OFFSET = offset(SOCKADDR_IN6, "sin6_scope_id");
    public static final long IOV_BASE_OFFSET = offset(IOVEC, "iov_base");
    public static final long IOV_LEN_OFFSET = offset(IOVEC, "iov_len");
    public static final long MSG_NAME_OFFSET = offset(MSGHDR, "msg_name");
    public static final long MSG_NAMELEN_OFFSET = offset(MSGHDR, "msg_namelen");
    public static final long MSG_IOV_OFFSET = offset(MSGHDR, "msg_iov");
    public static final long MSG_IOVLEN_OFFSET = offset(MSGHDR, "msg_iovlen");
    public static final long MSG_CONTROL_OFFSET = offset(MSGHDR, "msg_control");
    public static final long MSG_CONTROLLEN_OFFSET = offset(MSGHDR, "msg_controllen");
    public static final long MSG_FLAGS_OFFSET = offset(MSGHDR, "msg_flags");
    /** Offset of {@code msg_len} in {@code struct mmsghdr}; the msghdr is at 0. */
    public static final long MMSG_LEN_OFFSET = offset(MMSGHDR, "msg_len");
    public static final long IFR_NAME_OFFSET = offset(IFREQ, "ifr_name");
    public static final long IFR_FLAGS_OFFSET = offset(IFREQ, "ifr_flags");
    public static final long NL_FAMILY_OFFSET = offset(SOCKADDR_NL, "nl_family");
    public static final long NL_PID_OFFSET = offset(SOCKADDR_NL, "nl_pid");
    public static final long NL_GROUPS_OFFSET = offset(SOCKADDR_NL, "nl_groups");
    public static final long TV_SEC_OFFSET = offset(TIMEVAL, "tv_sec");
    public static final long TV_USEC_OFFSET = offset(TIMEVAL, "tv_usec");
    public static final long POLL_FD_OFFSET = offset(POLLFD, "fd");
    public static final long POLL_EVENTS_OFFSET = offset(POLLFD, "events");
    public static final long POLL_REVENTS_OFFSET = offset(POLLFD, "revents");

    private static final Set<String> LP64_ASM_GENERIC_ARCHES = Set.of("amd64", "x86_64", "aarch64", "riscv64");

    private static final String UNAVAILABLE_REASON;

    // int socket(int domain, int type, int protocol)
    private static final MethodHandle SOCKET;
    // int bind(int fd, const struct sockaddr *addr, socklen_t len)
    private static final MethodHandle BIND;
    // int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
    private static final MethodHandle GETSOCKNAME;
    // int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
    private static final MethodHandle SETSOCKOPT;
    // int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
    private static final MethodHandle GETSOCKOPT;
    // int recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags, struct timespec *timeout)
    private static final MethodHandle RECVMMSG;
    // int sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
    private static final MethodHandle SENDMMSG;
    // ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)
    private static final MethodHandle SENDTO;
    // ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
    private static final MethodHandle RECVFROM;
    // int poll(struct pollfd *fds, nfds_t nfds, int timeout)
    private static final MethodHandle POLL;
    // int shutdown(int fd, int how)
    private static final MethodHandle SHUTDOWN;
    // int close(int fd)
    private static final MethodHandle CLOSE;
    // char *strerror(int errnum)
    private static final MethodHandle STRERROR;
    // int open(const char *path, int flags, ...): called with the mode as its one variadic argument
    private static final MethodHandle OPEN;
    // int ioctl(int fd, unsigned long request, ...): called with one pointer as the variadic argument
    private static final MethodHandle IOCTL;
    // ssize_t read(int fd, void *buf, size_t count)
    private static final MethodHandle READ;
    // ssize_t write(int fd, const void *buf, size_t count)
    private static final MethodHandle WRITE;
    // int eventfd(unsigned int initval, int flags)
    private static final MethodHandle EVENTFD;
    // int unshare(int flags)
    private static final MethodHandle UNSHARE;

    static {
        String reason = null;
        MethodHandle socket = null;
        MethodHandle bind = null;
        MethodHandle getsockname = null;
        MethodHandle setsockopt = null;
        MethodHandle getsockopt = null;
        MethodHandle recvmmsg = null;
        MethodHandle sendmmsg = null;
        MethodHandle sendto = null;
        MethodHandle recvfrom = null;
        MethodHandle poll = null;
        MethodHandle shutdown = null;
        MethodHandle close = null;
        MethodHandle strerror = null;
        MethodHandle open = null;
        MethodHandle ioctl = null;
        MethodHandle read = null;
        MethodHandle write = null;
        MethodHandle eventfd = null;
        MethodHandle unshare = null;
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux")) {
            reason = "fips.sys binds Linux system calls; os.name=" + os;
        } else if (!LP64_ASM_GENERIC_ARCHES.contains(arch) || ADDRESS.byteSize() != 8) {
            reason = "fips.sys has struct layouts and constants for 64-bit x86, ARM and RISC-V only; os.arch=" + arch;
        } else {
            try {
                socket = Native.downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true, false);
                bind = Native.downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true, false);
                getsockname = Native.downcall("getsockname",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true, false);
                setsockopt = Native.downcall("setsockopt",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true, false);
                getsockopt = Native.downcall("getsockopt",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true, false);
                recvmmsg = Native.downcall("recvmmsg",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), true, false);
                sendmmsg = Native.downcall("sendmmsg",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true, true);
                sendto = Native.downcall("sendto",
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true, true);
                recvfrom = Native.downcall("recvfrom",
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS), true, true);
                poll = Native.downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true, false);
                shutdown = Native.downcall("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true, false);
                close = Native.downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true, false);
                strerror = Native.downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false, false);
                open = Native.downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                        true, false, 2);
                ioctl = Native.downcall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                        true, false, 2);
                read = Native.downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true, true);
                write = Native.downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true, true);
                eventfd = Native.downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true, false);
                unshare = Native.downcall("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true, false);
            } catch (IllegalCallerException e) {
                reason = "native access is not enabled for module fips.sys (run java with"
                        + " --enable-native-access=fips.sys, or ALL-UNNAMED on the class path): " + e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                reason = "cannot link libc: " + e;
            }
        }
        UNAVAILABLE_REASON = reason;
        SOCKET = socket;
        BIND = bind;
        GETSOCKNAME = getsockname;
        SETSOCKOPT = setsockopt;
        GETSOCKOPT = getsockopt;
        RECVMMSG = recvmmsg;
        SENDMMSG = sendmmsg;
        SENDTO = sendto;
        RECVFROM = recvfrom;
        POLL = poll;
        SHUTDOWN = shutdown;
        CLOSE = close;
        STRERROR = strerror;
        OPEN = open;
        IOCTL = ioctl;
        READ = read;
        WRITE = write;
        EVENTFD = eventfd;
        UNSHARE = unshare;
    }

    private Syscalls() {}

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }

    /** Whether these calls can be used in this JVM on this machine (probed once). */
    public static boolean available() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why {@link #available()} is false, or {@code null}. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** @throws IllegalStateException naming the reason, if {@link #available()} is false */
    public static void requireAvailable() {
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("fips.sys is unavailable: " + UNAVAILABLE_REASON);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // ---- raw wrappers: -1 on failure, errno in callState ----

    public static int socket(MemorySegment callState, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(MemorySegment callState, int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) BIND.invokeExact(callState, fd, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code addrLen} is a {@code socklen_t} in and out: the buffer size, then the address size. */
    public static int getsockname(MemorySegment callState, int fd, MemorySegment addr, MemorySegment addrLen) {
        try {
            return (int) GETSOCKNAME.invokeExact(callState, fd, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value, int valueLen) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState, fd, level, name, value, valueLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code valueLen} is a {@code socklen_t} in and out. */
    public static int getsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value,
            MemorySegment valueLen) {
        try {
            return (int) GETSOCKOPT.invokeExact(callState, fd, level, name, value, valueLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Receives up to {@code vlen} datagrams into the {@link #MMSGHDR} array
     * {@code msgvec} (native memory); returns how many, or -1. Once the socket
     * is shut down for reading, a call returns at once with one entry of
     * length 0 whose {@code msg_namelen} is 0 (a real datagram, even an empty
     * one, always has a source address). May block: with {@link #MSG_WAITFORONE}
     * on a blocking socket it waits for the first datagram (bounded by
     * {@link #SO_RCVTIMEO}, then {@link Errno#EAGAIN}) and takes the rest
     * without waiting. The kernel's own timeout argument is not offered: it is
     * only checked between datagrams.
     */
    public static int recvmmsg(MemorySegment callState, int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(callState, fd, msgvec, vlen, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sends up to {@code vlen} datagrams from the {@link #MMSGHDR} array
     * {@code msgvec} (native memory); returns how many were sent, or -1 if the
     * first failed. Critical: non-blocking only.
     */
    public static int sendmmsg(MemorySegment callState, int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(callState, fd, msgvec, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sends one datagram; returns the bytes sent or -1. {@code buf} and
     * {@code to} may be heap segments (critical call). Non-blocking only.
     */
    public static long sendto(MemorySegment callState, int fd, MemorySegment buf, long len, int flags,
            MemorySegment to, int toLen) {
        try {
            return (long) SENDTO.invokeExact(callState, fd, buf, len, flags, to, toLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Receives one datagram; returns its length (the full length with
     * {@link #MSG_TRUNC} in {@code flags}) or -1. Heap segments allowed
     * (critical call). Non-blocking only.
     */
    public static long recvfrom(MemorySegment callState, int fd, MemorySegment buf, long len, int flags,
            MemorySegment from, MemorySegment fromLen) {
        try {
            return (long) RECVFROM.invokeExact(callState, fd, buf, len, flags, from, fromLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for events on the {@link #POLLFD} array {@code fds}; returns how many have events, 0 on timeout, or -1. */
    public static int poll(MemorySegment callState, MemorySegment fds, long nfds, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(callState, fds, nfds, timeoutMs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Shuts down one or both directions. On Linux this also wakes a thread
     * blocked in {@code poll} or a receive on the socket, even an unconnected
     * UDP one (which answers {@link Errno#ENOTCONN} while still doing so); see
     * {@link #recvmmsg} for what a receive then returns.
     */
    public static int shutdown(MemorySegment callState, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(callState, fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(MemorySegment callState, int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Opens {@code path} (a NUL-terminated C string in native memory) with
     * {@code flags} ({@link #O_RDWR}, {@link #O_CLOEXEC}, ...); never creates
     * files (mode 0). Returns the descriptor or -1.
     */
    public static int open(MemorySegment callState, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl(fd, request, arg)} with a pointer argument (native memory); returns its result or -1. */
    public static int ioctl(MemorySegment callState, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code read(fd, buf, len)}: bytes read, 0 at end of file, or -1. {@code buf}
     * may be a heap segment (critical call), so the descriptor must be
     * non-blocking ({@link #O_NONBLOCK}, {@link #EFD_NONBLOCK}); wait in {@link #poll}.
     */
    public static long read(MemorySegment callState, int fd, MemorySegment buf, long len) {
        try {
            return (long) READ.invokeExact(callState, fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write(fd, buf, len)}: bytes written or -1. Heap segments allowed (critical call); non-blocking only. */
    public static long write(MemorySegment callState, int fd, MemorySegment buf, long len) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code eventfd(initval, flags)}: a counter descriptor a thread can {@link #poll} on; returns it or -1. */
    public static int eventfd(MemorySegment callState, int initval, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState, initval, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code unshare(flags)}: detaches the calling thread (not the process) from
     * the namespaces named in {@code flags}. With {@link #CLONE_NEWNET} the thread
     * enters a new network namespace holding only a down loopback device; sockets
     * and TUN devices it opens afterwards live there, and the namespace goes away
     * with the thread and the last descriptor in it. A JVM thread cannot go back,
     * so use a dedicated platform thread. Needs {@code CAP_SYS_ADMIN}.
     */
    public static int unshare(MemorySegment callState, int flags) {
        try {
            return (int) UNSHARE.invokeExact(callState, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The C library's text for {@code errno}; {@code errno=N} if libc is unavailable. */
    @SuppressWarnings("restricted") // sizing the returned C string, see below
    public static String strerror(int errno) {
        if (STRERROR == null) {
            return "errno=" + errno;
        }
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return "errno=" + errno;
            }
            // strerror returns a NUL-terminated string of unknown length; messages are short.
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
