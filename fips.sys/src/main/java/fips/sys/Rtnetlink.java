package fips.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An rtnetlink ({@code NETLINK_ROUTE}) socket for configuring the node's TUN
 * device: MTU, up/down, IPv6 addresses, routes and policy rules, plus the
 * read-backs operators and tests need. What the node configures is in
 * INTEROP.md 9.2 (TUN row) and design/fips-ipv6-adapter.md ("TUN Interface").
 *
 * <p>Each change is one request with a fresh sequence number and
 * {@code NLM_F_ACK}; the call returns when the kernel's ACK for that sequence
 * arrives, or throws {@link NativeException} carrying the request type (e.g.
 * {@code RTM_NEWADDR}), the values, the errno and, where the kernel gives
 * one, its extended-ACK text. Adds use {@code NLM_F_CREATE | NLM_F_EXCL}, so
 * an object that is already there fails with {@link Errno#EEXIST}
 * ({@link NativeException#alreadyExists()}), which a restarting daemon may
 * treat as success. {@link Errno#EPERM}/{@link Errno#EACCES} messages say
 * that {@code CAP_NET_ADMIN} is needed. A reply that does not parse is
 * counted ({@link #malformedReplies()}) and reported as {@link Errno#EBADMSG};
 * no reply within the timeout is {@link Errno#ETIMEDOUT}.
 *
 * <p>The socket lives in the network namespace of the thread that opened it,
 * whatever thread uses it later. Control path only: requests allocate, and
 * calls are serialised on this object.
 */
public final class Rtnetlink implements AutoCloseable {
    /** {@code RT_TABLE_MAIN}: the table {@code ip route} uses by default. */
    public static final int RT_TABLE_MAIN = NetlinkCodec.RT_TABLE_MAIN;
    /** {@code RT_TABLE_LOCAL}: where the kernel puts a route for each local address. */
    public static final int RT_TABLE_LOCAL = 255;
    /** How long a request waits for its reply by default. */
    public static final int DEFAULT_TIMEOUT_MS = 5_000;

    private static final int TX_BYTES = 1024;
    /** Large enough for the 32 KiB dump chunks the kernel sends to a reader offering that much. */
    private static final int RX_BYTES = 64 * 1024;

    /** A link as RTM_NEWLINK describes it. */
    public record Link(int index, String name, int mtu, int flags) {
        /** {@code IFF_UP} is set (administratively up). */
        public boolean up() {
            return (flags & NetlinkCodec.IFF_UP) != 0;
        }

        /** {@code IFF_RUNNING} is set: operationally up (a TUN: its carrier is on). */
        public boolean running() {
            return (flags & NetlinkCodec.IFF_RUNNING) != 0;
        }
    }

    /** An IPv6 address on a link. The array is copied in and out. */
    public record Address6(int ifindex, byte[] address, int prefixLen) {
        public Address6 {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address6 a && a.ifindex == ifindex && a.prefixLen == prefixLen
                    && Arrays.equals(a.address, address);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(address) * 31 + prefixLen) * 31 + ifindex;
        }

        /** {@code fd00::1/128 ifindex=3}. */
        @Override
        public String toString() {
            return Sockaddr.formatIpv6(address, 0) + "/" + prefixLen + " ifindex=" + ifindex;
        }
    }

    /** An IPv6 route: destination prefix, output interface (0 if none), table. The array is copied in and out. */
    public record Route6(byte[] dst, int dstLen, int oif, int table) {
        public Route6 {
            dst = dst.clone();
        }

        @Override
        public byte[] dst() {
            return dst.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Route6 r && r.dstLen == dstLen && r.oif == oif && r.table == table
                    && Arrays.equals(r.dst, dst);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(dst) * 31 + dstLen) * 31 + oif) * 31 + table;
        }

        /** {@code fd00::/8 oif=3 table=254}. */
        @Override
        public String toString() {
            return Sockaddr.formatIpv6(dst, 0) + "/" + dstLen + " oif=" + oif + " table=" + table;
        }
    }

    /** An IPv6 policy rule: {@code to dst/dstLen lookup table priority P} (dstLen 0: to all). */
    public record Rule6(byte[] dst, int dstLen, int priority, int table) {
        public Rule6 {
            dst = dst.clone();
        }

        @Override
        public byte[] dst() {
            return dst.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rule6 r && r.dstLen == dstLen && r.priority == priority && r.table == table
                    && Arrays.equals(r.dst, dst);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(dst) * 31 + dstLen) * 31 + priority) * 31 + table;
        }

        /** {@code priority 5265: to fd00::/8 lookup 254}. */
        @Override
        public String toString() {
            return "priority " + Integer.toUnsignedString(priority) + ": to "
                    + (dstLen == 0 ? "all" : Sockaddr.formatIpv6(dst, 0) + "/" + dstLen)
                    + " lookup " + Integer.toUnsignedString(table);
        }
    }

    /** Receives each data message of a reply (not ACKs, errors or DONE). */
    private interface ReplySink {
        void message(MemorySegment buf, int off, int len) throws NetlinkCodec.MalformedReplyException;
    }

    private final Arena arena;
    private final int fd;
    private final int timeoutMs;
    private final MemorySegment tx;
    private final MemorySegment rx;
    private final MemorySegment kernel;
    private final MemorySegment pollFd;
    private final MemorySegment callState;
    private int seq;
    private long staleReplies;
    private long malformedReplies;
    private boolean closed;

    private Rtnetlink(Arena arena, int fd, int timeoutMs) {
        this.arena = arena;
        this.fd = fd;
        this.timeoutMs = timeoutMs;
        this.tx = arena.allocate(TX_BYTES, 8);
        this.rx = arena.allocate(RX_BYTES, 8);
        this.kernel = arena.allocate(Syscalls.SOCKADDR_NL);
        kernel.set(ValueLayout.JAVA_SHORT, Syscalls.NL_FAMILY_OFFSET, (short) Syscalls.AF_NETLINK);
        this.pollFd = arena.allocate(Syscalls.POLLFD);
        pollFd.set(ValueLayout.JAVA_INT, Syscalls.POLL_FD_OFFSET, fd);
        pollFd.set(ValueLayout.JAVA_SHORT, Syscalls.POLL_EVENTS_OFFSET, Syscalls.POLLIN);
        this.callState = Native.allocateCallState(arena);
        // Start where a previous socket's late replies are unlikely to match.
        this.seq = (int) (System.nanoTime() & 0x3fffffff) | 1;
    }

    /** Whether rtnetlink can be used in this JVM ({@link Syscalls#available()}). */
    public static boolean available() {
        return Syscalls.available();
    }

    /** Why {@link #available()} is false, or {@code null}. */
    public static String unavailableReason() {
        return Syscalls.unavailableReason();
    }

    /** Opens a socket in the calling thread's network namespace, with the {@link #DEFAULT_TIMEOUT_MS}. */
    public static Rtnetlink open() throws NativeException {
        return open(DEFAULT_TIMEOUT_MS);
    }

    /**
     * Opens a socket in the calling thread's network namespace.
     *
     * @param timeoutMs how long each request waits for its reply
     * @throws IllegalStateException if {@link #available()} is false
     */
    public static Rtnetlink open(int timeoutMs) throws NativeException {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs=" + timeoutMs);
        }
        Syscalls.requireAvailable();
        int fd = Sockets.open(Syscalls.AF_NETLINK,
                Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC | Syscalls.SOCK_NONBLOCK, Syscalls.NETLINK_ROUTE);
        Arena arena = Arena.ofShared();
        try {
            Rtnetlink nl = new Rtnetlink(arena, fd, timeoutMs);
            try {
                // Best effort: older kernels lack extended ACKs and the errors stay terse.
                Sockets.setIntOption(fd, Syscalls.SOL_NETLINK, Syscalls.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            } catch (NativeException ignored) {
                // keep going without the kernel's error text
            }
            return nl;
        } catch (RuntimeException e) {
            arena.close();
            closeQuietly(fd);
            throw e;
        }
    }

    private static void closeQuietly(int fd) {
        try {
            Sockets.close(fd);
        } catch (NativeException ignored) {
            // the descriptor is released anyway
        }
    }

    // ---- links ----

    /**
     * The index of the link called {@code ifname} (RTM_GETLINK with
     * {@code IFLA_IFNAME}); {@link Errno#ENODEV} if there is none.
     */
    public int linkIndex(String ifname) throws NativeException {
        return link(ifname).index();
    }

    /** The link called {@code ifname}; {@link Errno#ENODEV} if there is none. */
    public synchronized Link link(String ifname) throws NativeException {
        checkName(ifname);
        String op = "RTM_GETLINK";
        String detail = "name=" + ifname;
        List<Link> out = new ArrayList<>(1);
        int s = nextSeq();
        request(op, detail, NetlinkCodec.encodeGetLinkByName(tx, s, ifname), s, false,
                (b, off, len) -> out.add(NetlinkCodec.decodeLink(b, off, len)));
        return single(out, op, detail);
    }

    /** The link with index {@code ifindex}; {@link Errno#ENODEV} if there is none. */
    public synchronized Link link(int ifindex) throws NativeException {
        checkIndex(ifindex);
        String op = "RTM_GETLINK";
        String detail = "ifindex=" + ifindex;
        List<Link> out = new ArrayList<>(1);
        int s = nextSeq();
        request(op, detail, NetlinkCodec.encodeGetLink(tx, s, ifindex), s, false,
                (b, off, len) -> out.add(NetlinkCodec.decodeLink(b, off, len)));
        return single(out, op, detail);
    }

    /** Every link in this socket's namespace (RTM_GETLINK dump). */
    public synchronized List<Link> links() throws NativeException {
        List<Link> out = new ArrayList<>();
        int s = nextSeq();
        request("RTM_GETLINK", "dump", NetlinkCodec.encodeDump(tx, s, NetlinkCodec.RTM_GETLINK, NetlinkCodec.AF_UNSPEC),
                s, true, (b, off, len) -> out.add(NetlinkCodec.decodeLink(b, off, len)));
        return out;
    }

    /** The link's MTU in bytes. */
    public int mtu(int ifindex) throws NativeException {
        return link(ifindex).mtu();
    }

    /** Whether the link is administratively up ({@code IFF_UP}). */
    public boolean isUp(int ifindex) throws NativeException {
        return link(ifindex).up();
    }

    /** Sets the link's MTU ({@code IFLA_MTU}). IPv6 needs at least 1280 and removes its addresses below that. */
    public synchronized void setMtu(int ifindex, int mtuBytes) throws NativeException {
        checkIndex(ifindex);
        if (mtuBytes <= 0) {
            throw new IllegalArgumentException("mtuBytes=" + mtuBytes);
        }
        int s = nextSeq();
        request("RTM_NEWLINK", "ifindex=" + ifindex + ", IFLA_MTU=" + mtuBytes,
                NetlinkCodec.encodeSetMtu(tx, s, ifindex, mtuBytes), s, false, null);
    }

    /** Brings the link up or down ({@code IFF_UP}). */
    public synchronized void setUp(int ifindex, boolean up) throws NativeException {
        checkIndex(ifindex);
        int s = nextSeq();
        request("RTM_NEWLINK", "ifindex=" + ifindex + ", " + (up ? "up" : "down"),
                NetlinkCodec.encodeSetUp(tx, s, ifindex, up), s, false, null);
    }

    // ---- addresses ----

    /**
     * Adds an IPv6 address ({@code ip -6 addr add A/len dev IF nodad});
     * {@link Errno#EEXIST} if present. A socket can bind to it as soon as this
     * returns, but the kernel installs its route in the local table a moment
     * later, from a work item (also without duplicate-address detection);
     * until then a packet to it written into the TUN is dropped
     * ({@code Ip6InAddrErrors}). {@link #awaitLocalAddress6} waits for that.
     */
    public synchronized void addAddress6(int ifindex, byte[] addr16, int prefixLen) throws NativeException {
        checkIndex(ifindex);
        checkPrefix(addr16, prefixLen);
        int s = nextSeq();
        request("RTM_NEWADDR", "ifindex=" + ifindex + ", " + prefix(addr16, prefixLen),
                NetlinkCodec.encodeAddress6(tx, s, true, ifindex, addr16, prefixLen), s, false, null);
    }

    /**
     * Waits until the kernel has a local-table route for {@code addr16} on
     * {@code ifindex}, i.e. packets to the address are delivered locally.
     * Polls {@link #routes6} every 5 ms; returns false after {@code timeoutMs}.
     */
    public boolean awaitLocalAddress6(int ifindex, byte[] addr16, int timeoutMs) throws NativeException {
        checkIndex(ifindex);
        checkPrefix(addr16, 128);
        Route6 want = new Route6(addr16, 128, ifindex, RT_TABLE_LOCAL);
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!routes6(RT_TABLE_LOCAL).contains(want)) {
            if (System.nanoTime() - deadlineNs >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Removes an IPv6 address; {@link Errno#EADDRNOTAVAIL} if absent. */
    public synchronized void deleteAddress6(int ifindex, byte[] addr16, int prefixLen) throws NativeException {
        checkIndex(ifindex);
        checkPrefix(addr16, prefixLen);
        int s = nextSeq();
        request("RTM_DELADDR", "ifindex=" + ifindex + ", " + prefix(addr16, prefixLen),
                NetlinkCodec.encodeAddress6(tx, s, false, ifindex, addr16, prefixLen), s, false, null);
    }

    /** The IPv6 addresses on {@code ifindex} (RTM_GETADDR dump, filtered here), link-local ones included. */
    public synchronized List<Address6> addresses6(int ifindex) throws NativeException {
        checkIndex(ifindex);
        List<Address6> out = new ArrayList<>();
        int s = nextSeq();
        request("RTM_GETADDR", "dump, ifindex=" + ifindex,
                NetlinkCodec.encodeDump(tx, s, NetlinkCodec.RTM_GETADDR, NetlinkCodec.AF_INET6), s, true,
                (b, off, len) -> {
                    Address6 a = NetlinkCodec.decodeAddress6(b, off, len);
                    if (a != null && a.ifindex() == ifindex) {
                        out.add(a);
                    }
                });
        return out;
    }

    // ---- routes ----

    /**
     * Adds {@code prefix/len dev IF} to the main table
     * ({@code ip -6 route add}); {@link Errno#EEXIST} if present.
     */
    public synchronized void addRoute6(int ifindex, byte[] prefix16, int prefixLen) throws NativeException {
        checkIndex(ifindex);
        checkPrefix(prefix16, prefixLen);
        int s = nextSeq();
        request("RTM_NEWROUTE", "ifindex=" + ifindex + ", " + prefix(prefix16, prefixLen) + ", table=main",
                NetlinkCodec.encodeRoute6(tx, s, true, ifindex, prefix16, prefixLen, RT_TABLE_MAIN), s, false, null);
    }

    /** Removes {@code prefix/len dev IF} from the main table; {@link Errno#ESRCH} if absent. */
    public synchronized void deleteRoute6(int ifindex, byte[] prefix16, int prefixLen) throws NativeException {
        checkIndex(ifindex);
        checkPrefix(prefix16, prefixLen);
        int s = nextSeq();
        request("RTM_DELROUTE", "ifindex=" + ifindex + ", " + prefix(prefix16, prefixLen) + ", table=main",
                NetlinkCodec.encodeRoute6(tx, s, false, ifindex, prefix16, prefixLen, RT_TABLE_MAIN), s, false, null);
    }

    /** The IPv6 routes in {@code table} (RTM_GETROUTE dump, filtered here). */
    public synchronized List<Route6> routes6(int table) throws NativeException {
        List<Route6> out = new ArrayList<>();
        int s = nextSeq();
        request("RTM_GETROUTE", "dump, table=" + Integer.toUnsignedString(table),
                NetlinkCodec.encodeDump(tx, s, NetlinkCodec.RTM_GETROUTE, NetlinkCodec.AF_INET6), s, true,
                (b, off, len) -> {
                    Route6 r = NetlinkCodec.decodeRoute6(b, off, len);
                    if (r != null && r.table() == table) {
                        out.add(r);
                    }
                });
        return out;
    }

    // ---- policy rules ----

    /**
     * Adds the IPv6 policy rule {@code to dst/dstLen lookup table priority P}
     * ({@code ip -6 rule add}); INTEROP.md 9.2 has the node add
     * {@code to fd00::/8 lookup main} at priority 5265 on Linux, ahead of
     * other software's catch-all rules. Optional for a driver: a host without
     * other policy rules routes by the main table anyway. {@code dstLen} 0
     * means "to all". {@link Errno#EEXIST} if an identical rule exists.
     */
    public synchronized void addRule6(byte[] dst16, int dstLen, int priority, int table) throws NativeException {
        checkPrefix(dst16, dstLen);
        checkRule(priority, table);
        int s = nextSeq();
        request("RTM_NEWRULE", rule(dst16, dstLen, priority, table),
                NetlinkCodec.encodeRule6(tx, s, true, dst16, dstLen, priority, table), s, false, null);
    }

    /** Removes the rule {@link #addRule6} adds; {@link Errno#ENOENT} if absent. */
    public synchronized void deleteRule6(byte[] dst16, int dstLen, int priority, int table) throws NativeException {
        checkPrefix(dst16, dstLen);
        checkRule(priority, table);
        int s = nextSeq();
        request("RTM_DELRULE", rule(dst16, dstLen, priority, table),
                NetlinkCodec.encodeRule6(tx, s, false, dst16, dstLen, priority, table), s, false, null);
    }

    /** The IPv6 policy rules (RTM_GETRULE dump), in the kernel's (priority) order. */
    public synchronized List<Rule6> rules6() throws NativeException {
        List<Rule6> out = new ArrayList<>();
        int s = nextSeq();
        request("RTM_GETRULE", "dump", NetlinkCodec.encodeDump(tx, s, NetlinkCodec.RTM_GETRULE, NetlinkCodec.AF_INET6),
                s, true, (b, off, len) -> {
                    Rule6 r = NetlinkCodec.decodeRule6(b, off, len);
                    if (r != null) {
                        out.add(r);
                    }
                });
        return out;
    }

    // ---- counters, close ----

    /** Replies skipped because their sequence number was not the one awaited (late answers to timed-out requests). */
    public synchronized long staleReplies() {
        return staleReplies;
    }

    /** Replies that did not parse (each also failed its request with {@link Errno#EBADMSG}). */
    public synchronized long malformedReplies() {
        return malformedReplies;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(fd);
            arena.close();
        }
    }

    // ---- the exchange ----

    private int nextSeq() {
        if (closed) {
            throw new IllegalStateException("rtnetlink socket closed: fd=" + fd);
        }
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    /**
     * Sends the {@code len}-byte request in {@link #tx} and reads replies until
     * the ACK or error for {@code reqSeq} (or, for a dump, its NLMSG_DONE),
     * passing data messages to {@code sink}.
     */
    private void request(String op, String detail, int len, int reqSeq, boolean dump, ReplySink sink)
            throws NativeException {
        if (Syscalls.sendto(callState, fd, tx, len, 0, kernel, (int) Syscalls.SOCKADDR_NL.byteSize()) < 0) {
            int err = Native.errno(callState);
            throw new NativeException(op, detail + " (send)", err, NativeException.netAdminHint(err));
        }
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long n = Syscalls.recvfrom(callState, fd, rx, RX_BYTES, Syscalls.MSG_TRUNC, MemorySegment.NULL,
                    MemorySegment.NULL);
            if (n < 0) {
                int err = Native.errno(callState);
                if (err == Errno.EINTR) {
                    continue;
                }
                if (err != Errno.EAGAIN) {
                    throw new NativeException(op, detail + " (receive)", err);
                }
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0 || Syscalls.poll(callState, pollFd, 1, (int) Math.min(leftMs, Integer.MAX_VALUE)) == 0) {
                    throw new NativeException(op, detail + ", no reply within " + timeoutMs + " ms", Errno.ETIMEDOUT);
                }
                continue;
            }
            if (n > RX_BYTES) {
                throw new NativeException(op, detail + ", reply of " + n + " bytes exceeds the " + RX_BYTES
                        + "-byte buffer", Errno.EMSGSIZE);
            }
            try {
                if (consume(op, detail, (int) n, reqSeq, dump, sink)) {
                    return;
                }
            } catch (NetlinkCodec.MalformedReplyException e) {
                malformedReplies++;
                throw new NativeException(op, detail + ", malformed reply: " + e.getMessage(), Errno.EBADMSG);
            }
        }
    }

    /** Handles one datagram of replies; true once the request is answered. */
    private boolean consume(String op, String detail, int n, int reqSeq, boolean dump, ReplySink sink)
            throws NetlinkCodec.MalformedReplyException, NativeException {
        for (int off = 0; off < n; ) {
            int len = NetlinkCodec.checkMessage(rx, off, n);
            int type = NetlinkCodec.type(rx, off);
            if (NetlinkCodec.seq(rx, off) != reqSeq) {
                staleReplies++;
            } else if (type == NetlinkCodec.NLMSG_ERROR) {
                int error = NetlinkCodec.error(rx, off, len);
                if (error == 0) {
                    return true;
                }
                String text = NetlinkCodec.extAckMessage(rx, off, len);
                int errno = -error;
                throw new NativeException(op, text == null ? detail : detail + ", kernel says: " + text, errno,
                        NativeException.netAdminHint(errno));
            } else if (type == NetlinkCodec.NLMSG_DONE) {
                if (dump) {
                    if (len >= NetlinkCodec.NLMSG_HDRLEN + 4) {
                        int error = rx.get(ValueLayout.JAVA_INT_UNALIGNED, off + NetlinkCodec.NLMSG_HDRLEN);
                        if (error < 0) {
                            throw new NativeException(op, detail, -error, NativeException.netAdminHint(-error));
                        }
                    }
                    return true;
                }
            } else if (type != NetlinkCodec.NLMSG_NOOP && sink != null) {
                sink.message(rx, off, len);
            }
            off = NetlinkCodec.nextMessage(off, len);
        }
        return false;
    }

    private static <T> T single(List<T> out, String op, String detail) throws NativeException {
        if (out.size() != 1) {
            throw new NativeException(op, detail + ", expected one reply message, got " + out.size(), Errno.EBADMSG);
        }
        return out.get(0);
    }

    // ---- argument checks (local misuse: IllegalArgumentException naming the value) ----

    private static void checkIndex(int ifindex) {
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex=" + ifindex);
        }
    }

    static void checkName(String ifname) {
        if (ifname == null || ifname.isEmpty() || ifname.length() >= Syscalls.IFNAMSIZ
                || ifname.equals(".") || ifname.equals("..")) {
            throw new IllegalArgumentException("interface name=" + ifname + " (1 to 15 characters)");
        }
        for (int i = 0; i < ifname.length(); i++) {
            char c = ifname.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == ':') {
                throw new IllegalArgumentException("interface name=" + ifname
                        + " (printable ASCII without '/', ':' or spaces)");
            }
        }
    }

    private static void checkPrefix(byte[] addr16, int prefixLen) {
        if (addr16 == null || addr16.length != 16) {
            throw new IllegalArgumentException("IPv6 address length=" + (addr16 == null ? "null" : addr16.length));
        }
        if (prefixLen < 0 || prefixLen > 128) {
            throw new IllegalArgumentException("prefixLen=" + prefixLen);
        }
    }

    private static void checkRule(int priority, int table) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority=" + priority);
        }
        if (table == 0) {
            throw new IllegalArgumentException("table=" + table);
        }
    }

    private static String prefix(byte[] addr16, int prefixLen) {
        return Sockaddr.formatIpv6(addr16, 0) + "/" + prefixLen;
    }

    private static String rule(byte[] dst16, int dstLen, int priority, int table) {
        return new Rule6(dst16, dstLen, priority, table).toString();
    }
}
