package fips.launcher.internal.node;

import fips.fmp.link.PeerSpec;
import fips.identity.Identity;
import fips.identity.PublicKey;
import fips.ipv6.dns.DnsResponder;
import fips.ipv6.dns.DnsServer;
import fips.ipv6.dns.HostsReloader;
import fips.launcher.Version;
import fips.launcher.internal.config.DnsConfig;
import fips.launcher.internal.control.ControlServer;
import fips.launcher.internal.control.NodeControl;
import fips.launcher.internal.control.NodeInfo;
import fips.launcher.internal.control.SessionRow;
import fips.launcher.internal.control.SocketPaths;
import fips.launcher.internal.control.TransportInfo;
import fips.fsp.session.SessionSnapshot;
import fips.identity.NodeAddr;
import fips.sys.NativeException;
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
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
    private final TunDriver tun;
    private final DnsServer dns;
    private final ControlServer control;
    private final Log log;
    private boolean started;
    private boolean dnsFailed;

    private Node(Identity identity, List<Transport> transports, List<DatagramRing> rings, List<PeerSpec> peers,
                 ProtocolLoop loop, TunDriver tun, DnsServer dns, ControlServer control, Log log) {
        this.identity = identity;
        this.control = control;
        this.tun = tun;
        this.dns = dns;
        this.log = log;
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
        TunDriver tun = null;
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
            if (cfg.tun().enabled()) {
                try {
                    tun = TunDriver.open(cfg.tun(), identity.fipsAddress(), cfg.node().tunChannel(), wakeup, log);
                } catch (NativeException e) {
                    throw new IOException("tun: cannot set up " + cfg.tun().name() + ": " + e.getMessage(), e);
                }
            }
            ProtocolLoop loop = new ProtocolLoop(identity, cfg.node().mesh(), cfg.node().session(),
                    cfg.node().tickIntervalMs(), opened, rings, tun, specs, rng, log, eventLog, observer, nanoClock,
                    wakeup);
            DnsServer dns = cfg.dns().enabled() ? dnsServer(cfg, identity, loop, log) : null;
            ControlServer control = cfg.control().enabled()
                    ? controlServer(cfg, opened, tun, specs, loop, log) : null;
            return new Node(identity, opened, rings, specs, loop, tun, dns, control, log);
        } catch (ConfigException | IOException | RuntimeException e) {
            closeAll(opened);
            if (tun != null) tun.close();
            throw e;
        }
    }

    /**
     * The control socket (reference/control-socket.md; INTEROP.md 13): each
     * command runs on the protocol thread through {@link ProtocolLoop#submit}.
     */
    private static ControlServer controlServer(FipsConfig cfg, List<Transport> transports, TunDriver tun,
                                               List<PeerSpec> peers, ProtocolLoop loop, Log log) {
        Path path = cfg.control().socketPath() != null
                ? cfg.control().socketPath() : SocketPaths.resolve(null);
        List<TransportInfo> tis = new ArrayList<>();
        Map<String, Transport> byType = new LinkedHashMap<>();
        for (Transport t : transports) {
            tis.add(TransportInfo.of(t));
            byType.putIfAbsent(t.type(), t);
            byType.put(t.name(), t);
        }
        Map<NodeAddr, String> aliases = new LinkedHashMap<>();
        for (PeerSpec p : peers) {
            if (p.alias() != null) aliases.put(p.key().nodeAddr(), p.alias());
        }
        NodeInfo base = NodeInfo.of(Version.VERSION, 0, loop.clockOffsetMs(), path.toString(), tis)
                .withAliases(aliases);
        NodeInfo info = tun == null ? base : base.withTun("up", tun.name(), base.effectiveIpv6Mtu());
        NodeControl handler = new NodeControl(t -> loop.submit(t::run), info,
                () -> sessionRows(loop.sessionSnapshots(), aliases, loop.clockOffsetMs()),
                byType::get, NodeControl.QUERY_TIMEOUT);
        return new ControlServer(path, handler, log);
    }

    private static List<SessionRow> sessionRows(List<SessionSnapshot> snaps, Map<NodeAddr, String> aliases,
                                                long clockOffsetMs) {
        List<SessionRow> rows = new ArrayList<>(snaps.size());
        for (SessionSnapshot s : snaps) {
            String name = aliases.getOrDefault(s.remoteAddr(), s.npub().substring(0, Math.min(16, s.npub().length())));
            rows.add(new SessionRow(s.remoteAddr(), s.npub(), name, s.state(), s.isInitiator(),
                    s.lastActivityMs() + clockOffsetMs, s.packetsSent(), s.packetsReceived(), s.bytesSent(),
                    s.bytesReceived(), s.pathMtuBytes(), s.currentKBit(), s.isDraining()));
        }
        return rows;
    }

    /**
     * The {@code .fips} responder (INTEROP.md 9.6): a key it resolves goes to
     * the identity cache on the protocol thread before the answer leaves, so
     * the application's first packet to that address finds it.
     */
    private static DnsServer dnsServer(FipsConfig cfg, Identity identity, ProtocolLoop loop, Log log) {
        DnsConfig d = cfg.dns();
        Map<String, PublicKey> aliases = new LinkedHashMap<>();
        for (PeerConfig pc : cfg.peers()) {
            if (pc.alias() != null && !pc.alias().isEmpty()) aliases.put(pc.alias(), pc.key());
        }
        HostsReloader hosts = d.hostsFile() == null ? null : new HostsReloader(d.hostsFile(), aliases,
                problem -> log.warn("dns: hosts file " + d.hostsFile() + ": " + problem));
        DnsResponder responder = new DnsResponder(d.ttlSecs());
        return new DnsServer(new InetSocketAddress(d.bindAddr(), d.port()), responder, hosts, identity.fipsAddress(),
                key -> {
                    if (!loop.submit((core, now) -> core.learnIdentity(key))) {
                        log.debug("dns: protocol thread busy; " + key.npub() + " not registered now");
                    }
                });
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

    /** The TUN device's name, or null when the TUN is off. */
    public String tunName() {
        return tun == null ? null : tun.name();
    }

    /** Where the DNS responder listens once started, or null when it is off. */
    public InetSocketAddress dnsAddress() {
        return dns == null || dnsFailed ? null : dns.localAddress();
    }

    /**
     * Starts receiving on every transport, the TUN reader and the DNS
     * responder, then the protocol thread.
     *
     * <p>A DNS responder that cannot bind its address is logged and left off;
     * the node runs without it ({@link #dnsAddress()} is then null).
     */
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
            if (control != null) {
                try {
                    control.start();
                    log.info("control: listening on " + control.socketPath() + " (fipsctl, fipstop)");
                } catch (IOException e) {
                    log.warn("control: " + e.getMessage() + "; the control socket is off (node.control.socket_path)");
                }
            }
            if (dns != null) {
                try {
                    dns.start();
                } catch (IOException e) {
                    // The responder is a convenience beside the mesh (several nodes on one host share
                    // the default port): the node runs without it, and says so once.
                    log.warn("dns: " + e.getMessage() + "; the .fips responder is off (set dns.port or dns.enabled)");
                    dnsFailed = true;
                }
            }
        } catch (RuntimeException e) {
            closeAll(transports);
            if (tun != null) tun.close();
            throw e;
        }
        if (tun != null) {
            tun.start();
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
        if (dns != null) {
            dns.close();
        }
        if (control != null) {
            control.stop();
        }
        loop.requestStop();
        if (!started) {
            closeAll(transports);
            if (tun != null) tun.close();
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
