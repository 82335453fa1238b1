package fips.launcher.internal.node;

import fips.identity.FipsAddress;
import fips.ipv6.adapter.TunSink;
import fips.launcher.internal.config.TunConfig;
import fips.launcher.internal.log.Log;
import fips.sys.Errno;
import fips.sys.NativeException;
import fips.sys.Rtnetlink;
import fips.sys.TunDevice;
import java.util.concurrent.locks.LockSupport;

/**
 * The TUN device's driver (design/fips-ipv6-adapter.md; INTEROP.md 9.2):
 * creates {@code fips0} (or the configured name) through {@code /dev/net/tun},
 * gives it its MTU, this node's FIPS address as a /128, brings it up and
 * routes {@code fd00::/8} into it, all over rtnetlink (fips.sys; no {@code ip}
 * command). A policy rule sends {@code fd00::/8} to the main table at
 * priority {@link #RULE_PRIORITY}, so another tunnel's policy routing cannot
 * capture mesh traffic; it is removed again on {@link #close}.
 *
 * <p>Threads: one reader thread (started by {@link #start}) moves each packet
 * the kernel routes into the device to a {@link DatagramRing} the protocol
 * thread drains; the protocol thread writes packets for the kernel with
 * {@link #writeTun} directly (a TUN write does not block: a full queue is a
 * counted drop). The address, the route and the device disappear with the
 * descriptor when the process ends, however it ends.
 */
final class TunDriver implements TunSink, AutoCloseable {
    /** INTEROP.md 9.2: the ip -6 rule priority the reference installs. */
    static final int RULE_PRIORITY = 5265;
    /** fd00::/8 (INTEROP.md 1.1). */
    static final byte[] MESH_PREFIX = {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final int MESH_PREFIX_LEN = 8;
    /** How long the reader waits in one read before checking for stop (local tuning). */
    static final int READ_TIMEOUT_MS = 500;
    /** How long the reader parks while the ring is full, before looking again (local tuning). */
    static final long RING_WAIT_NS = 20_000;
    /** How long set-up waits for the kernel to make the address usable (local tuning). */
    static final int ADDRESS_WAIT_MS = 3_000;
    /** How long set-up waits for the carrier (IFF_RUNNING) before routing (local tuning). */
    static final int ROUTE_WAIT_MS = 2_000;

    private final TunDevice device;
    private final int mtuBytes;
    private final DatagramRing ring;
    private final Log log;
    private final boolean ruleAdded;
    private final Thread reader;
    private volatile boolean stopping;
    private long writeErrors;
    private long writeShort;
    private volatile long readErrors;
    /** Times the reader found the ring full and waited (read by the protocol thread for the counters). */
    private volatile long ringWaits;

    private TunDriver(TunDevice device, int mtuBytes, DatagramRing ring, boolean ruleAdded, Log log) {
        this.device = device;
        this.mtuBytes = mtuBytes;
        this.ring = ring;
        this.ruleAdded = ruleAdded;
        this.log = log;
        this.reader = new Thread(this::readLoop, "fips-tun-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Creates and configures the device.
     *
     * @param ringSlots packets the ring between the reader and the protocol thread holds
     *     ({@code node.buffers.tun_channel})
     * @throws NativeException naming the step that failed; EPERM means the process lacks CAP_NET_ADMIN
     */
    static TunDriver open(TunConfig cfg, FipsAddress address, int ringSlots, Wakeup wakeup, Log log)
            throws NativeException {
        TunDevice dev = TunDevice.open(cfg.name());
        boolean ruleAdded = false;
        try (Rtnetlink nl = Rtnetlink.open()) {
            int ifindex = nl.linkIndex(dev.name());
            nl.setMtu(ifindex, cfg.mtuBytes());
            nl.addAddress6(ifindex, address.toBytes(), 128);
            nl.setUp(ifindex, true);
            // The kernel installs the address's local route a moment after the ACK; packets written
            // to the device before that are dropped, so wait for it (bounded).
            if (!nl.awaitLocalAddress6(ifindex, address.toBytes(), ADDRESS_WAIT_MS)) {
                log.warn("tun: " + dev.name() + " address " + address + " not usable after " + ADDRESS_WAIT_MS
                        + " ms; continuing");
            }
            addMeshRoute(nl, ifindex, log);
            try {
                nl.addRule6(MESH_PREFIX, MESH_PREFIX_LEN, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
                ruleAdded = true;
            } catch (NativeException e) {
                if (e.errno() != Errno.EEXIST) {
                    log.warn("tun: could not add the fd00::/8 policy rule (priority " + RULE_PRIORITY + "): "
                            + e.getMessage() + "; routing through the main table still works without it");
                }
            }
        } catch (NativeException | RuntimeException e) {
            dev.close();
            throw e;
        }
        DatagramRing ring = new DatagramRing(ringSlots, cfg.mtuBytes(), wakeup);
        return new TunDriver(dev, cfg.mtuBytes(), ring, ruleAdded, log);
    }

    /**
     * Routes fd00::/8 into the device and checks that the route stays. The
     * kernel reports the TUN's carrier through its link-watch a moment after
     * the device comes up, and IPv6 may drop routes added before that event;
     * so wait for IFF_RUNNING, add, verify, and add again if it went.
     */
    private static void addMeshRoute(Rtnetlink nl, int ifindex, Log log) throws NativeException {
        long deadlineNs = System.nanoTime() + ROUTE_WAIT_MS * 1_000_000L;
        while (!nl.link(ifindex).running() && System.nanoTime() - deadlineNs < 0) {
            pause(10);
        }
        Rtnetlink.Route6 want = new Rtnetlink.Route6(MESH_PREFIX, MESH_PREFIX_LEN, ifindex, Rtnetlink.RT_TABLE_MAIN);
        boolean exists = false;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                nl.addRoute6(ifindex, MESH_PREFIX, MESH_PREFIX_LEN);
            } catch (NativeException e) {
                if (e.errno() != Errno.EEXIST) throw e;
                exists = true;
            }
            pause(50);
            if (nl.routes6(Rtnetlink.RT_TABLE_MAIN).contains(want)) {
                return;
            }
        }
        log.warn("tun: fd00::/8 is not routed into this device" + (exists
                ? " (a route to fd00::/8 exists already: another fips node in this network namespace?)" : ""));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String name() {
        return device.name();
    }

    int mtuBytes() {
        return mtuBytes;
    }

    DatagramRing ring() {
        return ring;
    }

    void start() {
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[TunDevice.MAX_PACKET_BYTES];
        while (!stopping) {
            // Backpressure, not loss: while the protocol thread is behind, leave packets in the
            // kernel's queue (the local TCP stack sees it fill and slows down) rather than read
            // them only to drop them at a full ring.
            while (!ring.hasRoom() && !stopping) {
                ringWaits++;
                LockSupport.parkNanos(RING_WAIT_NS);
            }
            int n = device.read(buf, 0, buf.length, READ_TIMEOUT_MS);
            if (n > 0) {
                ring.offer(null, buf, 0, n); // a packet over the slot size (the MTU) is counted by the ring
            } else if (n == TunDevice.CLOSED) {
                return;
            } else if (n < 0) {
                if (readErrors++ == 0) log.warn("tun: read failed: errno " + (-n) + "; counting further failures");
            }
        }
    }

    // ------------------------------------------------------------ TunSink (protocol thread)

    @Override
    public void writeTun(byte[] buf, int off, int len) {
        int n = device.write(buf, off, len);
        if (n < 0) {
            writeErrors++;
        } else if (n != len) {
            writeShort++; // 0: the kernel queue was full (EAGAIN)
        }
    }

    long writeErrors() {
        return writeErrors + writeShort;
    }

    long readErrors() {
        return readErrors;
    }

    long ringWaits() {
        return ringWaits;
    }

    @Override
    public void close() {
        stopping = true;
        device.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ruleAdded) {
            try (Rtnetlink nl = Rtnetlink.open()) {
                nl.deleteRule6(MESH_PREFIX, MESH_PREFIX_LEN, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
            } catch (NativeException | RuntimeException e) {
                log.warn("tun: could not remove the fd00::/8 policy rule: " + e.getMessage());
            }
        }
    }
}
