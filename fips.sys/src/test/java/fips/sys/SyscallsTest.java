package fips.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real system calls on loopback; every test closes the descriptors it opens. */
class SyscallsTest {
    private static final int DGRAM = Syscalls.SOCK_DGRAM | Syscalls.SOCK_NONBLOCK | Syscalls.SOCK_CLOEXEC;

    @BeforeAll
    static void probe() {
        assertTrue(Syscalls.available(), () -> "fips.sys unavailable: " + Syscalls.unavailableReason());
        assertNull(Syscalls.unavailableReason());
    }

    @Test
    @DisplayName("struct layouts have the LP64 Linux sizes and offsets")
    void layouts() {
        assertEquals(16, Syscalls.SOCKADDR_IN.byteSize());
        assertEquals(28, Syscalls.SOCKADDR_IN6.byteSize());
        assertEquals(Syscalls.SOCKADDR_IN.byteSize(), Sockaddr.SOCKADDR_IN_BYTES);
        assertEquals(Syscalls.SOCKADDR_IN6.byteSize(), Sockaddr.SOCKADDR_IN6_BYTES);
        assertEquals(16, Syscalls.IOVEC.byteSize());
        assertEquals(56, Syscalls.MSGHDR.byteSize());
        assertEquals(64, Syscalls.MMSGHDR.byteSize());
        assertEquals(8, Syscalls.POLLFD.byteSize());
        assertEquals(2, Syscalls.SIN_PORT_OFFSET);
        assertEquals(4, Syscalls.SIN_ADDR_OFFSET);
        assertEquals(8, Syscalls.SIN6_ADDR_OFFSET);
        assertEquals(24, Syscalls.SIN6_SCOPE_ID_OFFSET);
        assertEquals(8, Syscalls.MSG_NAMELEN_OFFSET);
        assertEquals(16, Syscalls.MSG_IOV_OFFSET);
        assertEquals(24, Syscalls.MSG_IOVLEN_OFFSET);
        assertEquals(48, Syscalls.MSG_FLAGS_OFFSET);
        assertEquals(56, Syscalls.MMSG_LEN_OFFSET);
        assertEquals(6, Syscalls.POLL_REVENTS_OFFSET);
        assertEquals(16, Syscalls.TIMEVAL.byteSize());
    }

    @Test
    @DisplayName("errno is captured: bind to a port in use fails with EADDRINUSE, naming call and address")
    void bindInUse() throws Exception {
        int a = Sockets.open(Syscalls.AF_INET, DGRAM, 0);
        int b = Sockets.open(Syscalls.AF_INET, DGRAM, 0);
        try {
            Sockets.bind(a, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress bound = Sockets.localAddress(a);
            assertTrue(bound.getPort() > 0, "kernel-assigned port");
            NativeException e = assertThrows(NativeException.class, () -> Sockets.bind(b, bound));
            assertEquals("bind", e.call());
            assertEquals(Errno.EADDRINUSE, e.errno());
            assertEquals("EADDRINUSE", e.errnoName());
            assertEquals("Address already in use", e.strerror());
            assertTrue(e.getMessage().startsWith("bind(127.0.0.1:" + bound.getPort() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("EADDRINUSE (Address already in use)"), e.getMessage());
        } finally {
            Sockets.close(a);
            Sockets.close(b);
        }
    }

    @Test
    @DisplayName("errno of a raw call stays in the caller's call-state buffer: close(-1) is EBADF")
    void rawErrno() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Native.allocateCallState(arena);
            assertEquals(-1, Syscalls.close(cs, -1));
            assertEquals(Errno.EBADF, Native.errno(cs));
            assertEquals(-1, Syscalls.socket(cs, 12345, Syscalls.SOCK_DGRAM, 0));
            assertEquals(Errno.EAFNOSUPPORT, Native.errno(cs));
        }
        NativeException e = assertThrows(NativeException.class, () -> Sockets.close(-1));
        assertEquals(Errno.EBADF, e.errno());
        assertTrue(e.getMessage().contains("close(fd=-1)"), e.getMessage());
    }

    @Test
    @DisplayName("socket options: SO_RCVBUF is doubled by the kernel; IPV6_V6ONLY can be cleared")
    void options() throws Exception {
        int fd = Sockets.open(Syscalls.AF_INET6, DGRAM, 0);
        try {
            Sockets.setIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, 65536, "SO_RCVBUF");
            assertEquals(2 * 65536, Sockets.getIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, "SO_RCVBUF"));
            Sockets.setIntOption(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
            assertEquals(0, Sockets.getIntOption(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_V6ONLY, "IPV6_V6ONLY"));
            NativeException e = assertThrows(NativeException.class,
                    () -> Sockets.setIntOption(fd, Syscalls.SOL_SOCKET, 9999, 1, "BOGUS"));
            assertEquals("setsockopt", e.call());
            assertTrue(e.getMessage().contains("BOGUS=1"), e.getMessage());
        } finally {
            Sockets.close(fd);
        }
    }

    @Test
    @DisplayName("sendto from a heap array, recvmmsg into native buffers: bytes, length, source and MSG_TRUNC")
    void sendtoRecvmmsg() throws Exception {
        int rx = Sockets.open(Syscalls.AF_INET, DGRAM, 0);
        int tx = Sockets.open(Syscalls.AF_INET, DGRAM, 0);
        try (Arena arena = Arena.ofConfined()) {
            Sockets.bind(rx, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Sockets.bind(tx, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress rxAddr = Sockets.localAddress(rx);
            InetSocketAddress txAddr = Sockets.localAddress(tx);
            MemorySegment cs = Native.allocateCallState(arena);
            MemorySegment to = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
            int toLen = Sockaddr.write(to, rxAddr);
            byte[] small = {1, 2, 3, 4, 5};
            byte[] big = new byte[300];
            assertEquals(3, Syscalls.sendto(cs, tx, MemorySegment.ofArray(small).asSlice(1, 3), 3, 0, to, toLen));
            assertEquals(300, Syscalls.sendto(cs, tx, MemorySegment.ofArray(big), 300, 0, to, toLen));

            int batch = 4;
            int bufBytes = 100;
            MemorySegment bufs = arena.allocate((long) batch * bufBytes, 8);
            MemorySegment names = arena.allocate((long) batch * 32, 8);
            MemorySegment iovs = arena.allocate(Syscalls.IOVEC, batch);
            MemorySegment msgs = arena.allocate(Syscalls.MMSGHDR, batch);
            for (int i = 0; i < batch; i++) {
                MemorySegment iov = iovs.asSlice(i * Syscalls.IOVEC.byteSize(), Syscalls.IOVEC.byteSize());
                iov.set(ValueLayout.ADDRESS, Syscalls.IOV_BASE_OFFSET, bufs.asSlice((long) i * bufBytes, bufBytes));
                iov.set(ValueLayout.JAVA_LONG, Syscalls.IOV_LEN_OFFSET, bufBytes);
                MemorySegment m = msgs.asSlice(i * Syscalls.MMSGHDR.byteSize(), Syscalls.MMSGHDR.byteSize());
                m.set(ValueLayout.ADDRESS, Syscalls.MSG_NAME_OFFSET, names.asSlice(i * 32L, 32));
                m.set(ValueLayout.JAVA_INT, Syscalls.MSG_NAMELEN_OFFSET, 32);
                m.set(ValueLayout.ADDRESS, Syscalls.MSG_IOV_OFFSET, iov);
                m.set(ValueLayout.JAVA_LONG, Syscalls.MSG_IOVLEN_OFFSET, 1);
            }
            assertEquals(2, Syscalls.recvmmsg(cs, rx, msgs, batch, 0));
            MemorySegment m0 = msgs.asSlice(0, Syscalls.MMSGHDR.byteSize());
            MemorySegment m1 = msgs.asSlice(Syscalls.MMSGHDR.byteSize(), Syscalls.MMSGHDR.byteSize());
            assertEquals(3, m0.get(ValueLayout.JAVA_INT, Syscalls.MMSG_LEN_OFFSET));
            assertArrayEquals(new byte[] {2, 3, 4}, bufs.asSlice(0, 3).toArray(ValueLayout.JAVA_BYTE));
            assertEquals(0, m0.get(ValueLayout.JAVA_INT, Syscalls.MSG_FLAGS_OFFSET) & Syscalls.MSG_TRUNC);
            assertEquals(Sockaddr.SOCKADDR_IN_BYTES, m0.get(ValueLayout.JAVA_INT, Syscalls.MSG_NAMELEN_OFFSET));
            assertEquals(txAddr, Sockaddr.read(names.asSlice(0, 32)));
            assertEquals(bufBytes, m1.get(ValueLayout.JAVA_INT, Syscalls.MMSG_LEN_OFFSET));
            assertEquals(Syscalls.MSG_TRUNC, m1.get(ValueLayout.JAVA_INT, Syscalls.MSG_FLAGS_OFFSET) & Syscalls.MSG_TRUNC);

            assertEquals(-1, Syscalls.recvmmsg(cs, rx, msgs, batch, 0));
            assertEquals(Errno.EAGAIN, Native.errno(cs), "non-blocking socket, queue empty");
        } finally {
            Sockets.close(rx);
            Sockets.close(tx);
        }
    }

    @Test
    @DisplayName("poll times out on an idle socket and shutdown wakes a poller at once")
    void pollAndShutdownWake() throws Exception {
        int fd = Sockets.open(Syscalls.AF_INET, DGRAM, 0);
        try (Arena arena = Arena.ofShared()) {
            Sockets.bind(fd, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            MemorySegment pfd = arena.allocate(Syscalls.POLLFD);
            pfd.set(ValueLayout.JAVA_INT, Syscalls.POLL_FD_OFFSET, fd);
            pfd.set(ValueLayout.JAVA_SHORT, Syscalls.POLL_EVENTS_OFFSET, Syscalls.POLLIN);
            MemorySegment cs = Native.allocateCallState(arena);
            assertEquals(0, Syscalls.poll(cs, pfd, 1, 10));

            AtomicInteger result = new AtomicInteger(-2);
            Thread poller = Thread.ofPlatform().start(() -> {
                try (Arena a = Arena.ofConfined()) {
                    result.set(Syscalls.poll(Native.allocateCallState(a), pfd, 1, 30_000));
                }
            });
            Thread.sleep(100);
            assertTrue(poller.isAlive(), "poller should be blocked");
            long t0 = System.nanoTime();
            int err = Sockets.shutdown(fd, Syscalls.SHUT_RDWR);
            assertTrue(err == 0 || err == Errno.ENOTCONN, "shutdown errno=" + Errno.name(err));
            poller.join(2000);
            assertFalse(poller.isAlive(), "poll not woken by shutdown");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000);
            assertEquals(1, result.get());
        } finally {
            Sockets.close(fd);
        }
    }

    @Test
    @DisplayName("blocking recvmmsg: SO_RCVTIMEO ends a wait with EAGAIN; shutdown wakes it with an empty, nameless entry")
    void blockingRecvmmsg() throws Exception {
        int fd = Sockets.open(Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofShared()) {
            Sockets.bind(fd, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            MemorySegment buf = arena.allocate(64);
            MemorySegment iov = arena.allocate(Syscalls.IOVEC);
            iov.set(ValueLayout.ADDRESS, Syscalls.IOV_BASE_OFFSET, buf);
            iov.set(ValueLayout.JAVA_LONG, Syscalls.IOV_LEN_OFFSET, 64);
            MemorySegment msg = arena.allocate(Syscalls.MMSGHDR);
            msg.set(ValueLayout.ADDRESS, Syscalls.MSG_IOV_OFFSET, iov);
            msg.set(ValueLayout.JAVA_LONG, Syscalls.MSG_IOVLEN_OFFSET, 1);
            msg.set(ValueLayout.ADDRESS, Syscalls.MSG_NAME_OFFSET, arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8));
            msg.set(ValueLayout.JAVA_INT, Syscalls.MSG_NAMELEN_OFFSET, Sockaddr.SOCKADDR_MAX_BYTES);

            Sockets.setReceiveTimeout(fd, 50);
            MemorySegment cs = Native.allocateCallState(arena);
            long t0 = System.nanoTime();
            assertEquals(-1, Syscalls.recvmmsg(cs, fd, msg, 1, Syscalls.MSG_WAITFORONE));
            assertEquals(Errno.EAGAIN, Native.errno(cs));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(40), "returned before the timeout");

            Sockets.setReceiveTimeout(fd, 0);
            AtomicInteger result = new AtomicInteger(-2);
            Thread receiver = Thread.ofPlatform().start(() -> {
                try (Arena a = Arena.ofConfined()) {
                    result.set(Syscalls.recvmmsg(Native.allocateCallState(a), fd, msg, 1, Syscalls.MSG_WAITFORONE));
                }
            });
            Thread.sleep(100);
            assertTrue(receiver.isAlive(), "receiver should be blocked");
            Sockets.shutdown(fd, Syscalls.SHUT_RDWR);
            receiver.join(2000);
            assertFalse(receiver.isAlive(), "blocking recvmmsg not woken by shutdown");
            // The end-of-stream read counts as one entry of length 0 with no source address.
            assertEquals(1, result.get());
            assertEquals(0, msg.get(ValueLayout.JAVA_INT, Syscalls.MMSG_LEN_OFFSET));
            assertEquals(0, msg.get(ValueLayout.JAVA_INT, Syscalls.MSG_NAMELEN_OFFSET));
        } finally {
            Sockets.close(fd);
        }
    }

    @Test
    @DisplayName("Errno names and strerror text")
    void errnoText() {
        assertEquals("EAGAIN", Errno.name(Errno.EAGAIN));
        assertEquals("errno=4000", Errno.name(4000));
        assertEquals("Connection refused", Errno.message(Errno.ECONNREFUSED));
        assertEquals("Bad file descriptor", Errno.message(Errno.EBADF));
    }
}
