package fips.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

/**
 * Control-path socket helpers over {@link Syscalls}: each checks the result
 * and throws {@link NativeException} naming the call, what it was called on,
 * and errno. They allocate (a confined arena per call), so they are for
 * opening, configuring and closing sockets, not for moving packets.
 */
public final class Sockets {
    private Sockets() {}

    /**
     * {@code socket(domain, type, protocol)}.
     *
     * @throws IllegalStateException if {@link Syscalls#available()} is false
     */
    public static int open(int domain, int type, int protocol) throws NativeException {
        Syscalls.requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            int fd = Syscalls.socket(cs, domain, type, protocol);
            if (fd < 0) {
                throw new NativeException("socket", "domain=" + domain + " type=" + type, Native.errno(cs));
            }
            return fd;
        }
    }

    /** {@code bind(fd, addr)}; the exception names the address as {@link Sockaddr#format(InetSocketAddress)} does. */
    public static void bind(int fd, InetSocketAddress addr) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment sa = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
            int len = Sockaddr.write(sa, addr);
            if (Syscalls.bind(cs, fd, sa, len) < 0) {
                throw new NativeException("bind", Sockaddr.format(addr), Native.errno(cs));
            }
        }
    }

    /** {@code setsockopt} with an {@code int} value; {@code name} is for the message (e.g. {@code SO_RCVBUF}). */
    public static void setIntOption(int fd, int level, int option, int value, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            if (Syscalls.setsockopt(cs, fd, level, option, v, Integer.BYTES) < 0) {
                throw new NativeException("setsockopt", "fd=" + fd + ", " + name + "=" + value, Native.errno(cs));
            }
        }
    }

    /** {@code SO_RCVTIMEO}: a blocking receive gives up with {@link Errno#EAGAIN} after {@code timeoutMs} (0: never). */
    public static void setReceiveTimeout(int fd, int timeoutMs) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment tv = arena.allocate(Syscalls.TIMEVAL);
            tv.set(ValueLayout.JAVA_LONG, Syscalls.TV_SEC_OFFSET, timeoutMs / 1000);
            tv.set(ValueLayout.JAVA_LONG, Syscalls.TV_USEC_OFFSET, (timeoutMs % 1000) * 1000L);
            if (Syscalls.setsockopt(cs, fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, tv,
                    (int) Syscalls.TIMEVAL.byteSize()) < 0) {
                throw new NativeException("setsockopt", "fd=" + fd + ", SO_RCVTIMEO=" + timeoutMs + "ms", Native.errno(cs));
            }
        }
    }

    /** {@code getsockopt} of an {@code int} option. */
    public static int getIntOption(int fd, int level, int option, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, Integer.BYTES);
            if (Syscalls.getsockopt(cs, fd, level, option, v, len) < 0) {
                throw new NativeException("getsockopt", "fd=" + fd + ", " + name, Native.errno(cs));
            }
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** {@code getsockname}: the address the socket is bound to (the real port after binding port 0). */
    public static InetSocketAddress localAddress(int fd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment sa = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, Sockaddr.SOCKADDR_MAX_BYTES);
            if (Syscalls.getsockname(cs, fd, sa, len) < 0) {
                throw new NativeException("getsockname", "fd=" + fd, Native.errno(cs));
            }
            return Sockaddr.read(sa);
        }
    }

    /**
     * {@code shutdown(fd, how)}, to wake a thread blocked in {@code poll} or a
     * receive on the socket. Returns errno, or 0 on success: an unconnected datagram
     * socket answers {@link Errno#ENOTCONN} yet still wakes its pollers.
     */
    public static int shutdown(int fd, int how) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            return Syscalls.shutdown(cs, fd, how) < 0 ? Native.errno(cs) : 0;
        }
    }

    /** {@code close(fd)}. The descriptor is released even when this throws (Linux never retries close). */
    public static void close(int fd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            if (Syscalls.close(cs, fd) < 0) {
                throw new NativeException("close", "fd=" + fd, Native.errno(cs));
            }
        }
    }
}
