package fips.launcher;

import fips.launcher.internal.Args;
import fips.launcher.internal.Args.UsageException;
import fips.launcher.internal.top.Glyphs;
import fips.launcher.internal.top.PosixTty;
import fips.launcher.internal.top.Snapshot;
import fips.launcher.internal.top.TopApp;
import fips.launcher.internal.top.TopSource;
import fips.launcher.internal.top.TopSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code fipstop}: the live dashboard of a running daemon (reference/cli-fipstop.md). Parses the
 * options, makes sure the daemon answers before taking over the terminal, then hands over to
 * {@link TopApp}.
 *
 * <p>Exit status: 0 normal quit; 1 the terminal could not be set up or the daemon could not be reached
 * at start-up (reason on stderr); 2 usage error.
 */
public final class FipsTop {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Bounds of -r: faster than this only loads the daemon; slower is not live any more. */
    static final double MIN_REFRESH_S = 0.1;
    static final double MAX_REFRESH_S = 3600;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    /** The options, once parsed. */
    record Options(Path socket, Path gatewaySocket, long refreshMs) {}

    FipsTop(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] argv) {
        int code = new FipsTop(System.out, System.err, System.getenv()).run(Arrays.asList(argv));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    String usage() {
        return """
                Usage: fipstop [OPTIONS]

                Live dashboard of a running FIPS daemon. Polls the daemon's control socket and
                shows it in tabs: Node, Peers, Transports, Sessions, Tree, Filters, Performance,
                Routing, Graphs and Gateway (the last polls the fips-gateway socket).

                Options:
                  -s, --socket <PATH>          Daemon control socket [default: %s]
                      --gateway-socket <PATH>  fips-gateway control socket [default: %s]
                  -r, --refresh <SECONDS>      Poll interval, fractions allowed (%s to %s) [default: 2]
                  -h, --help                   Print help
                  -V                           Print the short version
                      --version                Print the long version

                Keys: Tab / Shift-Tab switch tabs, Up/Down select or scroll, Enter opens the
                selected row, Esc closes it, Del on a peer disconnects it (after y/n), ? lists
                every key of the current tab, q or Ctrl-C quits.

                Exit status: 0 after q or Ctrl-C; 1 if the daemon cannot be reached at start-up or
                the terminal cannot be set up (the reason is printed); 2 for a usage error. If the
                daemon goes away while fipstop runs, the title bar says Disconnected and fipstop
                retries at every refresh.
                """.formatted(TopSources.defaultDaemonSocket(env), TopSources.defaultGatewaySocket(env), "0.1", "3600");
    }

    int run(List<String> argv) {
        Options o;
        try {
            o = parse(argv);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'fipstop --help' for usage.");
            return USAGE;
        }
        if (o == null) return OK;
        TopSource daemon = TopSources.daemon(o.socket(), o.refreshMs());
        TopSource gateway = TopSources.gateway(o.gatewaySocket(), o.refreshMs());
        // Ask once before touching the terminal: a daemon that is not there is a clear message and exit 1.
        Snapshot.Poll first = TopApp.poll(daemon, gateway, List.of(fips.launcher.internal.top.Query.daemon("show_status")),
                System.currentTimeMillis());
        if (!first.failures().isEmpty()) {
            TopSource.SourceException e = first.failures().values().iterator().next();
            if (e.unreachable()) {
                err.println("fipstop: cannot reach the FIPS daemon: " + e.getMessage());
                err.println("Start the daemon (fips), or point fipstop at its socket with -s PATH.");
                return FAILED;
            }
        }
        String why = PosixTty.unavailableReason();
        if (why != null) {
            err.println("fipstop: cannot start the dashboard: " + why);
            return FAILED;
        }
        TopApp app = new TopApp(new PosixTty(), daemon, gateway, o.refreshMs(), Glyphs.forLocale(env), System::currentTimeMillis);
        app.seed(first);
        try {
            return app.run();
        } catch (IOException | RuntimeException e) {
            err.println("fipstop: " + e.getMessage());
            return FAILED;
        }
    }

    /** The options, or null when --help or a version was printed. */
    Options parse(List<String> argv) throws UsageException {
        Path socket = TopSources.defaultDaemonSocket(env);
        Path gateway = TopSources.defaultGatewaySocket(env);
        long refreshMs = TopApp.DEFAULT_REFRESH_MS;
        Args a = new Args(argv);
        while (!a.isEmpty()) {
            String f = a.next();
            switch (Args.name(f)) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return null;
                }
                case "-V" -> {
                    out.println(Version.shortVersion("fipstop"));
                    return null;
                }
                case "--version" -> {
                    out.println(Version.longVersion("fipstop"));
                    return null;
                }
                case "-s", "--socket" -> socket = path(f, Args.value(f, a));
                case "--gateway-socket" -> gateway = path(f, Args.value(f, a));
                case "-r", "--refresh" -> refreshMs = refresh(Args.value(f, a));
                default -> throw new UsageException(f.startsWith("-") ? "unknown option '" + f + "'" : "unexpected argument '" + f + "'");
            }
        }
        return new Options(socket, gateway, refreshMs);
    }

    private static Path path(String flag, String v) throws UsageException {
        if (v.isEmpty()) throw new UsageException(Args.name(flag) + " needs a non-empty path");
        return Path.of(v);
    }

    private static long refresh(String v) throws UsageException {
        double s;
        try {
            s = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--refresh: '" + v + "' is not a number of seconds");
        }
        if (!(s >= MIN_REFRESH_S && s <= MAX_REFRESH_S)) {
            throw new UsageException("--refresh: " + v + " is out of range (" + MIN_REFRESH_S + " to " + MAX_REFRESH_S + " seconds)");
        }
        return Math.round(s * 1000);
    }
}
