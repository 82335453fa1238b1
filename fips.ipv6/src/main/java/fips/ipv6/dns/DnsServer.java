package fips.ipv6.dns;

import fips.identity.FipsAddress;
import fips.identity.PublicKey;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The DNS responder's driver: one thread, one UDP {@link DatagramChannel},
 * the {@link DnsResponder} core and optionally a {@link HostsReloader}
 * (INTEROP.md 9.6).
 *
 * <h2>Address</h2>
 * The default is {@code [::1]:5354} ({@link #DEFAULT_BIND_ADDR},
 * {@link #DEFAULT_PORT}): INTEROP.md 9.6 and reference/configuration.md
 * {@code dns.bind_addr}/{@code dns.port} agree on it, and the shipped
 * systemd-resolved setup and the gateway's default upstream point there. Some
 * other texts say {@code 127.0.0.1:5354}; a daemon bound to {@code ::1} does
 * not receive IPv4 traffic, so an IPv4 client needs {@code dns.bind_addr}
 * set to {@code 127.0.0.1} (or {@code ::}). Any address and port, including
 * port 0 (see {@link #localAddress()}), can be configured.
 *
 * <h2>Loop</h2>
 * The thread waits on a selector with a one-second tick. Before each query
 * and on each tick it calls {@link HostsReloader#check()} and hands a changed
 * map to the core. Each datagram is received into a {@link #RECEIVE_BUFFER_BYTES}
 * (512) byte buffer: a larger datagram is cut to its first 512 bytes by the
 * channel, which still answers a normal query (the header and first question
 * come first; what is cut is usually an EDNS OPT record, which the core does
 * not read) and makes a query whose first question is cut a FORMERR. A key
 * resolved by an AAAA answer is passed to {@code onResolved} before the reply
 * is sent, so the node learns the identity before the application can use
 * the address; the callback runs on this thread and must hand over to the
 * protocol thread (a queue), not block.
 *
 * <h2>Mesh queries</h2>
 * The reference drops queries that arrive over the TUN interface, by
 * IPV6_PKTINFO ifindex (design/fips-ipv6-adapter.md "Mesh-Interface Query
 * Filter"). A {@code DatagramChannel} cannot see the arrival interface; when
 * given the node's FIPS address, this driver instead drops queries whose
 * source is in fd00::/8 but is not that address, which is what a query from
 * another mesh node looks like (a local client uses a loopback address or the
 * node's own). With the default loopback bind none can arrive anyway.
 *
 * <p>{@link #close()} stops the thread within one selector wake-up and closes
 * the channel. Counters are written by the server thread; read from another
 * thread they may lag.
 */
public final class DnsServer implements AutoCloseable {
    /** {@code dns.bind_addr} default. INTEROP.md 9.6; reference/configuration.md. */
    public static final String DEFAULT_BIND_ADDR = "::1";
    /** {@code dns.port} default. INTEROP.md 9.6; reference/configuration.md. */
    public static final int DEFAULT_PORT = 5354;
    /** Receive buffer. INTEROP.md 9.6. */
    public static final int RECEIVE_BUFFER_BYTES = 512;
    /** How often the hosts file is checked when no query comes (local tuning). */
    public static final long TICK_MS = 1000;

    private final InetSocketAddress bindAddress;
    private final DnsResponder responder;
    private final HostsReloader hosts;
    private final byte[] meshAddress;
    private final Consumer<PublicKey> onResolved;

    private final ByteBuffer rx = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
    private final ByteBuffer tx = ByteBuffer.allocate(DnsResponder.MAX_RESPONSE_BYTES);

    private DatagramChannel channel;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;
    private volatile InetSocketAddress localAddress;

    private volatile long meshQueriesDropped;
    private volatile long sendErrors;
    private volatile long callbackErrors;

    /**
     * @param bindAddress where to listen; see {@link #bindAddress(String, int)}
     * @param responder the core; from now on owned by the server thread
     * @param hosts the hosts file watcher, or null for none (the core keeps its map)
     * @param meshAddress this node's FIPS address for the mesh-query filter, or null for no filter
     * @param onResolved told each key an AAAA answer resolved (identity cache registration)
     */
    public DnsServer(InetSocketAddress bindAddress, DnsResponder responder, HostsReloader hosts,
            FipsAddress meshAddress, Consumer<PublicKey> onResolved) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.hosts = hosts;
        this.meshAddress = meshAddress == null ? null : meshAddress.toBytes();
        this.onResolved = Objects.requireNonNull(onResolved, "onResolved");
    }

    /**
     * {@code dns.bind_addr} and {@code dns.port} as a socket address, without
     * a name lookup: the address must be an IPv4 or IPv6 literal (brackets
     * allowed for IPv6).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static InetSocketAddress bindAddress(String bindAddr, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("dns.port=" + port + " must be in 0..65535");
        }
        String a = bindAddr.startsWith("[") && bindAddr.endsWith("]")
                ? bindAddr.substring(1, bindAddr.length() - 1) : bindAddr;
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dns.bind_addr=" + bindAddr + " is not an IP address literal", e);
        }
        return new InetSocketAddress(ip, port);
    }

    /** The default {@code [::1]:5354}. */
    public static InetSocketAddress defaultBindAddress() {
        return bindAddress(DEFAULT_BIND_ADDR, DEFAULT_PORT);
    }

    /**
     * Binds and starts the thread.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     * @throws IllegalStateException if already started
     */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("DnsServer already started on " + localAddress);
        }
        DatagramChannel ch = bindAddress.getAddress() instanceof Inet6Address
                ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : DatagramChannel.open(StandardProtocolFamily.INET);
        Selector sel = null;
        try {
            ch.bind(bindAddress);
            ch.configureBlocking(false);
            sel = Selector.open();
            ch.register(sel, SelectionKey.OP_READ);
        } catch (IOException e) {
            ch.close();
            if (sel != null) {
                sel.close();
            }
            throw new IOException("cannot bind the DNS responder to " + bindAddress + ": " + e.getMessage(), e);
        }
        channel = ch;
        selector = sel;
        localAddress = (InetSocketAddress) ch.getLocalAddress();
        if (hosts != null && hosts.check()) {
            responder.setHostMap(hosts.current());
        }
        running = true;
        thread = Thread.ofPlatform().name("fips-dns").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The bound address (the kernel's port when 0 was asked for), or null before {@link #start()}. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public boolean isRunning() {
        return running;
    }

    /** Queries dropped by the mesh-source filter. */
    public long meshQueriesDropped() {
        return meshQueriesDropped;
    }

    /** Replies the channel refused to send. */
    public long sendErrors() {
        return sendErrors;
    }

    /** Exceptions thrown by {@code onResolved} (caught; the server keeps going). */
    public long callbackErrors() {
        return callbackErrors;
    }

    /** Stops the thread and closes the channel; idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
            if (selector != null) {
                selector.wakeup();
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to do on close
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing to do on close
        }
    }

    private void run() {
        try {
            while (running) {
                int ready = selector.select(TICK_MS);
                if (!running) {
                    break;
                }
                if (ready > 0) {
                    selector.selectedKeys().clear();
                }
                checkHosts();
                SocketAddress from;
                while (running && (from = receive()) != null) {
                    checkHosts();
                    handle(from);
                }
            }
        } catch (IOException e) {
            // The channel or selector was closed under us (close()) or failed: the thread ends.
        } finally {
            running = false;
        }
    }

    private SocketAddress receive() throws IOException {
        rx.clear();
        return channel.receive(rx);
    }

    private void checkHosts() {
        if (hosts != null && hosts.check()) {
            responder.setHostMap(hosts.current());
        }
    }

    private void handle(SocketAddress from) {
        if (meshAddress != null && isMeshSource(from)) {
            meshQueriesDropped++;
            return;
        }
        long nowMs = System.nanoTime() / 1_000_000;
        int n = responder.answer(rx.array(), 0, rx.position(), tx.array(), 0, nowMs);
        if (n < 0) {
            return;
        }
        PublicKey key = responder.resolvedKey();
        if (key != null) {
            try {
                onResolved.accept(key);
            } catch (RuntimeException e) {
                callbackErrors++;
            }
        }
        tx.clear().limit(n);
        try {
            channel.send(tx, from);
        } catch (IOException e) {
            sendErrors++;
        }
    }

    private boolean isMeshSource(SocketAddress from) {
        if (!(from instanceof InetSocketAddress isa) || !(isa.getAddress() instanceof Inet6Address a6)) {
            return false;
        }
        byte[] b = a6.getAddress();
        return (b[0] & 0xff) == FipsAddress.PREFIX_BYTE && !java.util.Arrays.equals(b, meshAddress);
    }
}
