package fips.transport.udp.internal;

import fips.link.spi.TransportAddr;
import fips.sys.Sockaddr;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * The UDP transport on the JDK's {@link DatagramChannel}: portable, and the
 * fallback where fips.sys is unavailable. Same behaviour as
 * {@link FfmUdpTransport}; differences are in the mechanics only.
 *
 * <p>The channel is non-blocking, so a full socket buffer is a send error as
 * in the FFM implementation. Receive: {@code receive} into a direct buffer
 * until it answers null, then wait in a {@link Selector} (woken by
 * {@link Selector#wakeup()} on close). The JDK silently truncates a datagram
 * to the buffer, so the buffer is MTU + 101 bytes and a datagram that fills it
 * is counted as truncated: exactly those longer than MTU + 100.
 *
 * <p>Addresses: the JDK reuses its {@link InetSocketAddress} while the source
 * repeats and reports IPv4-mapped sources as IPv4; two small maps (receive
 * thread: socket address to {@link TransportAddr}; sending thread: the
 * reverse) keep steady state allocation-free. Each map is cleared when it
 * reaches {@link #ADDR_CACHE_MAX} entries, bounding memory.
 *
 * <p>Send copies the caller's bytes into one direct buffer (the JDK would
 * otherwise copy a heap buffer into a temporary direct one). A refused send
 * surfaces as an {@link IOException} from the JDK, so this path allocates on
 * errors, which the FFM one does not.
 */
final class JdkUdpTransport extends UdpTransportBase {
    static final int ADDR_CACHE_MAX = 1024;

    /** Selection callback that does nothing: readiness is all the loop needs; no selected-key set is filled. */
    private static final Consumer<SelectionKey> IGNORE_KEY = k -> {};

    private final DatagramChannel channel;
    private final Selector selector;

    // Receive thread only.
    private final ByteBuffer rxDirect;
    private final byte[] rxHeap;
    private final HashMap<SocketAddress, TransportAddr> rxAddrs = new HashMap<>();

    // Sending thread only.
    private final ByteBuffer txDirect;
    private final HashMap<TransportAddr, InetSocketAddress> txAddrs = new HashMap<>();
    private TransportAddr txLast;
    private InetSocketAddress txLastInet;
    private IOException lastSendError;

    private JdkUdpTransport(String name, String keyPath, UdpConfig config, DatagramChannel channel, Selector selector,
            boolean ipv4Socket, String localText, int recvBuf, int sendBuf) {
        super(name, keyPath, config, ipv4Socket, localText, recvBuf, sendBuf);
        this.channel = channel;
        this.selector = selector;
        this.rxDirect = ByteBuffer.allocateDirect(config.recvBufferBytes() + 1);
        this.rxHeap = new byte[config.recvBufferBytes()];
        this.txDirect = ByteBuffer.allocateDirect(config.mtuBytes());
    }

    static JdkUdpTransport open(String name, String keyPath, UdpConfig config) throws IOException {
        InetSocketAddress bind = config.bindTarget();
        boolean v6 = bind.getAddress() instanceof Inet6Address;
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        Selector selector = null;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, config.recvBufBytes());
            ch.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufBytes());
            try {
                ch.bind(bind);
            } catch (BindException e) {
                throw new IOException(keyPath + ": cannot bind UDP socket to " + Sockaddr.format(bind) + ": "
                        + e.getMessage(), e);
            }
            selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
            // On Linux the JDK halves what getsockopt reports for these two options;
            // undo that so both implementations keep the kernel's own figure.
            int recvBuf = kernelFigure(ch.getOption(StandardSocketOptions.SO_RCVBUF));
            int sendBuf = kernelFigure(ch.getOption(StandardSocketOptions.SO_SNDBUF));
            String local = Sockaddr.format((InetSocketAddress) ch.getLocalAddress());
            JdkUdpTransport t = new JdkUdpTransport(name, keyPath, config, ch, selector, !v6, local, recvBuf, sendBuf);
            t.logOpened("jdk");
            return t;
        } catch (IOException | RuntimeException | Error e) {
            if (selector != null) {
                selector.close();
            }
            ch.close();
            throw e;
        }
    }

    private static int kernelFigure(int jdkReported) {
        return System.getProperty("os.name", "").startsWith("Linux")
                ? (int) Math.min(Integer.MAX_VALUE, 2L * jdkReported) : jdkReported;
    }

    @Override
    void receiveLoop() {
        int truncatedAt = config.recvBufferBytes() + 1;
        while (!isClosed()) {
            SocketAddress from;
            rxDirect.clear();
            try {
                from = channel.receive(rxDirect);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (isClosed()) {
                    return;
                }
                counters.receiveError();
                from = null;
            }
            if (from == null) {
                try {
                    selector.select(IGNORE_KEY, WAIT_TIMEOUT_MS);
                } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                    if (isClosed()) {
                        return;
                    }
                    counters.receiveError();
                }
                continue;
            }
            int len = rxDirect.position();
            if (len >= truncatedAt) {
                counters.receiveTruncated();
                continue;
            }
            TransportAddr source = rxAddrs.get(from);
            if (source == null) {
                source = sourceMiss(from);
            }
            rxDirect.get(0, rxHeap, 0, len);
            deliver(source, rxHeap, len);
        }
    }

    private TransportAddr sourceMiss(SocketAddress from) {
        if (rxAddrs.size() >= ADDR_CACHE_MAX) {
            rxAddrs.clear();
        }
        TransportAddr a = UdpAddrs.of((InetSocketAddress) from);
        rxAddrs.put(from, a);
        return a;
    }

    @Override
    int sendDatagram(TransportAddr to, byte[] buf, int off, int len) {
        InetSocketAddress dst;
        if (to == txLast) {
            dst = txLastInet;
        } else {
            if (ipv4Socket && UdpAddrs.isIpv6(to)) {
                return -1;
            }
            dst = txAddrs.get(to);
            if (dst == null) {
                if (txAddrs.size() >= ADDR_CACHE_MAX) {
                    txAddrs.clear();
                }
                dst = UdpAddrs.toInet(to);
                txAddrs.put(to, dst);
            }
            txLast = to;
            txLastInet = dst;
        }
        txDirect.clear();
        txDirect.put(buf, off, len).flip();
        try {
            int n = channel.send(txDirect, dst);
            return n == 0 && len > 0 ? -1 : n; // 0: would block (socket buffer full)
        } catch (IOException e) {
            lastSendError = e;
            return -1;
        }
    }

    /** The last refused send's exception (sending thread; for tests and diagnostics). */
    IOException lastSendError() {
        return lastSendError;
    }

    @Override
    void wakeReceiver() {
        selector.wakeup();
    }

    @Override
    void releaseResources() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, keyPath + ": closing selector: " + e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, keyPath + ": closing channel: " + e);
        }
    }
}
