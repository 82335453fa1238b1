package fips.launcher;

import fips.identity.Identity;
import fips.launcher.internal.Args;
import fips.launcher.internal.Args.UsageException;
import fips.launcher.internal.config.ConfigException;
import fips.launcher.internal.config.ConfigMapper;
import fips.launcher.internal.config.ConfigSources;
import fips.launcher.internal.config.FipsConfig;
import fips.launcher.internal.config.IdentityResolver;
import fips.launcher.internal.config.PeerConfig;
import fips.launcher.internal.log.Log;
import fips.launcher.internal.log.SystemLoggerBridge;
import fips.launcher.internal.node.Node;
import fips.link.spi.Transport;
import fips.link.spi.TransportProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code fips}: the daemon (reference/cli-fips.md). This build loads the
 * configuration, resolves the identity, opens the transports and runs the
 * mesh layer ({@code fips.fmp.mesh.MeshCore}): authenticated, encrypted FMP
 * links to the configured peers (handshake, heartbeat, rekey, reconnect), the
 * spanning tree, the bloom-filter exchange, coordinate lookup and
 * SessionDatagram forwarding, logging link and tree events to stderr until
 * SIGINT or SIGTERM. The layers above the mesh (sessions, TUN, DNS, control
 * socket) are not part of it yet.
 *
 * <p>Exit status (reference/cli-fips.md "Exit Codes"): 0 after a clean stop
 * on SIGINT/SIGTERM; 1 when the configuration, the identity or a transport
 * fails, or the node stops on its own; 2 for a usage error.
 */
public final class Fips {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** How long a signal waits for the Disconnects and the transport close. */
    static final long SHUTDOWN_BOUND_MS = 5_000;

    private static final String HELP = """
            Usage: fips [-c FILE]

            The FIPS mesh daemon (FIPS for Java). This build runs the mesh layer (FMP):
            authenticated, encrypted links to the peers in its configuration
            (handshake, heartbeat, rekey, reconnect), the spanning tree, bloom
            filters, coordinate lookup and forwarding for other nodes. It has no
            sessions, TUN adapter, DNS responder or control socket yet; the
            configuration keys of those features are refused.

            Options:
              -c, --config <FILE>  Use FILE as the configuration; skips the search paths
              -h, --help           Print help
              -V                   Print the short version
                  --version        Print the long version

            Without -c these files are read if present and merged, later ones winning:
              /etc/fips/fips.yaml, ~/.config/fips/fips.yaml, ~/.fips.yaml, ./fips.yaml
            With none of them the node starts with an ephemeral identity and UDP on
            0.0.0.0:2121. fips.key/fips.pub live next to the last file read.

            Logs go to stderr. Level: node.log_level, overridden by the FIPS_LOG
            environment variable (error, warn, info, debug). SIGINT or SIGTERM sends
            Disconnect to every peer and exits with status 0.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Supplier<Map<String, TransportProvider>> providers;
    private final Consumer<Thread> shutdownHooks;
    private static final int RUNNING = 0;
    /** main is exiting by itself with its own status; the shutdown hook stands aside. */
    private static final int MAIN_EXITING = 1;
    /** The shutdown hook is stopping the node and sets the exit status; main stands aside. */
    private static final int SIGNALLED = 2;
    private final AtomicInteger phase = new AtomicInteger(RUNNING);

    Fips(PrintStream out, PrintStream err, Map<String, String> env, Supplier<Map<String, TransportProvider>> providers,
         Consumer<Thread> shutdownHooks) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.providers = providers;
        this.shutdownHooks = shutdownHooks;
    }

    public static void main(String[] argv) {
        Fips fips = new Fips(System.out, System.err, System.getenv(), TransportProvider::discover,
                Runtime.getRuntime()::addShutdownHook);
        int code = fips.run(Arrays.asList(argv));
        fips.phase.compareAndSet(RUNNING, MAIN_EXITING); // if the hook won, exit() below waits for its halt
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    int run(List<String> argv) {
        Path configFile = null;
        Args a = new Args(argv);
        try {
            while (!a.isEmpty()) {
                String f = a.next();
                switch (Args.name(f)) {
                    case "-h", "--help" -> {
                        out.print(HELP);
                        return OK;
                    }
                    case "-V" -> {
                        out.println(Version.shortVersion("fips"));
                        return OK;
                    }
                    case "--version" -> {
                        out.println(Version.longVersion("fips"));
                        return OK;
                    }
                    case "-c", "--config" -> {
                        String v = Args.value(f, a);
                        if (v.isEmpty()) throw new UsageException("--config needs a file name");
                        if (configFile != null) throw new UsageException("--config given twice");
                        configFile = Path.of(v);
                    }
                    default -> throw new UsageException(f.startsWith("-") ? "unknown option '" + f + "'"
                            : "unexpected argument '" + f + "' (the configuration file goes after -c)");
                }
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'fips --help' for usage.");
            return USAGE;
        }
        return daemon(configFile);
    }

    private int daemon(Path configFile) {
        ConfigSources.Loaded loaded;
        Map<String, TransportProvider> available;
        FipsConfig cfg;
        try {
            loaded = configFile != null ? ConfigSources.loadExplicit(configFile)
                    : ConfigSources.loadSearchPath(ConfigSources.searchPaths(env, System.getProperty("os.name"),
                    home(), Path.of("").toAbsolutePath()));
        } catch (ConfigException e) {
            return fail(e.getMessage());
        }
        try {
            available = providers.get();
        } catch (RuntimeException e) {
            return fail("transport providers: " + e.getMessage());
        }
        String where = loaded.describe();
        try {
            cfg = ConfigMapper.map(loaded.tree(), available.keySet());
        } catch (ConfigException e) {
            return fail(where + ": " + e.getMessage());
        }
        Log.Level level = cfg.node().logLevel() != null ? cfg.node().logLevel() : Log.Level.INFO;
        String envLevel = env.get("FIPS_LOG");
        if (envLevel != null && !envLevel.isEmpty()) {
            level = Log.Level.parse(envLevel);
            if (level == null) {
                return fail("FIPS_LOG: expected one of error, warn, info, debug, trace, got \"" + envLevel + "\"");
            }
        }
        Log log = new Log(err, level);
        SystemLoggerBridge.install(log);
        log.info(Version.shortVersion("fips") + " starting (" + Version.NAME + ", Java " + Runtime.version() + ")");
        if (loaded.files().isEmpty()) {
            // Product decision: a node with no configuration at all still starts (reference/configuration.md,
            // "a node can run with no configuration file at all"), although the reference implementation
            // refuses to start without a transport (INTEROP.md 15 D11).
            log.info("no configuration file found; running on built-in defaults (ephemeral identity, UDP)");
        } else {
            log.info("configuration: " + loaded.files().stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        if (cfg.transportsDefaulted()) {
            log.info("no transports section; using UDP with its defaults (as transports: { udp: {} })");
        }

        IdentityResolver.Resolved id;
        try {
            id = IdentityResolver.resolve(cfg.identity(), loaded.keyDir(), new SecureRandom());
        } catch (ConfigException e) {
            return fail(where + ": " + e.getMessage());
        }
        for (String w : id.warnings()) log.warn(w);
        for (String w : cfg.warnings()) log.warn(where + ": " + w);
        Identity identity = id.identity();
        log.info("identity: npub=" + identity.npub() + " address=" + identity.fipsAddress()
                + " node_addr=" + identity.nodeAddr() + "; " + id.description());

        Node node;
        try {
            node = Node.assemble(cfg, identity, available, log, new SecureRandom(), null, System::nanoTime);
        } catch (ConfigException e) {
            return fail(where + ": " + e.getMessage());
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        for (Transport t : node.transports()) {
            log.info("transport up: name=" + t.name() + " local=" + t.localAddress() + " mtu=" + t.mtu()
                    + (t.acceptsInbound() ? "" : " inbound=refused"));
        }
        for (int i = 0; i < cfg.peers().size(); i++) {
            PeerConfig p = cfg.peers().get(i);
            // The addresses as the transports parsed them (canonical, as "link up" prints them), not as typed.
            String addrs = node.peers().get(i).addresses().stream()
                    .map(x -> x.transport().name() + ":" + x.addr()).collect(Collectors.joining(","));
            log.info("peer: name=" + p.displayName() + " npub=" + p.key().npub() + " addresses=[" + addrs + "]"
                    + " connect_policy=" + p.connectPolicy().configName() + " auto_reconnect=" + p.autoReconnect());
        }
        try {
            node.start();
        } catch (RuntimeException e) {
            return fail("cannot start the node: " + e.getMessage());
        }
        if (node.tunName() != null) {
            log.info("tun: " + node.tunName() + " up, address " + identity.fipsAddress() + "/128, mtu "
                    + cfg.tun().mtuBytes() + ", route fd00::/8");
        }
        if (node.dnsAddress() != null) {
            log.info("dns: answering <npub>.fips on " + hostText(node.dnsAddress().getAddress()) + " port "
                    + node.dnsAddress().getPort() + " (udp)");
        }
        shutdownHooks.accept(new Thread(() -> onSignal(node, log), "fips-shutdown"));
        log.info("running: " + node.transports().size() + " transport(s), " + cfg.peers().size()
                + " configured peer(s); stop with SIGINT or SIGTERM");
        try {
            node.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (phase.get() == SIGNALLED) {
            return OK; // the shutdown hook finishes the stop and sets the exit status
        }
        Throwable f = node.failure();
        log.error("node stopped on its own" + (f != null ? ": " + f : ""));
        return FAILED;
    }

    /**
     * The shutdown hook: hands the stop to the protocol thread and waits for it
     * with a bound. After a clean stop it halts with status 0, as
     * reference/cli-fips.md "Exit Codes" asks; the JVM would otherwise exit
     * with 128 + the signal number once the hooks return. This avoids the
     * unsupported sun.misc.Signal API (module jdk.unsupported).
     */
    private void onSignal(Node node, Log log) {
        if (!phase.compareAndSet(RUNNING, SIGNALLED)) {
            return; // main is exiting by itself with its own status
        }
        log.info("signal received; stopping");
        boolean clean;
        try {
            clean = node.stop(SHUTDOWN_BOUND_MS);
        } catch (InterruptedException e) {
            clean = false;
        }
        if (clean && node.failure() == null) {
            log.info("shutdown complete");
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(OK);
        }
        log.error("shutdown did not complete within " + SHUTDOWN_BOUND_MS + " ms; exiting anyway");
    }

    private int fail(String message) {
        err.println("error: " + message);
        err.flush();
        return FAILED;
    }

    private static Path home() {
        String h = System.getProperty("user.home");
        return h == null || h.isEmpty() || h.equals("?") ? null : Path.of(h);
    }

    /** An address as operators write it: {@code ::1} and {@code ::} rather than the JDK's uncompressed forms. */
    static String hostText(java.net.InetAddress a) {
        if (a instanceof java.net.Inet6Address) {
            if (a.isLoopbackAddress()) return "::1";
            if (a.isAnyLocalAddress()) return "::";
        }
        return a.getHostAddress();
    }

}
