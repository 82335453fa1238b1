package fips.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test helpers: transports on loopback and a sink that keeps copies. */
final class Loopback {
    static final String KEY_PATH = "transports.udp";

    private Loopback() {}

    static UdpConfig config(String bind, int mtu) {
        return new UdpConfig(UdpAddrs.parseLiteral(bind), mtu, 1 << 20, 1 << 20, false, true);
    }

    static UdpTransportBase open(UdpImpl impl, String bind) throws IOException {
        return open(impl, bind, UdpConfig.DEFAULT_MTU);
    }

    static UdpTransportBase open(UdpImpl impl, String bind, int mtu) throws IOException {
        return UdpTransportProvider.open("udp", KEY_PATH, config(bind, mtu), impl);
    }

    record Datagram(Transport transport, TransportAddr source, byte[] data) {}

    /** Copies every datagram into a queue (the transport's array is only lent for the call). */
    static final class QueueSink implements DatagramSink {
        final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();

        @Override
        public void onDatagram(Transport transport, TransportAddr source, byte[] buf, int off, int len) {
            queue.add(new Datagram(transport, source, Arrays.copyOfRange(buf, off, off + len)));
        }

        Datagram take() throws InterruptedException {
            Datagram d = queue.poll(5, TimeUnit.SECONDS);
            assertNotNull(d, "no datagram within 5 s");
            return d;
        }
    }

    static byte[] payload(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
