package fips.bench;

import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportProvider;
import fips.link.spi.TransportStats;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * UDP transport on loopback, end to end: one sender thread (the benchmark
 * thread) calls {@code Transport.send} with {@code size}-byte packets to a
 * second transport whose own receive thread delivers each datagram to a sink
 * that counts it. Both transports are opened through the
 * {@code TransportProvider} service with {@code fips.udp.impl} set to
 * {@code impl}, so the receive and send paths measured are the ones a node
 * runs.
 *
 * <p>Score = packets per second delivered. The sender keeps at most
 * {@link #WINDOW} packets between send and delivery, so the receive queue
 * never overflows and sends equal deliveries; if nothing is delivered for
 * {@link #LOSS_TIMEOUT_NS} (a drop, or a stalled receive thread on a busy
 * machine) the sender counts what is outstanding as lost, resynchronises and
 * reports the count at tear-down. With {@code -prof gc}, JMH's
 * {@code gc.alloc.rate.norm} counts every thread of the fork (it reads the
 * JVM-wide allocation total), so it includes the receive thread; tear-down
 * also prints, for the last measurement iteration, each thread's own
 * allocation and CPU time per datagram (the sender's CPU time includes
 * spinning on a full window). CPU time per datagram
 * is steadier than packets/s when other processes share the cores.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar UdpBench -prof gc};
 * results and the default implementation are in benchmarks/README.md.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UdpBench extends BenchDefaults {
    /** Packets allowed between send and delivery; well below a 2 MiB receive buffer's worth. */
    static final int WINDOW = 256;
    static final long LOSS_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @Param({"ffm", "jdk"})
    public String impl;

    @Param({"1280"})
    public int size;

    private Transport receiver;
    private Transport sender;
    private TransportAddr to;
    private byte[] packet;
    private final AtomicLong delivered = new AtomicLong();
    private long sent;
    private long lost;
    private long refused;
    private Thread receiveThread;
    private long rxAllocStart;
    private long deliveredStart;
    private double rxAllocPerDatagram = Double.NaN;
    private long rxCpuStart;
    private long txCpuStart;
    private long txAllocStart;
    private double txAllocPerDatagram = Double.NaN;
    private Thread senderThread;
    private double rxCpuNsPerDatagram = Double.NaN;
    private double txCpuNsPerDatagram = Double.NaN;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String old = System.getProperty("fips.udp.impl");
        System.setProperty("fips.udp.impl", impl);
        try {
            TransportProvider udp = TransportProvider.discover().get("udp");
            if (udp == null) {
                throw new IllegalStateException("no udp TransportProvider on the class path");
            }
            Map<String, Object> cfg = Map.of("bind_addr", "127.0.0.1:0", "mtu", Math.max(size, 576));
            receiver = udp.open("udp.rx", "bench.rx", cfg);
            sender = udp.open("udp.tx", "bench.tx", cfg);
        } finally {
            if (old == null) {
                System.clearProperty("fips.udp.impl");
            } else {
                System.setProperty("fips.udp.impl", old);
            }
        }
        AtomicLong counter = delivered;
        DatagramSink sink = (transport, source, buf, off, len) -> counter.setRelease(counter.getPlain() + 1);
        receiver.start(sink);
        to = sender.parseAddress(receiver.localAddress());
        packet = new byte[size];
        packet[0] = 0x00; // looks like an FMP established frame; content is irrelevant here
        receiveThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fips-udp-rx-udp.rx")).findFirst().orElse(null);
    }

    @Setup(Level.Iteration)
    public void iterationStart() {
        senderThread = Thread.currentThread(); // JMH runs iteration set-up on the benchmark thread
        rxAllocStart = threadAllocatedBytes(receiveThread);
        rxCpuStart = threadCpuNs(receiveThread);
        txCpuStart = threadCpuNs(senderThread);
        txAllocStart = threadAllocatedBytes(senderThread);
        deliveredStart = delivered.get();
    }

    /** Keeps the last iteration's figure: a measurement iteration, after warm-up. */
    @TearDown(Level.Iteration)
    public void iterationEnd() {
        long n = delivered.get() - deliveredStart;
        rxAllocPerDatagram = n == 0 ? Double.NaN : (double) (threadAllocatedBytes(receiveThread) - rxAllocStart) / n;
        rxCpuNsPerDatagram = n == 0 ? Double.NaN : (double) (threadCpuNs(receiveThread) - rxCpuStart) / n;
        txCpuNsPerDatagram = n == 0 ? Double.NaN : (double) (threadCpuNs(senderThread) - txCpuStart) / n;
        txAllocPerDatagram = n == 0 ? Double.NaN : (double) (threadAllocatedBytes(senderThread) - txAllocStart) / n;
    }

    private static long threadCpuNs(Thread t) {
        return t == null ? -1 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
    }

    private static long threadAllocatedBytes(Thread t) {
        if (t != null && ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) {
            return mx.getThreadAllocatedBytes(t.threadId());
        }
        return -1;
    }

    @Benchmark
    public boolean sendAndDeliver() {
        long wait = sent - WINDOW;
        if (delivered.getAcquire() <= wait) {
            awaitWindow(wait);
        }
        if (sender.send(to, packet, 0, size)) {
            sent++;
            return true;
        }
        refused++;
        return false;
    }

    private void awaitWindow(long wait) {
        long start = System.nanoTime();
        int spins = 0;
        while (delivered.getAcquire() <= wait) {
            Thread.onSpinWait();
            if (++spins % 1024 == 0 && System.nanoTime() - start > LOSS_TIMEOUT_NS) {
                long d = delivered.getAcquire();
                lost += sent - d;
                sent = d;
                return;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TransportStats rs = receiver.stats();
        TransportStats ss = sender.stats();
        System.out.printf("%nUdpBench impl=%s: delivered=%d assumedLost=%d refused=%d; last iteration: receive thread"
                + " %.3f B/datagram allocated, %.0f ns/datagram CPU; sender thread %.3f B/datagram allocated,"
                + " %.0f ns/datagram CPU (spinning included); sender %s; receiver %s%n", impl, delivered.get(), lost,
                refused, rxAllocPerDatagram, rxCpuNsPerDatagram, txAllocPerDatagram, txCpuNsPerDatagram, ss, rs);
        sender.close();
        receiver.close();
    }
}
