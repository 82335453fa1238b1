package fips.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux TUN device carrying bare IPv6 packets ({@code IFF_TUN | IFF_NO_PI}):
 * each {@link #read} returns one packet the kernel routed into the device,
 * each {@link #write} hands one packet to the kernel as if it arrived on it.
 * The device exists while this object is open (it is not made persistent)
 * and lives in the network namespace of the thread that opened it.
 * Configure it (MTU, up, address, routes) with {@link Rtnetlink}, by
 * {@link #name()}; INTEROP.md 9.2 says what the node configures.
 *
 * <h2>Threads</h2>
 * At most one thread reads and one thread writes at a time (the adapter's
 * reader and writer threads, design/fips-ipv6-adapter.md "Architecture");
 * each direction has its own errno buffer and staging buffer. Any thread may
 * call {@link #wakeup()} and {@link #close()}.
 *
 * <h2>Data path</h2>
 * Reads and writes do not allocate and do not throw for a failed system call:
 * they return a count or a negative code. The descriptor is non-blocking; a
 * read that finds no packet waits in {@code poll} on the device and an
 * eventfd, up to {@code timeoutMs}, so {@link #wakeup()} and {@link #close()}
 * end the wait at once. Return values:
 * <ul>
 *   <li>{@code > 0}: one packet's length in bytes. For a read, if it exceeds
 *       the buffer, the packet was cut to the buffer's length (drop and count it).</li>
 *   <li>{@code 0}: nothing this time (read: timeout, wakeup or a spurious
 *       wake; write: {@code EAGAIN}).</li>
 *   <li>{@link #CLOSED}: the device was closed; stop.</li>
 *   <li>other negative values: {@code -errno} of the failed call (e.g.
 *       {@code -Errno.EINVAL} for a packet the kernel refuses); count it.</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} marks the device closed, wakes a waiting reader and
 * returns after the last call in progress has left, when the descriptors are
 * closed and the kernel removes the device.
 */
public final class TunDevice implements AutoCloseable {
    /** Returned by {@link #read} and {@link #write} once the device is closed ({@code -EBADF}). */
    public static final int CLOSED = -Errno.EBADF;
    /** Room in each staging buffer: the largest MTU a TUN device accepts, so any packet fits. */
    public static final int MAX_PACKET_BYTES = 65535;

    private static final String TUN_PATH = "/dev/net/tun";
    private static final int CLOSED_BIT = Integer.MIN_VALUE;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final String UNAVAILABLE_REASON = probe();

    private final Arena arena;
    private final int fd;
    private final int eventFd;
    private final String name;
    private final MemorySegment readCallState;
    private final MemorySegment readStage;
    private final MemorySegment pollFds;
    private final MemorySegment drain;
    private final MemorySegment writeCallState;
    private final MemorySegment writeStage;
    /** {@link #CLOSED_BIT} once closing; the low bits count calls in progress. */
    private final AtomicInteger state = new AtomicInteger();
    private final Object releaseLock = new Object();
    private boolean released; // guarded by releaseLock

    private TunDevice(Arena arena, int fd, int eventFd, String name) {
        this.arena = arena;
        this.fd = fd;
        this.eventFd = eventFd;
        this.name = name;
        this.readCallState = Native.allocateCallState(arena);
        this.writeCallState = Native.allocateCallState(arena);
        this.readStage = arena.allocate(MAX_PACKET_BYTES, 8);
        this.writeStage = arena.allocate(MAX_PACKET_BYTES, 8);
        this.drain = arena.allocate(ValueLayout.JAVA_LONG);
        this.pollFds = arena.allocate(Syscalls.POLLFD, 2);
        long size = Syscalls.POLLFD.byteSize();
        pollFds.set(ValueLayout.JAVA_INT, Syscalls.POLL_FD_OFFSET, fd);
        pollFds.set(ValueLayout.JAVA_SHORT, Syscalls.POLL_EVENTS_OFFSET, Syscalls.POLLIN);
        pollFds.set(ValueLayout.JAVA_INT, size + Syscalls.POLL_FD_OFFSET, eventFd);
        pollFds.set(ValueLayout.JAVA_SHORT, size + Syscalls.POLL_EVENTS_OFFSET, Syscalls.POLLIN);
    }

    private static String probe() {
        if (!Syscalls.available()) {
            return Syscalls.unavailableReason();
        }
        if (!Files.exists(Path.of(TUN_PATH))) {
            return TUN_PATH + " does not exist (load the tun module: modprobe tun)";
        }
        return null;
    }

    /** Whether TUN devices can be opened here: {@link Syscalls#available()} and {@code /dev/net/tun} exists. */
    public static boolean available() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why {@link #available()} is false, or {@code null}. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /**
     * Creates a TUN device (or attaches to an existing persistent one of that
     * name) in the calling thread's network namespace.
     *
     * @param name the interface name, or a template such as {@code fips%d} for
     *        which the kernel picks the first free number; see {@link #name()}
     * @throws NativeException naming {@code open} or {@code ioctl(TUNSETIFF)};
     *         {@link Errno#EPERM} means {@code CAP_NET_ADMIN} is missing,
     *         {@link Errno#EBUSY} that another process has the device open
     * @throws IllegalArgumentException if {@code name} cannot be an interface name
     * @throws IllegalStateException if {@link #available()} is false
     */
    public static TunDevice open(String name) throws NativeException {
        Rtnetlink.checkName(name);
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("TUN devices are unavailable: " + UNAVAILABLE_REASON);
        }
        Arena arena = Arena.ofShared();
        int fd = -1;
        int efd = -1;
        try {
            MemorySegment cs = Native.allocateCallState(arena);
            fd = Syscalls.open(cs, arena.allocateFrom(TUN_PATH),
                    Syscalls.O_RDWR | Syscalls.O_CLOEXEC | Syscalls.O_NONBLOCK);
            if (fd < 0) {
                int err = Native.errno(cs);
                throw new NativeException("open", TUN_PATH, err, err == Errno.ENOENT || err == Errno.ENODEV
                        ? "the tun driver is missing (modprobe tun; the node is character device 10:200)"
                        : NativeException.netAdminHint(err));
            }
            MemorySegment ifr = arena.allocate(Syscalls.IFREQ);
            byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(raw, 0, ifr, ValueLayout.JAVA_BYTE, Syscalls.IFR_NAME_OFFSET, raw.length);
            ifr.set(ValueLayout.JAVA_SHORT, Syscalls.IFR_FLAGS_OFFSET, (short) (Syscalls.IFF_TUN | Syscalls.IFF_NO_PI));
            if (Syscalls.ioctl(cs, fd, Syscalls.TUNSETIFF, ifr) < 0) {
                int err = Native.errno(cs);
                String hint = switch (err) {
                    case Errno.EBUSY -> "another process has the TUN device " + name + " open";
                    case Errno.EINVAL -> "a device named " + name + " exists and is not a TUN device";
                    default -> NativeException.netAdminHint(err);
                };
                throw new NativeException("ioctl", "TUNSETIFF, name=" + name + ", IFF_TUN|IFF_NO_PI", err, hint);
            }
            String actual = cString(ifr, Syscalls.IFR_NAME_OFFSET, Syscalls.IFNAMSIZ);
            efd = Syscalls.eventfd(cs, 0, Syscalls.EFD_CLOEXEC | Syscalls.EFD_NONBLOCK);
            if (efd < 0) {
                throw new NativeException("eventfd", "wakeup for TUN " + actual, Native.errno(cs));
            }
            return new TunDevice(arena, fd, efd, actual);
        } catch (NativeException | RuntimeException | Error e) {
            closeQuietly(efd);
            closeQuietly(fd);
            arena.close();
            throw e;
        }
    }

    private static String cString(MemorySegment s, long off, int max) {
        int n = 0;
        while (n < max && s.get(ValueLayout.JAVA_BYTE, off + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, n);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Sockets.close(fd);
            } catch (NativeException ignored) {
                // released anyway
            }
        }
    }

    /** The interface name the kernel gave the device (a template's {@code %d} filled in). */
    public String name() {
        return name;
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        return state.get() < 0;
    }

    // ---- data path ----

    /**
     * Reads one packet into {@code buf} (from its offset 0, up to its size;
     * native or heap), waiting up to {@code timeoutMs} (0: do not wait;
     * negative: until a packet, {@link #wakeup()} or {@link #close()}).
     * Pass a segment made once (slice it once, not per call) to stay
     * allocation-free. See the class comment for the return value.
     */
    public int read(MemorySegment buf, int timeoutMs) {
        if (!enter()) {
            return CLOSED;
        }
        try {
            return readInto(buf, buf.byteSize(), timeoutMs);
        } finally {
            exit();
        }
    }

    /**
     * Reads one packet into {@code buf[off, off+len)} through this device's
     * native staging buffer; as {@link #read(MemorySegment, int)} otherwise.
     */
    public int read(byte[] buf, int off, int len, int timeoutMs) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        if (!enter()) {
            return CLOSED;
        }
        try {
            int n = readInto(readStage, MAX_PACKET_BYTES, timeoutMs);
            if (n > 0) {
                MemorySegment.copy(readStage, ValueLayout.JAVA_BYTE, 0, buf, off, Math.min(n, len));
            }
            return n;
        } finally {
            exit();
        }
    }

    private int readInto(MemorySegment dst, long capacity, int timeoutMs) {
        long n = Syscalls.read(readCallState, fd, dst, capacity);
        if (n >= 0) {
            return (int) n;
        }
        int err = Native.errno(readCallState);
        if (err != Errno.EAGAIN) {
            return err == Errno.EINTR ? 0 : -err;
        }
        if (timeoutMs == 0) {
            return 0;
        }
        pollFds.set(ValueLayout.JAVA_SHORT, Syscalls.POLL_REVENTS_OFFSET, (short) 0);
        long second = Syscalls.POLLFD.byteSize();
        pollFds.set(ValueLayout.JAVA_SHORT, second + Syscalls.POLL_REVENTS_OFFSET, (short) 0);
        int ready = Syscalls.poll(readCallState, pollFds, 2, timeoutMs < 0 ? -1 : timeoutMs);
        if (ready <= 0) {
            err = ready < 0 ? Native.errno(readCallState) : 0;
            return err == 0 || err == Errno.EINTR ? 0 : -err;
        }
        if (pollFds.get(ValueLayout.JAVA_SHORT, second + Syscalls.POLL_REVENTS_OFFSET) != 0) {
            if (state.get() < 0) {
                return CLOSED;
            }
            Syscalls.read(readCallState, eventFd, drain, 8); // reset the counter; EAGAIN if another read took it
            return 0;
        }
        n = Syscalls.read(readCallState, fd, dst, capacity);
        if (n >= 0) {
            return (int) n;
        }
        err = Native.errno(readCallState);
        return err == Errno.EAGAIN || err == Errno.EINTR ? 0 : -err;
    }

    /** Writes one packet: all of {@code packet} (native or heap). Never blocks. See the class comment. */
    public int write(MemorySegment packet) {
        if (!enter()) {
            return CLOSED;
        }
        try {
            return writeFrom(packet, packet.byteSize());
        } finally {
            exit();
        }
    }

    /** Writes one packet from {@code buf[off, off+len)} through this device's native staging buffer. */
    public int write(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        if (len > MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("packet length=" + len + " > " + MAX_PACKET_BYTES);
        }
        if (!enter()) {
            return CLOSED;
        }
        try {
            MemorySegment.copy(buf, off, writeStage, ValueLayout.JAVA_BYTE, 0, len);
            return writeFrom(writeStage, len);
        } finally {
            exit();
        }
    }

    private int writeFrom(MemorySegment src, long len) {
        long n = Syscalls.write(writeCallState, fd, src, len);
        if (n >= 0) {
            return (int) n;
        }
        int err = Native.errno(writeCallState);
        return err == Errno.EAGAIN || err == Errno.EINTR ? 0 : -err;
    }

    // ---- wakeup and close ----

    /** Makes a read waiting now (or the next one to wait) return 0 at once. */
    public void wakeup() {
        if (enter()) {
            try {
                signal();
            } finally {
                exit();
            }
        }
    }

    /** Called holding a reference, so the eventfd is still open. */
    private void signal() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment one = a.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            // EAGAIN only if the counter is near overflow, when a wakeup is pending anyway.
            Syscalls.write(Native.allocateCallState(a), eventFd, one, 8);
        }
    }

    /**
     * Closes the device: later calls return {@link #CLOSED}, a waiting read
     * returns {@link #CLOSED} at once, and this returns when the descriptors
     * are closed (the device is gone) or after 5 s if a call is stuck.
     * Idempotent; any thread.
     */
    @Override
    public void close() {
        if (enter()) {
            try {
                int s;
                do {
                    s = state.get();
                } while (!state.compareAndSet(s, s | CLOSED_BIT));
                signal();
            } finally {
                exit();
            }
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        synchronized (releaseLock) {
            while (!released) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                if (leftMs <= 0) {
                    return;
                }
                try {
                    releaseLock.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean enter() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    private void exit() {
        if (state.decrementAndGet() == CLOSED_BIT) {
            release();
        }
    }

    /** Runs once: the last call out after closing began. */
    private void release() {
        closeQuietly(eventFd);
        closeQuietly(fd);
        arena.close();
        synchronized (releaseLock) {
            released = true;
            releaseLock.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "TunDevice[" + name + (isClosed() ? ", closed]" : "]");
    }
}
