package fips.transport.udp.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import fips.link.spi.InetTransportAddrs;
import fips.link.spi.TransportAddr;
import fips.sys.Errno;
import fips.sys.Native;
import fips.sys.NativeException;
import fips.sys.Sockaddr;
import fips.sys.Sockets;
import fips.sys.Syscalls;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * The UDP transport on Linux system calls through fips.sys.
 *
 * <p>Socket: {@code SOCK_DGRAM | SOCK_CLOEXEC}, blocking, AF_INET for an IPv4
 * bind address, AF_INET6 with {@code IPV6_V6ONLY = 0} (dual stack) for an IPv6
 * one. {@code SO_RCVBUF}/{@code SO_SNDBUF} are set before bind and read back
 * (design/fips-transport-layer.md "Socket Buffer Sizing"); {@code SO_RCVTIMEO}
 * is {@link UdpTransportBase#WAIT_TIMEOUT_MS}.
 *
 * <p>Receive (its own thread): one blocking {@code recvmmsg} with
 * {@code MSG_WAITFORONE} per wake-up: it waits for the first datagram, then
 * takes whatever else is queued, up to {@link #BATCH}, into preallocated
 * native buffers of MTU + 100 bytes each. One system call per wake-up when
 * idle, one per 32 datagrams under load. Each datagram is copied into one
 * reused heap array and handed to the sink; its source address comes from
 * {@link AddrCache}, keyed by the raw sockaddr bytes, so nothing is allocated
 * per datagram. A datagram the kernel flags {@code MSG_TRUNC} is counted and
 * dropped. {@link #close()} wakes the wait with {@code shutdown(2)}; the
 * receive timeout is a backstop so the thread also sees the closed flag if a
 * wake-up were lost.
 *
 * <p>Send (the one sending thread): the packet is copied into one native
 * buffer and sent with {@code sendto} (a critical downcall) to a sockaddr
 * encoded from the {@link TransportAddr} bytes into a native scratch buffer,
 * re-encoded only when the destination changes. The copy keeps sending
 * allocation-free: handing the caller's heap array to the critical call
 * instead needs two heap-segment objects per call, which the JIT did not
 * eliminate (about 110 B/packet in UdpBench). An IPv4 destination on a dual-stack socket is
 * sent as {@code ::ffff:a.b.c.d}. Sends use {@code MSG_DONTWAIT}: a full
 * socket buffer ({@code EAGAIN}) or any other refusal is a send error, never
 * a wait.
 *
 * <p>All native memory is in one shared arena, freed on close after both
 * threads are out (see {@link UdpTransportBase}).
 */
final class FfmUdpTransport extends UdpTransportBase {
    /** Datagrams per {@code recvmmsg}. */
    static final int BATCH = 32;
    /** Bytes per source-address slot: {@code sockaddr_in6} (28) rounded up to 8. */
    static final int NAME_STRIDE = 32;
    /** Source-address cache slots. */
    static final int ADDR_CACHE_SLOTS = 256;

    private static final long MMSG_BYTES = Syscalls.MMSGHDR.byteSize();
    private static final long IOVEC_BYTES = Syscalls.IOVEC.byteSize();
    /** Blocking, so that recvmmsg can wait; sends pass MSG_DONTWAIT. */
    private static final int DATAGRAM_SOCKET = Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC;
    private static final long ERROR_PAUSE_NS = 1_000_000;

    private final int fd;
    private final boolean v6Socket;
    private final Arena arena;
    private final int rxBufBytes;

    // Receive thread only.
    private final MemorySegment rxCallState;
    private final MemorySegment rxBufs;
    private final MemorySegment rxNames;
    private final MemorySegment rxMsgs;
    private final byte[] rxHeap;
    private final byte[] rxKey = new byte[UdpAddrs.MAX_BYTES];
    private final AddrCache rxAddrs = new AddrCache(ADDR_CACHE_SLOTS);

    // Sending thread only.
    private final MemorySegment txCallState;
    private final MemorySegment txSockaddr;
    private final MemorySegment txBuf;
    private final byte[] txIp = new byte[16];
    private TransportAddr txLast;
    private int txLastLen;
    private int lastSendErrno;

    private FfmUdpTransport(String name, String keyPath, UdpConfig config, int fd, boolean v6Socket, String localText,
            int recvBuf, int sendBuf) {
        super(name, keyPath, config, !v6Socket, localText, recvBuf, sendBuf);
        this.fd = fd;
        this.v6Socket = v6Socket;
        this.rxBufBytes = config.recvBufferBytes();
        this.arena = Arena.ofShared();
        this.rxCallState = Native.allocateCallState(arena);
        this.rxBufs = arena.allocate((long) BATCH * rxBufBytes, 64);
        this.rxNames = arena.allocate((long) BATCH * NAME_STRIDE, 8);
        MemorySegment iovecs = arena.allocate(Syscalls.IOVEC, BATCH);
        this.rxMsgs = arena.allocate(Syscalls.MMSGHDR, BATCH);
        for (int i = 0; i < BATCH; i++) {
            long iov = i * IOVEC_BYTES;
            iovecs.set(ADDRESS, iov + Syscalls.IOV_BASE_OFFSET, rxBufs.asSlice((long) i * rxBufBytes, rxBufBytes));
            iovecs.set(JAVA_LONG, iov + Syscalls.IOV_LEN_OFFSET, rxBufBytes);
            long m = i * MMSG_BYTES;
            rxMsgs.set(ADDRESS, m + Syscalls.MSG_NAME_OFFSET, rxNames.asSlice((long) i * NAME_STRIDE, NAME_STRIDE));
            rxMsgs.set(JAVA_INT, m + Syscalls.MSG_NAMELEN_OFFSET, NAME_STRIDE);
            rxMsgs.set(ADDRESS, m + Syscalls.MSG_IOV_OFFSET, iovecs.asSlice(iov, IOVEC_BYTES));
            rxMsgs.set(JAVA_LONG, m + Syscalls.MSG_IOVLEN_OFFSET, 1);
        }
        this.rxHeap = new byte[rxBufBytes];
        this.txCallState = Native.allocateCallState(arena);
        this.txSockaddr = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
        this.txBuf = arena.allocate(config.mtuBytes(), 64);
    }

    /**
     * Opens and binds the socket.
     *
     * @throws IOException naming the address if it cannot be bound (e.g. in use)
     */
    static FfmUdpTransport open(String name, String keyPath, UdpConfig config) throws IOException {
        Syscalls.requireAvailable();
        InetSocketAddress bind = config.bindTarget();
        boolean v6 = bind.getAddress() instanceof Inet6Address;
        int fd = Sockets.open(v6 ? Syscalls.AF_INET6 : Syscalls.AF_INET, DATAGRAM_SOCKET, 0);
        try {
            if (v6) {
                Sockets.setIntOption(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
            }
            Sockets.setIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, config.recvBufBytes(), "SO_RCVBUF");
            Sockets.setIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_SNDBUF, config.sendBufBytes(), "SO_SNDBUF");
            Sockets.setReceiveTimeout(fd, WAIT_TIMEOUT_MS);
            try {
                Sockets.bind(fd, bind);
            } catch (NativeException e) {
                throw new IOException(keyPath + ": cannot bind UDP socket to " + Sockaddr.format(bind) + ": "
                        + e.errnoName() + " (" + e.strerror() + ")", e);
            }
            int recvBuf = Sockets.getIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, "SO_RCVBUF");
            int sendBuf = Sockets.getIntOption(fd, Syscalls.SOL_SOCKET, Syscalls.SO_SNDBUF, "SO_SNDBUF");
            String local = Sockaddr.format(Sockets.localAddress(fd));
            FfmUdpTransport t = new FfmUdpTransport(name, keyPath, config, fd, v6, local, recvBuf, sendBuf);
            t.logOpened("ffm");
            return t;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Sockets.close(fd);
            } catch (NativeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    void receiveLoop() {
        int used = 0;
        while (!isClosed()) {
            // The kernel overwrote msg_namelen of the entries it filled last time.
            for (int i = 0; i < used; i++) {
                rxMsgs.set(JAVA_INT, i * MMSG_BYTES + Syscalls.MSG_NAMELEN_OFFSET, NAME_STRIDE);
            }
            int n = Syscalls.recvmmsg(rxCallState, fd, rxMsgs, BATCH, Syscalls.MSG_WAITFORONE);
            if (isClosed()) {
                return; // woken by close(): what the call returned is not datagrams
            }
            if (n > 0) {
                for (int i = 0; i < n; i++) {
                    deliverSlot(i);
                }
                used = n;
                continue;
            }
            used = 0;
            int errno = Native.errno(rxCallState);
            if (n < 0 && errno != Errno.EAGAIN && errno != Errno.EINTR) {
                // EAGAIN is the SO_RCVTIMEO tick. Anything else is counted; pause so a
                // persistent error cannot spin this thread.
                counters.receiveError();
                LockSupport.parkNanos(ERROR_PAUSE_NS);
            }
        }
    }

    private void deliverSlot(int i) {
        long m = i * MMSG_BYTES;
        if (rxMsgs.get(JAVA_INT, m + Syscalls.MSG_NAMELEN_OFFSET) == 0) {
            return; // the end-of-stream entry of a shut-down socket, not a datagram
        }
        int flags = rxMsgs.get(JAVA_INT, m + Syscalls.MSG_FLAGS_OFFSET);
        if ((flags & Syscalls.MSG_TRUNC) != 0) {
            counters.receiveTruncated();
            return;
        }
        TransportAddr source = sourceOf(i);
        if (source == null) {
            counters.receiveError();
            return;
        }
        int len = rxMsgs.get(JAVA_INT, m + Syscalls.MMSG_LEN_OFFSET);
        MemorySegment.copy(rxBufs, JAVA_BYTE, (long) i * rxBufBytes, rxHeap, 0, len);
        deliver(source, rxHeap, len);
    }

    /** The cached address of slot {@code i}'s source; IPv4-mapped folded to IPv4; null for another family. */
    private TransportAddr sourceOf(int i) {
        long at = (long) i * NAME_STRIDE;
        int family = rxNames.get(JAVA_SHORT, at + Syscalls.SIN_FAMILY_OFFSET) & 0xffff;
        int port = rxNames.get(Syscalls.NET_SHORT, at + Syscalls.SIN_PORT_OFFSET) & 0xffff;
        byte[] key = rxKey;
        int len;
        if (family == Syscalls.AF_INET) {
            key[0] = InetTransportAddrs.TAG_IPV4;
            MemorySegment.copy(rxNames, JAVA_BYTE, at + Syscalls.SIN_ADDR_OFFSET, key, InetTransportAddrs.IP_OFFSET, 4);
            key[InetTransportAddrs.IPV4_PORT_OFFSET] = (byte) (port >>> 8);
            key[InetTransportAddrs.IPV4_PORT_OFFSET + 1] = (byte) port;
            len = InetTransportAddrs.IPV4_BYTES;
        } else if (family == Syscalls.AF_INET6) {
            long a = at + Syscalls.SIN6_ADDR_OFFSET;
            if (rxNames.get(JAVA_LONG, a) == 0 && rxNames.get(Syscalls.NET_INT, a + 8) == 0xffff) {
                key[0] = InetTransportAddrs.TAG_IPV4;
                MemorySegment.copy(rxNames, JAVA_BYTE, a + 12, key, InetTransportAddrs.IP_OFFSET, 4);
                key[InetTransportAddrs.IPV4_PORT_OFFSET] = (byte) (port >>> 8);
                key[InetTransportAddrs.IPV4_PORT_OFFSET + 1] = (byte) port;
                len = InetTransportAddrs.IPV4_BYTES;
            } else {
                int scope = rxNames.get(JAVA_INT, at + Syscalls.SIN6_SCOPE_ID_OFFSET);
                key[0] = InetTransportAddrs.TAG_IPV6;
                MemorySegment.copy(rxNames, JAVA_BYTE, a, key, InetTransportAddrs.IP_OFFSET, 16);
                key[InetTransportAddrs.IPV6_PORT_OFFSET] = (byte) (port >>> 8);
                key[InetTransportAddrs.IPV6_PORT_OFFSET + 1] = (byte) port;
                key[InetTransportAddrs.IPV6_SCOPE_OFFSET] = (byte) (scope >>> 24);
                key[InetTransportAddrs.IPV6_SCOPE_OFFSET + 1] = (byte) (scope >>> 16);
                key[InetTransportAddrs.IPV6_SCOPE_OFFSET + 2] = (byte) (scope >>> 8);
                key[InetTransportAddrs.IPV6_SCOPE_OFFSET + 3] = (byte) scope;
                len = InetTransportAddrs.IPV6_BYTES;
            }
        } else {
            return null;
        }
        return rxAddrs.get(key, len);
    }

    @Override
    int sendDatagram(TransportAddr to, byte[] buf, int off, int len) {
        if (to != txLast) {
            int saLen = encodeDestination(to);
            if (saLen < 0) {
                lastSendErrno = Errno.EAFNOSUPPORT;
                return -1;
            }
            txLast = to;
            txLastLen = saLen;
        }
        MemorySegment.copy(buf, off, txBuf, JAVA_BYTE, 0, len);
        long n = Syscalls.sendto(txCallState, fd, txBuf, len, Syscalls.MSG_DONTWAIT, txSockaddr, txLastLen);
        if (n < 0) {
            lastSendErrno = Native.errno(txCallState);
            return -1;
        }
        return (int) n;
    }

    /** Writes {@code to} into {@link #txSockaddr}; returns its length, or -1 if this socket cannot reach it. */
    private int encodeDestination(TransportAddr to) {
        int ipLen = UdpAddrs.copyIp(to, txIp);
        int port = UdpAddrs.port(to);
        if (ipLen == 4) {
            return v6Socket ? Sockaddr.writeV4Mapped(txSockaddr, txIp, 0, port) : Sockaddr.writeIn(txSockaddr, txIp, 0, port);
        }
        return v6Socket ? Sockaddr.writeIn6(txSockaddr, txIp, 0, port, UdpAddrs.scopeId(to)) : -1;
    }

    /** errno of the last refused send (sending thread; for tests and diagnostics). */
    int lastSendErrno() {
        return lastSendErrno;
    }

    long addrCacheMisses() {
        return rxAddrs.misses();
    }

    @Override
    void wakeReceiver() {
        Sockets.shutdown(fd, Syscalls.SHUT_RDWR);
    }

    @Override
    void releaseResources() {
        try {
            Sockets.close(fd);
        } catch (NativeException e) {
            LOG.log(System.Logger.Level.WARNING, keyPath + ": " + e.getMessage());
        }
        arena.close();
    }
}
