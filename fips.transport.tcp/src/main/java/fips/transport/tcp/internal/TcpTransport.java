package fips.transport.tcp.internal;

import fips.link.spi.ConnectionState;
import fips.link.spi.DatagramSink;
import fips.link.spi.FmpStreamFramer;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportLifecycle;
import fips.link.spi.TransportStats;
import fips.sys.Sockaddr;
import fips.transport.tcp.internal.TcpCounters.C;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * The TCP transport (design/fips-transport-layer.md "TCP/IP: Transport for
 * UDP-Filtered Networks"): an optional listener, one stream per remote
 * address, FMP packets back to back on each stream (INTEROP.md 12, TCP row).
 *
 * <p>Theory of operation. One I/O thread owns a {@link Selector} and does all
 * socket work except the first write attempt of a send: it opens outbound
 * connections, finishes them, accepts, reads, flushes write backlogs, enforces
 * deadlines and closes. Other threads hand it work through two lock-free
 * queues ({@code toOpen}, {@code toClose}) and {@link Selector#wakeup()}.
 *
 * <ul>
 *   <li>{@link #connect} (control or protocol thread) puts a
 *       {@code CONNECTING} entry in the pool at once, so
 *       {@link #connectionState} answers {@code CONNECTING} from then on, and
 *       queues it; the I/O thread opens a non-blocking socket, connects with
 *       the {@code connect_timeout_ms} deadline, and on success marks it
 *       {@code CONNECTED}. A refused, unreachable or timed-out connect leaves
 *       the address {@code FAILED} until the next {@code connect}
 *       (design/fips-transport-layer.md "Connection Lifecycle").</li>
 *   <li>An accepted connection is keyed by its remote address, so a reply to
 *       the source FMP saw goes back on the same stream. Over
 *       {@code max_inbound_connections}, or a remote address already in the
 *       pool, the new stream is closed at once and counted as rejected.</li>
 *   <li>Reading: each readable stream is read into one shared array and fed to
 *       its {@link FmpStreamFramer}; each whole packet goes to the
 *       {@link DatagramSink} from the I/O thread, lent for the call only. A
 *       framing error (INTEROP.md 12, TCP row) closes that stream and is
 *       counted; other streams are untouched. An inbound stream that delivers
 *       no whole packet within 30 s (INTEROP.md 12) is closed.</li>
 *   <li>Sending ({@link #send}, any thread, normally the protocol thread):
 *       the whole packet is appended to the connection's bounded write queue
 *       and, unless a backlog is already waiting for the I/O thread, written
 *       at once with a non-blocking write. Whatever the kernel does not take
 *       stays queued and the I/O thread flushes it when the socket is
 *       writable. A packet that does not fit the queue is dropped and counted:
 *       a send never blocks.</li>
 *   <li>Every socket gets {@code TCP_NODELAY}, keepalive (idle time and probe
 *       interval both {@code keepalive_secs}) and the configured buffer sizes.</li>
 * </ul>
 *
 * <p>Closing a stream (peer EOF, read or write error, framing error,
 * deadline) removes it from the pool, so {@link #connectionState} answers
 * {@code NONE} (or {@code FAILED} for an outbound stream that failed) and FMP
 * dials again when it needs to (design/fips-transport-layer.md "Session
 * Independence"). Nothing here logs per packet.
 *
 * <p>Not done: a per-link MTU from {@code TCP_MAXSEG} (no JDK socket option
 * reads it; {@link #linkMtu} is the configured MTU) and synchronous
 * connect-on-send (a send with no stream is a counted drop; FMP calls
 * {@link #connect} before its handshake).
 */
public final class TcpTransport implements Transport {
    static final System.Logger LOG = System.getLogger("fips.transport.tcp");

    /** How long {@link #close()} waits for the I/O thread. */
    static final long CLOSE_WAIT_MS = 2000;
    /** Longest select wait with no deadline pending; bounds the effect of a lost wake-up. */
    static final long IDLE_WAIT_MS = 1000;
    /** Reads of one stream per readiness, so one busy stream cannot starve the others. */
    static final int MAX_READS_PER_TURN = 16;
    /** Bytes read from a stream at a time. */
    static final int READ_CHUNK_BYTES = 64 * 1024;
    /** How long accepting pauses after accept itself failed (e.g. out of file descriptors). */
    static final long ACCEPT_PAUSE_MS = 100;
    /** Failed outbound addresses remembered for {@link #connectionState}; the table is cleared when it reaches this. */
    static final int MAX_FAILURES_KEPT = 4096;

    private final String name;
    private final String keyPath;
    private final TcpConfig config;
    private final int mtu;
    private final ServerSocketChannel server;
    private final String localText;
    private final Selector selector;
    private final TcpCounters counters = new TcpCounters();
    private final long baseNs = System.nanoTime();

    private final ConcurrentHashMap<TransportAddr, TcpConnection> pool = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TransportAddr, String> failures = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<TcpConnection> toOpen = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TcpConnection> toClose = new ConcurrentLinkedQueue<>();
    private final AtomicInteger poolInbound = new AtomicInteger();
    private final AtomicInteger poolOutbound = new AtomicInteger();
    private final TransportLifecycle lifecycle;
    private volatile Thread ioThread;

    // I/O thread only.
    private final byte[] readArray = new byte[READ_CHUNK_BYTES];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final TcpConnection.FrameTarget frameTarget = this::deliver;
    private SelectionKey serverKey;
    private long nextDeadlineMs = TcpConnection.NO_DEADLINE;
    private long acceptPausedUntilMs = TcpConnection.NO_DEADLINE;
    private DatagramSink sink;
    private boolean sinkFailureLogged;

    private TcpTransport(String name, String keyPath, TcpConfig config, ServerSocketChannel server, String localText,
            Selector selector) {
        this.name = name;
        this.lifecycle = new TransportLifecycle(name);
        this.keyPath = keyPath;
        this.config = config;
        this.mtu = config.mtuBytes();
        this.server = server;
        this.localText = localText;
        this.selector = selector;
    }

    /**
     * Opens the selector and, with a {@code bind_addr}, the listener (bound now, so a port in use fails here).
     *
     * @throws IOException naming the address if the listener cannot be bound
     */
    static TcpTransport open(String name, String keyPath, TcpConfig config) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = null;
        try {
            String local = "outbound-only";
            if (!config.outboundOnly()) {
                server = ServerSocketChannel.open();
                server.configureBlocking(false);
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                // Set on the listener so accepted sockets negotiate their window scale with it.
                server.setOption(StandardSocketOptions.SO_RCVBUF, config.recvBufBytes());
                try {
                    server.bind(config.bindAddr(), Math.max(16, Math.min(config.maxInboundConnections(), 1024)));
                } catch (BindException e) {
                    throw new IOException(keyPath + ": cannot listen on TCP " + Sockaddr.format(config.bindAddr())
                            + ": " + e.getMessage(), e);
                }
                local = Sockaddr.format((InetSocketAddress) server.getLocalAddress());
            }
            TcpTransport t = new TcpTransport(name, keyPath, config, server, local, selector);
            LOG.log(System.Logger.Level.INFO, keyPath + ": TCP " + (server == null ? "outbound-only" : "listening on " + local)
                    + ", mtu=" + config.mtuBytes() + ", connect_timeout_ms=" + config.connectTimeoutMs() + ", nodelay="
                    + config.nodelay() + ", keepalive_secs=" + config.keepaliveSecs() + ", max_inbound_connections="
                    + config.maxInboundConnections());
            return t;
        } catch (IOException | RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            selector.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public String type() {
        return TcpTransportProvider.TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public TransportAddr parseAddress(String text) {
        return TcpAddrs.parsePeer(text);
    }

    /** Inbound handshakes from unknown peers only when listening (reference/configuration.md: no bind_addr = outbound-only). */
    @Override
    public boolean acceptsInbound() {
        return server != null;
    }

    @Override
    public String localAddress() {
        return localText;
    }

    @Override
    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Every counter by its reference/transports.md name, with the pool gauges (allocates; for operators). */
    public Map<String, Long> details() {
        return counters.details(poolInbound.get(), poolOutbound.get());
    }

    TcpCounters counters() {
        return counters;
    }

    public TcpConfig config() {
        return config;
    }

    /** Why the last outbound connect to {@code to} failed, or null (allocation-free; for operators and tests). */
    public String failure(TransportAddr to) {
        return failures.get(to);
    }

    @Override
    public ConnectionState connectionState(TransportAddr to) {
        TcpConnection c = pool.get(to);
        if (c != null) {
            return c.state;
        }
        return failures.containsKey(to) ? ConnectionState.FAILED : ConnectionState.NONE;
    }

    @Override
    public void connect(TransportAddr to) {
        Objects.requireNonNull(to, "to");
        if (!TcpAddrs.isTcp(to)) {
            throw new IllegalArgumentException("to=" + to + " is not a TCP transport address");
        }
        if (lifecycle.isClosed() || pool.containsKey(to)) {
            return;
        }
        if (poolOutbound.incrementAndGet() > config.maxOutboundConnections()) {
            poolOutbound.decrementAndGet();
            counters.inc(C.CONNECT_ERRORS);
            recordFailure(to, "outbound connection limit " + config.maxOutboundConnections() + " reached");
            return;
        }
        TcpConnection c = new TcpConnection(to, true, mtu, config.writeQueueBytes(), frameTarget);
        if (pool.putIfAbsent(to, c) != null) {
            poolOutbound.decrementAndGet();
            return;
        }
        failures.remove(to);
        toOpen.add(c);
        selector.wakeup();
    }

    @Override
    public boolean send(TransportAddr to, byte[] buf, int off, int len) {
        Objects.requireNonNull(to, "to");
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > mtu) {
            counters.inc(C.MTU_EXCEEDED);
            return false;
        }
        TcpConnection c = pool.get(to);
        if (c == null || c.state != ConnectionState.CONNECTED) {
            counters.inc(C.SEND_NO_CONNECTION);
            return false;
        }
        boolean closeIt = false;
        synchronized (c) {
            if (c.closed) {
                counters.inc(C.SEND_NO_CONNECTION);
                return false;
            }
            ByteBuffer q = c.out;
            if (q.remaining() < len) {
                counters.inc(C.SEND_QUEUE_FULL);
                return false;
            }
            q.put(buf, off, len);
            if (!c.writePending) {
                q.flip();
                try {
                    c.channel.write(q);
                    q.compact();
                    if (q.position() > 0) {
                        c.writePending = true;
                        armWrite(c);
                    }
                } catch (IOException e) {
                    q.clear();
                    closeIt = true;
                }
            }
        }
        if (closeIt) {
            counters.inc(C.WRITE_ERRORS);
            toClose.add(c);
            selector.wakeup();
            return false;
        }
        counters.inc(C.PACKETS_SENT);
        counters.add(C.BYTES_SENT, len);
        return true;
    }

    /** Asks the I/O thread to flush {@code c} when its socket is writable. Caller holds {@code c}'s monitor. */
    private void armWrite(TcpConnection c) {
        try {
            c.key.interestOpsOr(SelectionKey.OP_WRITE);
            selector.wakeup();
        } catch (CancelledKeyException e) {
            // Being closed; the queued bytes go with it.
        }
    }

    @Override
    public void start(DatagramSink sink) {
        lifecycle.claimStart(sink);
        this.sink = sink;
        Thread t = Thread.ofPlatform().name("fips-tcp-io-" + name).daemon(true).unstarted(this::runIo);
        ioThread = t;
        t.start();
    }

    /** The I/O thread, for tests: null before {@link #start}. */
    Thread ioThread() {
        return ioThread;
    }

    @Override
    public void close() {
        if (!lifecycle.markClosed()) {
            return;
        }
        Thread t = ioThread;
        if (t == Thread.currentThread()) {
            return; // from inside the sink: the loop sees the flag on return and releases on exit
        }
        if (t == null) {
            release();
            return;
        }
        selector.wakeup();
        try {
            t.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: TCP I/O thread did not stop within {1} ms", keyPath, CLOSE_WAIT_MS);
        }
    }

    @Override
    public String toString() {
        return "tcp transport " + name + " at " + localText;
    }

    // ---------------------------------------------------------------- I/O thread

    private long nowMs() {
        return (System.nanoTime() - baseNs) / 1_000_000L;
    }

    private void runIo() {
        try {
            if (server != null) {
                serverKey = server.register(selector, SelectionKey.OP_ACCEPT, null);
            }
            while (!lifecycle.isClosed()) {
                long now = nowMs();
                TcpConnection c;
                while ((c = toOpen.poll()) != null) {
                    startConnect(c, now);
                }
                while ((c = toClose.poll()) != null) {
                    closeConnection(c, c.outbound ? "write failed" : null);
                }
                if (now >= nextDeadlineMs) {
                    scanDeadlines(now);
                }
                if (now >= acceptPausedUntilMs) {
                    acceptPausedUntilMs = TcpConnection.NO_DEADLINE;
                    serverKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                long wake = Math.min(nextDeadlineMs, acceptPausedUntilMs);
                long waitMs = wake == TcpConnection.NO_DEADLINE ? IDLE_WAIT_MS : Math.clamp(wake - now, 1, IDLE_WAIT_MS);
                selector.select(onReady, waitMs);
            }
        } catch (IOException | RuntimeException e) { // ClosedSelectorException included
            if (!lifecycle.isClosed()) {
                LOG.log(System.Logger.Level.ERROR, keyPath + ": TCP I/O thread failed; transport stopped", e);
            }
        } catch (Error e) {
            LOG.log(System.Logger.Level.ERROR, keyPath + ": TCP I/O thread failed; transport stopped", e);
            throw e;
        } finally {
            lifecycle.markClosed();
            release();
        }
    }

    private void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        Object att = k.attachment();
        if (att == null) {
            acceptAll();
            return;
        }
        TcpConnection c = (TcpConnection) att;
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            finishConnect(c);
            return;
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            read(c);
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && !c.closed && !lifecycle.isClosed()) {
            flush(c);
        }
    }

    private void noteDeadline(long deadlineMs) {
        nextDeadlineMs = Math.min(nextDeadlineMs, deadlineMs);
    }

    private void startConnect(TcpConnection c, long now) {
        if (c.closed) {
            return;
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            configure(ch, true);
            c.deadlineMs = now + config.connectTimeoutMs();
            noteDeadline(c.deadlineMs);
            boolean done = ch.connect(TcpAddrs.toInet(c.addr));
            c.key = ch.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (done) {
                connected(c);
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(c, e);
        }
    }

    private void finishConnect(TcpConnection c) {
        try {
            if (c.channel.finishConnect()) {
                c.key.interestOps(SelectionKey.OP_READ);
                connected(c);
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(c, e);
        }
    }

    private void connected(TcpConnection c) {
        c.deadlineMs = TcpConnection.NO_DEADLINE; // outbound: we speak first (msg1), so no first-frame deadline
        counters.inc(C.CONNECTIONS_ESTABLISHED);
        c.state = ConnectionState.CONNECTED;
        LOG.log(System.Logger.Level.DEBUG, "{0}: connected to {1}", keyPath, c.addr);
    }

    private void connectFailed(TcpConnection c, Exception e) {
        counters.inc(e instanceof ConnectException ? C.CONNECT_REFUSED : C.CONNECT_ERRORS);
        closeConnection(c, "connect failed: " + e);
    }

    private void acceptAll() {
        long now = nowMs();
        for (;;) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // Level-triggered readiness would spin on a persistent failure (e.g. EMFILE): pause accepting.
                LOG.log(System.Logger.Level.WARNING, "{0}: accept failed, pausing {1} ms: {2}", keyPath, ACCEPT_PAUSE_MS, e);
                serverKey.interestOps(0);
                acceptPausedUntilMs = now + ACCEPT_PAUSE_MS;
                return;
            }
            if (ch == null) {
                return;
            }
            accepted(ch, now);
        }
    }

    private void accepted(SocketChannel ch, long now) {
        TcpConnection c = null;
        try {
            if (poolInbound.get() >= config.maxInboundConnections()) {
                counters.inc(C.CONNECTIONS_REJECTED);
                ch.close();
                return;
            }
            TransportAddr from = TcpAddrs.of((InetSocketAddress) ch.getRemoteAddress());
            ch.configureBlocking(false);
            configure(ch, false);
            c = new TcpConnection(from, false, mtu, config.writeQueueBytes(), frameTarget);
            c.channel = ch;
            if (pool.putIfAbsent(from, c) != null) {
                counters.inc(C.CONNECTIONS_REJECTED);
                c.closed = true;
                ch.close();
                return;
            }
            poolInbound.incrementAndGet();
            c.deadlineMs = now + config.firstFrameTimeoutMs();
            noteDeadline(c.deadlineMs);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            failures.remove(from);
            counters.inc(C.CONNECTIONS_ACCEPTED);
            c.state = ConnectionState.CONNECTED;
        } catch (IOException | RuntimeException e) {
            counters.inc(C.READ_ERRORS);
            if (c != null && pool.get(c.addr) == c) {
                closeConnection(c, null);
            } else {
                closeQuietly(ch);
            }
        }
    }

    /** Socket options every stream gets (design/fips-transport-layer.md "Connection Establishment"; INTEROP.md 12). */
    private void configure(SocketChannel ch, boolean outbound) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, config.nodelay());
        if (outbound) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, config.recvBufBytes());
        }
        ch.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufBytes());
        int ka = config.keepaliveSecs();
        ch.setOption(StandardSocketOptions.SO_KEEPALIVE, ka > 0);
        if (ka > 0) {
            setIfSupported(ch, ExtendedSocketOptions.TCP_KEEPIDLE, ka);
            setIfSupported(ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, ka);
        }
    }

    private static <T> void setIfSupported(NetworkChannel ch, SocketOption<T> option, T value) throws IOException {
        if (ch.supportedOptions().contains(option)) {
            ch.setOption(option, value);
        }
    }

    private void read(TcpConnection c) {
        for (int i = 0; i < MAX_READS_PER_TURN; i++) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException e) {
                counters.inc(C.READ_ERRORS);
                closeConnection(c, null);
                return;
            }
            if (n < 0) {
                if (c.framer.buffered() > 0) {
                    counters.inc(C.TRUNCATED_STREAMS);
                }
                closeConnection(c, null);
                return;
            }
            if (n == 0) {
                return;
            }
            FmpStreamFramer.Result r = c.framer.feed(readArray, 0, n);
            if (lifecycle.isClosed() || c.closed) {
                return; // the sink closed the transport (or this stream went with it)
            }
            if (r.isFatal()) {
                counters.inc(C.FRAMING_ERRORS);
                LOG.log(System.Logger.Level.DEBUG, "{0}: closing stream from {1}: {2}", keyPath, c.addr,
                        c.framer.failureDetail());
                closeConnection(c, c.outbound ? "framing error: " + r : null);
                return;
            }
            if (n < readArray.length) {
                return;
            }
        }
    }

    /** The framer's sink: one whole FMP packet from {@code from}, lent for the call. */
    private void deliver(TcpConnection from, byte[] buf, int off, int len) {
        if (lifecycle.isClosed() || from.closed) {
            return;
        }
        if (!from.gotFrame) {
            from.gotFrame = true;
            from.deadlineMs = TcpConnection.NO_DEADLINE;
        }
        counters.inc(C.PACKETS_RECV);
        counters.add(C.BYTES_RECV, len);
        try {
            sink.onDatagram(this, from.addr, buf, off, len);
        } catch (RuntimeException e) {
            counters.inc(C.SINK_ERRORS);
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                LOG.log(System.Logger.Level.ERROR, keyPath + ": datagram sink threw (counted in receiveErrors;"
                        + " logged once)", e);
            }
        }
    }

    private void flush(TcpConnection c) {
        boolean failed = false;
        synchronized (c) {
            if (c.closed) {
                return;
            }
            ByteBuffer q = c.out;
            q.flip();
            try {
                c.channel.write(q);
                q.compact();
                if (q.position() == 0) {
                    c.writePending = false;
                    c.key.interestOpsAnd(~SelectionKey.OP_WRITE);
                }
            } catch (IOException | CancelledKeyException e) {
                q.clear();
                failed = true;
            }
        }
        if (failed) {
            counters.inc(C.WRITE_ERRORS);
            closeConnection(c, c.outbound ? "write failed" : null);
        }
    }

    private void scanDeadlines(long now) {
        long next = TcpConnection.NO_DEADLINE;
        ArrayList<TcpConnection> expired = null;
        for (TcpConnection c : pool.values()) {
            if (c.channel == null || c.closed) {
                continue; // not opened yet (queued in toOpen)
            }
            if (c.deadlineMs <= now) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(c);
            } else {
                next = Math.min(next, c.deadlineMs);
            }
        }
        nextDeadlineMs = next;
        if (expired == null) {
            return;
        }
        for (TcpConnection c : expired) {
            if (c.state == ConnectionState.CONNECTING) {
                counters.inc(C.CONNECT_TIMEOUTS);
                closeConnection(c, "connect timed out after " + config.connectTimeoutMs() + " ms");
            } else {
                counters.inc(C.FIRST_FRAME_TIMEOUTS);
                LOG.log(System.Logger.Level.DEBUG, "{0}: closing stream from {1}: no FMP packet within {2} ms",
                        keyPath, c.addr, config.firstFrameTimeoutMs());
                closeConnection(c, null);
            }
        }
    }

    /**
     * Closes one stream and takes it out of the pool (I/O thread, or the
     * releasing thread once the I/O thread is gone).
     *
     * @param failure non-null: the address reads {@code FAILED} with this reason until the next connect
     */
    private void closeConnection(TcpConnection c, String failure) {
        synchronized (c) {
            if (c.closed) {
                return;
            }
            c.closed = true; // a sender holding the monitor has finished its write; later ones see this
            c.writePending = false;
        }
        boolean pooled = pool.remove(c.addr, c);
        if (c.outbound) {
            poolOutbound.decrementAndGet(); // its slot was taken in connect()
        } else if (pooled) {
            poolInbound.decrementAndGet();
        }
        if (failure != null) {
            recordFailure(c.addr, failure);
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}: {2}", keyPath, c.addr, failure);
        }
        c.state = failure != null ? ConnectionState.FAILED : ConnectionState.NONE;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
    }

    private void recordFailure(TransportAddr to, String reason) {
        if (failures.size() >= MAX_FAILURES_KEPT) {
            failures.clear();
        }
        failures.put(to, reason);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    /** Closes every stream, the listener and the selector; once, when the I/O thread is gone (or never ran). */
    private void release() {
        if (!lifecycle.markReleased()) {
            return;
        }
        TcpConnection c;
        while ((c = toOpen.poll()) != null) {
            closeConnection(c, null);
        }
        for (TcpConnection open : new ArrayList<>(pool.values())) {
            closeConnection(open, null);
        }
        pool.clear();
        failures.clear();
        toClose.clear();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, keyPath + ": closing listener: " + e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, keyPath + ": closing selector: " + e);
        }
    }
}
