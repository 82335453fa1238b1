package fips.launcher.internal.node;

import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportProvider;
import fips.link.spi.TransportStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory datagram network for node tests: transports of type
 * {@code mem} bind a name ({@code bind: a}) and send to other names. A send
 * is delivered synchronously on the sender's thread into the receiver's sink,
 * which for a node is its receive ring. That ring has a single producer (a
 * real transport's receive thread), so deliveries to one receiver are
 * serialized on it: several nodes may send to the same one.
 */
final class MemNetwork {
    final Map<String, Mem> bound = new ConcurrentHashMap<>();

    TransportProvider provider() {
        return new TransportProvider() {
            @Override
            public String type() {
                return "mem";
            }

            @Override
            public Transport open(String instanceName, String keyPath, Map<String, Object> settings) throws IOException {
                for (String k : settings.keySet()) {
                    if (!k.equals("bind") && !k.equals("mtu")) {
                        throw new IllegalArgumentException(keyPath + "." + k + ": unknown key");
                    }
                }
                if (!(settings.get("bind") instanceof String bind)) {
                    throw new IllegalArgumentException(keyPath + ".bind: required");
                }
                int mtu = settings.get("mtu") instanceof Integer m ? m : 1280;
                Mem t = new Mem(instanceName, bind, mtu);
                if (bound.putIfAbsent(bind, t) != null) {
                    throw new IOException("mem address " + bind + " is in use");
                }
                return t;
            }
        };
    }

    final class Mem implements Transport {
        final String name;
        final String bind;
        final int mtu;
        final TransportAddr self;
        volatile DatagramSink sink;
        volatile boolean closed;
        volatile boolean blackhole;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();

        Mem(String name, String bind, int mtu) {
            this.name = name;
            this.bind = bind;
            this.mtu = mtu;
            this.self = TransportAddr.of(bind.getBytes(StandardCharsets.UTF_8), bind);
        }

        @Override
        public String type() {
            return "mem";
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
            if (text.isEmpty() || text.contains(" ")) {
                throw new IllegalArgumentException("not a mem address: \"" + text + "\"");
            }
            return TransportAddr.of(text.getBytes(StandardCharsets.UTF_8), text);
        }

        @Override
        public void start(DatagramSink sink) {
            this.sink = sink;
        }

        @Override
        public boolean send(TransportAddr to, byte[] buf, int off, int len) {
            if (closed || blackhole || len > mtu) return false;
            Mem dest = bound.get(to.toString());
            DatagramSink s = dest == null ? null : dest.sink;
            if (s == null || dest.closed) return false;
            sent.incrementAndGet();
            dest.received.incrementAndGet();
            synchronized (dest) { // one producer at a time, and each sees the previous one's writes
                s.onDatagram(dest, self, buf, off, len);
            }
            return true;
        }

        @Override
        public String localAddress() {
            return "mem:" + bind;
        }

        @Override
        public TransportStats stats() {
            return new TransportStats(sent.get(), 0, received.get(), 0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
            closed = true;
            sink = null;
            bound.remove(bind, this);
        }
    }
}
