package fips.launcher.internal.node;

import fips.fmp.link.PeerSpec;
import fips.identity.Identity;
import fips.launcher.internal.config.ConfigException;
import fips.launcher.internal.config.FipsConfig;
import fips.launcher.internal.config.PeerConfig;
import fips.launcher.internal.config.TransportConfig;
import fips.launcher.internal.log.Log;
import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A running node of this build: its transports, one receive ring per
 * transport, and the protocol thread that owns the mesh core
 * ({@link fips.fmp.mesh.MeshCore}).
 *
 * <p>Life cycle: {@link #assemble} opens every transport (a bad setting or a
 * busy port fails here, before anything runs) and resolves the peers'
 * addresses; {@link #start} starts the transports' receive threads and the
 * protocol thread; {@link #stop} hands the stop to the protocol thread, which
 * disconnects every peer and closes the transports, and waits for it with a
 * bound.
 */
public final class Node {
    /** Bytes a receive slot holds beyond the transport MTU (INTEROP.md 12, UDP: "own MTU + 100 bytes"). */
    static final int SLOT_HEADROOM_BYTES = 100;

    private final Identity identity;
    private final List<Transport> transports;
    private final List<DatagramRing> rings;
    private final List<PeerSpec> peers;
    private final ProtocolLoop loop;
    private final Thread thread;
    private boolean started;

    private Node(Identity identity, List<Transport> transports, List<DatagramRing> rings, List<PeerSpec> peers,
                 ProtocolLoop loop) {
        this.identity = identity;
        this.transports = List.copyOf(transports);
        this.rings = List.copyOf(rings);
        this.peers = List.copyOf(peers);
        this.loop = loop;
        this.thread = new Thread(loop, "fips-protocol");
    }

    /**
     * Opens the transports of {@code cfg} through {@code providers} and
     * resolves the peers' addresses. Nothing runs until {@link #start}.
     *
     * @param observer sees the mesh events on the protocol thread after they are logged (tests), or null
     * @throws ConfigException a setting a provider refused, an address a transport cannot parse,
     *     a peer that is this node itself (naming the key path)
     * @throws IOException a transport could not open its medium
     */
    public static Node assemble(FipsConfig cfg, Identity identity, Map<String, TransportProvider> providers, Log log,
                                Random rng, MeshObserver observer, LongSupplier nanoClock)
            throws ConfigException, IOException {
        List<Transport> opened = new ArrayList<>();
        try {
            Map<String, Transport> byName = new LinkedHashMap<>();
            for (TransportConfig tc : cfg.transports()) {
                TransportProvider p = providers.get(tc.type());
                if (p == null) {
                    throw new ConfigException(tc.keyPath() + ": not supported yet by this build");
                }
                Transport t;
                try {
                    t = p.open(tc.name(), tc.keyPath(), tc.settings());
                } catch (IllegalArgumentException e) {
                    // fips.link.spi.TransportProvider#open: the message names keyPath.key and the value.
                    throw new ConfigException(e.getMessage(), e);
                } catch (IOException e) {
                    String m = String.valueOf(e.getMessage());
                    throw new IOException(m.startsWith(tc.keyPath()) ? m : tc.keyPath() + ": " + m, e);
                }
                opened.add(t);
                byName.put(tc.name(), t);
            }
            MeshEventLog eventLog = new MeshEventLog(log);
            List<PeerSpec> specs = new ArrayList<>();
            for (PeerConfig pc : cfg.peers()) {
                if (pc.key().nodeAddr().equals(identity.nodeAddr())) {
                    throw new ConfigException(pc.path() + ".npub: is this node's own identity");
                }
                List<PeerSpec.Address> addrs = new ArrayList<>();
                for (PeerConfig.Address a : pc.addresses()) {
                    Transport t = byName.get(a.transport());
                    TransportAddr ta;
                    try {
                        ta = t.parseAddress(a.addr());
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(a.path() + ".addr: " + e.getMessage(), e);
                    }
                    addrs.add(new PeerSpec.Address(t, ta));
                }
                specs.add(new PeerSpec(pc.key(), pc.alias(), addrs,
                        pc.connectPolicy() == PeerConfig.ConnectPolicy.AUTO_CONNECT, pc.autoReconnect()));
                eventLog.register(pc.key(), pc.alias());
            }
            Wakeup wakeup = new Wakeup();
            List<DatagramRing> rings = new ArrayList<>();
            for (Transport t : opened) {
                rings.add(new DatagramRing(cfg.node().packetChannel(), t.mtu() + SLOT_HEADROOM_BYTES, wakeup));
            }
            ProtocolLoop loop = new ProtocolLoop(identity, cfg.node().mesh(), cfg.node().tickIntervalMs(), opened, rings,
                    specs, rng, log, eventLog, observer, nanoClock, wakeup);
            return new Node(identity, opened, rings, specs, loop);
        } catch (ConfigException | IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static void closeAll(List<Transport> ts) {
        for (Transport t : ts) {
            try {
                t.close();
            } catch (RuntimeException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    public Identity identity() {
        return identity;
    }

    public List<Transport> transports() {
        return transports;
    }

    public List<PeerSpec> peers() {
        return peers;
    }

    List<DatagramRing> rings() {
        return rings;
    }

    /** Starts receiving on every transport, then the protocol thread. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("node already started");
        started = true;
        try {
            for (int i = 0; i < transports.size(); i++) {
                DatagramRing ring = rings.get(i);
                // One sink per transport, made once: the receive path allocates nothing.
                DatagramSink sink = (t, from, buf, off, len) -> ring.offer(from, buf, off, len);
                transports.get(i).start(sink);
            }
        } catch (RuntimeException e) {
            closeAll(transports);
            throw e;
        }
        thread.start();
    }

    /**
     * Stops the node: Disconnect to every peer, transports closed. Safe to call
     * from any thread, more than once.
     *
     * @return true if the protocol thread finished within {@code timeoutMs}
     */
    public boolean stop(long timeoutMs) throws InterruptedException {
        loop.requestStop();
        if (!started) {
            closeAll(transports);
            return true;
        }
        return loop.awaitDone(timeoutMs);
    }

    /**
     * Runs {@code task} on the protocol thread at the start of its next turn,
     * with the core and that turn's time (tests; later the control socket).
     *
     * @return false if the task queue is full or the node is stopping
     */
    boolean submit(ProtocolLoop.MeshTask task) {
        return loop.submit(task);
    }

    /** Waits until the protocol thread ends (after {@link #stop}, or on a failure). */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Why the protocol thread ended on its own, or null. */
    public Throwable failure() {
        return loop.failure();
    }
}
