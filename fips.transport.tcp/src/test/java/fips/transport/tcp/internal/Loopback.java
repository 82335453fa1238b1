package fips.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.ConnectionState;
import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Test helpers: TCP transports on loopback, a sink that keeps copies, FMP-shaped packets. */
final class Loopback {
    static final String KEY_PATH = "transports.tcp";
    static final long WAIT_MS = 5000;

    private Loopback() {}

    /** Defaults, listening on {@code bind} (null: outbound-only), with this MTU and the given local timings. */
    static TcpConfig config(String bind, int mtu, int connectTimeoutMs, int firstFrameTimeoutMs) {
        TcpConfig d = TcpConfig.defaults();
        return new TcpConfig(bind == null ? null : TcpAddrs.parseLiteral(bind), mtu, connectTimeoutMs, true,
                d.keepaliveSecs(), 1 << 20, 1 << 20, d.maxInboundConnections(), firstFrameTimeoutMs,
                TcpConfig.defaultWriteQueueBytes(mtu), d.maxOutboundConnections());
    }

    static TcpTransport open(String bind) throws IOException {
        return open(config(bind, TcpConfig.DEFAULT_MTU, TcpConfig.DEFAULT_CONNECT_TIMEOUT_MS,
                TcpConfig.DEFAULT_FIRST_FRAME_TIMEOUT_MS));
    }

    static TcpTransport open(TcpConfig config) throws IOException {
        return TcpTransportProvider.open("tcp", KEY_PATH, config);
    }

    record Datagram(Transport transport, TransportAddr source, byte[] data) {}

    /** Copies every packet into a queue (the transport's array is only lent for the call). */
    static final class QueueSink implements DatagramSink {
        final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();

        @Override
        public void onDatagram(Transport transport, TransportAddr source, byte[] buf, int off, int len) {
            queue.add(new Datagram(transport, source, Arrays.copyOfRange(buf, off, off + len)));
        }

        Datagram take() throws InterruptedException {
            Datagram d = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(d, "no packet within " + WAIT_MS + " ms");
            return d;
        }
    }

    /** An established-phase FMP packet (INTEROP.md 3.2): prefix, 12 header bytes, payload, 16 tag bytes. */
    static byte[] established(int payloadLen, int seed) {
        byte[] b = filler(4 + 12 + payloadLen + 16, seed);
        b[0] = 0x00; // version 0, phase 0
        b[2] = (byte) payloadLen;
        b[3] = (byte) (payloadLen >>> 8);
        return b;
    }

    /** A msg1-shaped packet (INTEROP.md 3.1): 114 bytes, phase 1, payload_len 110. */
    static byte[] msg1(int seed) {
        byte[] b = filler(114, seed);
        b[0] = 0x01;
        b[2] = 110;
        b[3] = 0;
        return b;
    }

    /** A msg2-shaped packet (INTEROP.md 3.1): 69 bytes, phase 2, payload_len 65. */
    static byte[] msg2(int seed) {
        byte[] b = filler(69, seed);
        b[0] = 0x02;
        b[2] = 65;
        b[3] = 0;
        return b;
    }

    static byte[] filler(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting: " + what.get());
            Thread.sleep(5);
        }
    }

    /** Connects {@code from} to {@code to}'s listener and waits for CONNECTED; returns the address used. */
    static TransportAddr connect(TcpTransport from, TcpTransport to) throws InterruptedException {
        TransportAddr addr = from.parseAddress(to.localAddress());
        from.connect(addr);
        await(() -> from.connectionState(addr) == ConnectionState.CONNECTED,
                () -> "connect to " + addr + ": " + from.connectionState(addr) + " " + from.failure(addr));
        return addr;
    }
}
