package fips.transport.udp.internal;

import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportLifecycle;
import fips.link.spi.TransportStats;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both UDP implementations share: configuration, MTU enforcement,
 * counters, address parsing, the receive thread's life and an orderly close.
 *
 * <p>Threads (fips.link {@link Transport}): one thread at a time sends; the
 * transport's own receive thread delivers to the sink; a control thread
 * starts and closes. The socket and the native or direct buffers are freed
 * only when neither the receive thread nor a sender can be using them:
 * {@link #close()} marks the transport closed, wakes the receiver, joins it,
 * waits for a send in flight to return, and only then releases.
 *
 * <p>Send guard: {@code sendState} holds the number of sends in flight in
 * its low bits and "closed" in the sign bit. A send that finds another in
 * flight is misuse of the one-sender contract and throws
 * {@link IllegalStateException}; a send after close is counted as a send
 * error and answers false.
 *
 * <p>Counting (reference/transports.md "UDP"): larger than the MTU →
 * {@code sendTooBig}; refused by the socket (buffer full, unreachable, family
 * the socket cannot reach) → {@code sendErrors}; datagram longer than MTU + 100
 * → {@code receiveTruncated}, dropped; a failing receive call or a sink that
 * throws → {@code receiveErrors}. Nothing on these paths logs per packet.
 */
abstract class UdpTransportBase implements Transport {
    static final System.Logger LOG = System.getLogger("fips.transport.udp");

    /** How long {@link #close()} waits for the receive thread and a send in flight. */
    static final long CLOSE_WAIT_MS = 2000;
    /** Upper bound on one wait of the receive thread (receive timeout, select timeout), should a wake-up be lost. */
    static final int WAIT_TIMEOUT_MS = 500;

    final String name;
    final String keyPath;
    final UdpConfig config;
    final int mtu;
    /** The socket is IPv4-only (AF_INET); IPv6 peers are unreachable. */
    final boolean ipv4Socket;
    final String localText;
    final UdpCounters counters = new UdpCounters();
    final int recvBufEffective;
    final int sendBufEffective;

    private final AtomicInteger sendState = new AtomicInteger();
    private final TransportLifecycle lifecycle;
    private volatile boolean closedByReceiver;
    private volatile Thread receiver;
    private DatagramSink sink;
    private boolean sinkFailureLogged;

    UdpTransportBase(String name, String keyPath, UdpConfig config, boolean ipv4Socket, String localText,
            int recvBufEffective, int sendBufEffective) {
        this.name = name;
        this.lifecycle = new TransportLifecycle(name);
        this.keyPath = keyPath;
        this.config = config;
        this.mtu = config.mtuBytes();
        this.ipv4Socket = ipv4Socket;
        this.localText = localText;
        this.recvBufEffective = recvBufEffective;
        this.sendBufEffective = sendBufEffective;
    }

    /** Logs what was bound and what the kernel granted (design/fips-transport-layer.md "Socket Buffer Sizing"). */
    final void logOpened(String impl) {
        LOG.log(System.Logger.Level.INFO, "{0}: UDP bound to {1} ({2}), mtu={3}, recv_buf_size={4} (kernel {5}),"
                + " send_buf_size={6} (kernel {7}), outbound_only={8}, accept_connections={9}",
                keyPath, localText, impl, mtu, config.recvBufBytes(), recvBufEffective, config.sendBufBytes(),
                sendBufEffective, config.outboundOnly(), config.acceptConnections());
        // Linux reports double the granted size; less than double the request means it was clamped.
        if ((long) recvBufEffective < 2L * config.recvBufBytes()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: kernel granted SO_RCVBUF {1} for recv_buf_size={2}:"
                    + " raise net.core.rmem_max (see how-to/tune-udp-buffers.md)", keyPath, recvBufEffective,
                    config.recvBufBytes());
        }
        if ((long) sendBufEffective < 2L * config.sendBufBytes()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: kernel granted SO_SNDBUF {1} for send_buf_size={2}:"
                    + " raise net.core.wmem_max (see how-to/tune-udp-buffers.md)", keyPath, sendBufEffective,
                    config.sendBufBytes());
        }
    }

    @Override
    public final String type() {
        return "udp";
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int mtu() {
        return mtu;
    }

    @Override
    public final boolean acceptsInbound() {
        return !config.outboundOnly() && config.acceptConnections();
    }

    @Override
    public final String localAddress() {
        return localText;
    }

    @Override
    public final TransportStats stats() {
        return counters.snapshot();
    }

    @Override
    public final TransportAddr parseAddress(String text) {
        return UdpAddrs.parsePeer(text, ipv4Socket, localText);
    }

    /** The kernel's {@code SO_RCVBUF} after setting {@code recv_buf_size} (Linux reports twice the grant). */
    public final int recvBufEffective() {
        return recvBufEffective;
    }

    /** The kernel's {@code SO_SNDBUF} after setting {@code send_buf_size}. */
    public final int sendBufEffective() {
        return sendBufEffective;
    }

    public final UdpConfig config() {
        return config;
    }

    final boolean isClosed() {
        return lifecycle.isClosed();
    }

    @Override
    public final void start(DatagramSink sink) {
        lifecycle.claimStart(sink);
        this.sink = sink;
        Thread t = Thread.ofPlatform().name("fips-udp-rx-" + name).daemon(true).unstarted(this::runReceiver);
        receiver = t;
        t.start();
    }

    /** The receive thread for tests: null before {@link #start}. */
    final Thread receiverThread() {
        return receiver;
    }

    private void runReceiver() {
        try {
            receiveLoop();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, keyPath + ": UDP receive thread failed; no more datagrams", t);
        } finally {
            if (closedByReceiver) {
                release();
            }
        }
    }

    /** Receives until {@link #isClosed()}; hands each datagram to {@link #deliver}. */
    abstract void receiveLoop();

    /** Makes a receive thread blocked in poll/select return now. */
    abstract void wakeReceiver();

    /**
     * Sends one datagram of at most {@link #mtu} bytes to an address of this
     * transport's shape.
     *
     * @return bytes sent, or -1 if refused (the caller counts it)
     */
    abstract int sendDatagram(TransportAddr to, byte[] buf, int off, int len);

    /** Frees the socket and buffers; called once, when no thread can touch them. */
    abstract void releaseResources();

    /** Receive thread: count and hand over one datagram in {@code buf[0..len)}. */
    final void deliver(TransportAddr source, byte[] buf, int len) {
        counters.received(len);
        try {
            sink.onDatagram(this, source, buf, 0, len);
        } catch (RuntimeException e) {
            counters.receiveError();
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                LOG.log(System.Logger.Level.ERROR, keyPath + ": datagram sink threw (counted in receiveErrors;"
                        + " logged once)", e);
            }
        }
    }

    @Override
    public final boolean send(TransportAddr to, byte[] buf, int off, int len) {
        Objects.requireNonNull(to, "to");
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > mtu) {
            counters.sendTooBig();
            return false;
        }
        if (!UdpAddrs.isUdp(to)) {
            throw new IllegalArgumentException("to=" + to + " is not a UDP transport address");
        }
        int state = sendState.getAndIncrement();
        try {
            if (state < 0) {
                counters.sendError();
                return false;
            }
            if (state != 0) {
                throw new IllegalStateException("concurrent send on transport name=" + name
                        + ": send is for one thread at a time");
            }
            int n = sendDatagram(to, buf, off, len);
            if (n < 0) {
                counters.sendError();
                return false;
            }
            counters.sent(len);
            return true;
        } finally {
            sendState.getAndDecrement();
        }
    }

    @Override
    public final void close() {
        if (!lifecycle.markClosed()) {
            return;
        }
        sendState.getAndAdd(Integer.MIN_VALUE);
        Thread t = receiver;
        if (t == Thread.currentThread()) {
            // Closed from inside the sink: the receive loop sees the flag on return and releases on exit.
            closedByReceiver = true;
            return;
        }
        wakeReceiver();
        boolean receiverStopped = true;
        if (t != null) {
            try {
                t.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            receiverStopped = !t.isAlive();
        }
        if (!receiverStopped) {
            LOG.log(System.Logger.Level.WARNING, "{0}: UDP receive thread did not stop within {1} ms;"
                    + " leaving its socket open", keyPath, CLOSE_WAIT_MS);
            return;
        }
        release();
    }

    private void release() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        while (sendState.get() != Integer.MIN_VALUE) {
            if (System.nanoTime() > deadline) {
                LOG.log(System.Logger.Level.WARNING, "{0}: a send did not return within {1} ms; leaving its socket open",
                        keyPath, CLOSE_WAIT_MS);
                return;
            }
            Thread.onSpinWait();
        }
        if (lifecycle.markReleased()) {
            releaseResources();
        }
    }

    @Override
    public String toString() {
        return "udp transport " + name + " at " + localText;
    }
}
