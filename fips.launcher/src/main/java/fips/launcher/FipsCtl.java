package fips.launcher;

import fips.identity.Identity;
import fips.identity.KeyFiles;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.launcher.internal.Args;
import fips.launcher.internal.Args.UsageException;
import fips.launcher.internal.control.ControlClient;
import fips.launcher.internal.vectors.Report;
import fips.launcher.internal.vectors.VectorChecker;
import fips.json.JNode;
import fips.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fipsctl}: the operator's command (reference/cli-fipsctl.md). The
 * daemon subcommands ({@code show}, {@code acl}, {@code stats},
 * {@code connect}, {@code disconnect}) send one control-socket request each
 * (reference/control-socket.md) and print the reply's {@code data} as pretty
 * JSON; {@code keygen} and the conformance kit {@code vectors check} are local.
 *
 * <p>Exit status (reference/cli-fipsctl.md "Exit Codes"): 0 success; 1 for a
 * bad argument, a daemon that cannot be reached (not running, permission
 * denied, timeout), an error reply, or a local failure. The reason is one
 * line on stderr, starting {@code error: }.
 */
public final class FipsCtl {
    static final int OK = 0;
    static final int FAILED = 1;
    /** reference/cli-fipsctl.md "Exit Codes": argument errors exit 1 like every other failure. */
    static final int USAGE = 1;

    /** reference/cli-fipsctl.md "keygen": the default directory on Linux. */
    static final Path DEFAULT_KEY_DIR = Path.of("/etc/fips");
    /** reference/configuration.md "Host aliases": the hosts file peer arguments resolve through. */
    static final Path DEFAULT_HOSTS_FILE = Path.of("/etc/fips/hosts");
    /** The whole request's bound: above the daemon's own 5 s query timeout, so its error reply arrives first. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** reference/cli-fipsctl.md "connect": the transports a peer may be dialled over. */
    static final List<String> CONNECT_TRANSPORTS = List.of("udp", "tcp", "tor", "nym", "ethernet");

    /** {@code show <what>} → control-socket command (reference/cli-fipsctl.md "show"). */
    static final Map<String, String> SHOW = orderedMap(
            "status", "show_status",
            "peers", "show_peers",
            "links", "show_links",
            "tree", "show_tree",
            "sessions", "show_sessions",
            "bloom", "show_bloom",
            "mmp", "show_mmp",
            "cache", "show_cache",
            "connections", "show_connections",
            "transports", "show_transports",
            "routing", "show_routing",
            "identity-cache", "show_identity_cache",
            "native-flows", "show_native_flows");

    /** {@code stats <what>} without arguments → control-socket command. */
    static final Map<String, String> STATS = orderedMap(
            "list", "show_stats_list",
            "metrics", "show_metrics",
            "peers", "show_stats_peers");

    private static final String USAGE_TEXT = """
            Usage: fipsctl [OPTIONS] <COMMAND>

            Commands (daemon; each sends one control-socket request and prints the reply's data as JSON):
              show <WHAT>      Query node state: status, peers, links, tree, sessions, bloom, cache,
                               connections, transports, routing, identity-cache (also mmp, native-flows,
                               which this build's daemon does not answer yet)
              connect <PEER> <ADDRESS> <TRANSPORT>
                               Dial a peer now over a running transport (not saved to the config)
              disconnect <PEER>
                               Drop the link to a peer
              acl show         Peer ACL state (not answered by this build's daemon yet)
              stats <WHAT>     list, metrics, peers, history <METRIC> (not answered by this build's daemon yet)

            Commands (local):
              keygen           Generate a new node identity (fips.key and fips.pub)
              vectors check    Check conformance vectors against this implementation

            Options:
              -s, --socket <PATH>  Control socket [default: /run/fips/control.sock if /run/fips exists,
                                   else $XDG_RUNTIME_DIR/fips/control.sock, else /tmp/fips-control.sock]
              -h, --help           Print help (per command: fipsctl <command> --help)
              -V                   Print the short version
                  --version        Print the long version

            Exit status: 0 on success; 1 on a bad argument, when the daemon cannot be reached
            (not running, permission denied, no reply within 10 s), on an error reply, or when a
            local command fails. The reason goes to stderr as one line.
            """;

    private static final String SHOW_HELP = """
            Usage: fipsctl [-s SOCKET] show <WHAT>

            Sends the control-socket query for WHAT and prints the reply's data as pretty JSON.

              status          show_status          node identity, counts, TUN state
              peers           show_peers           authenticated peers and their links
              links           show_links           active links and byte counters
              tree            show_tree            spanning tree: root, coordinates, parent, peers
              sessions        show_sessions        end-to-end sessions
              bloom           show_bloom           bloom-filter state per peer
              mmp             show_mmp             MMP metrics (not answered by this build's daemon yet)
              cache           show_cache           coordinate cache
              connections     show_connections     handshakes in progress
              transports      show_transports      transports and their counters
              routing         show_routing         forwarding, discovery and error-signal counters
              identity-cache  show_identity_cache  cached node_addr -> npub entries
              native-flows    show_native_flows    native datagram API (not answered by this build's daemon yet)
            """;

    private static final String CONNECT_HELP = """
            Usage: fipsctl [-s SOCKET] connect <PEER> <ADDRESS> <TRANSPORT>

            Asks the daemon to dial PEER at ADDRESS over TRANSPORT now. The peer is not
            written to the configuration and is not redialled if the attempt fails.

            Arguments:
              <PEER>       npub1..., or a hostname from /etc/fips/hosts
              <ADDRESS>    transport endpoint, e.g. 192.168.1.10:2121 or [2001:db8::1]:2121
                           (a FIPS mesh address, fd00::/8, is refused for udp, tcp and ethernet)
              <TRANSPORT>  udp, tcp, tor, nym or ethernet; it must be configured and running
            """;

    private static final String DISCONNECT_HELP = """
            Usage: fipsctl [-s SOCKET] disconnect <PEER>

            Asks the daemon to send Disconnect to PEER and drop its link.

            Arguments:
              <PEER>  npub1..., or a hostname from /etc/fips/hosts
            """;

    private static final String STATS_HELP = """
            Usage: fipsctl [-s SOCKET] stats <WHAT>

              list                       show_stats_list         metrics and ring retention
              metrics                    show_metrics            counter families
              peers                      show_stats_peers        peers tracked in history
              history <METRIC> [--peer <PEER>] [--window <N>s|<N>m|<N>h] [--granularity 1s|1m]
                                         show_stats_history      one metric's time series

            This build's daemon does not answer these yet (it replies "unknown command").
            """;

    private static final String KEYGEN_HELP = """
            Usage: fipsctl keygen [OPTIONS]

            Generate a new FIPS identity keypair locally (does not contact the daemon).
            fips.key gets mode 0600 and holds the nsec; fips.pub gets mode 0644 and holds the npub.

            Options:
              -d, --dir <DIR>  Output directory [default: /etc/fips]
              -f, --force      Overwrite an existing fips.key
              -s, --stdout     Print the nsec, then the npub, to stdout instead of writing files
              -h, --help       Print help

            After keygen, set node.identity.persistent: true in fips.yaml, or the
            daemon replaces the key with a fresh one at its next start.
            """;

    private static final String VECTORS_HELP = """
            Usage: fipsctl vectors check <DIR>

            Reads every *.json file in DIR (the schema of the FIPS spec's vectors/
            directory: identity, schnorr, noise_ik, noise_xk, frames, bloom, fsp,
            ipv6_compress) and checks each vector against this implementation.

            Prints one line per file, "NAME: N passed, M failed, K skipped" (skipped:
            vector kinds whose protocol layer this build does not have), then one
            line per failed vector naming it and its first differing field.
            Exit status 0 only if nothing failed.

            Options:
              -v, --verbose    Also list every skipped vector and why
              -h, --help       Print help
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Path hostsFile;
    private final Duration timeout;
    /** -s/--socket, or null for the default. */
    private Path socket;

    FipsCtl(PrintStream out, PrintStream err) {
        this(out, err, DEFAULT_HOSTS_FILE, DEFAULT_TIMEOUT);
    }

    FipsCtl(PrintStream out, PrintStream err, Path hostsFile, Duration timeout) {
        this.out = out;
        this.err = err;
        this.hostsFile = hostsFile;
        this.timeout = timeout;
    }

    public static void main(String[] argv) {
        int code = new FipsCtl(System.out, System.err).run(Arrays.asList(argv));
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv) {
        Args a = new Args(argv);
        try {
            while (!a.isEmpty() && a.peek().startsWith("-")) {
                String f = a.next();
                switch (Args.name(f)) {
                    case "-h", "--help" -> {
                        out.print(USAGE_TEXT);
                        return OK;
                    }
                    case "-V" -> {
                        out.println(Version.shortVersion("fipsctl"));
                        return OK;
                    }
                    case "--version" -> {
                        out.println(Version.longVersion("fipsctl"));
                        return OK;
                    }
                    case "-s", "--socket" -> {
                        String v = Args.value(f, a);
                        if (v.isBlank()) throw new UsageException("--socket needs a non-empty path");
                        socket = Path.of(v);
                    }
                    default -> throw new UsageException("unknown option '" + f + "'");
                }
            }
            if (a.isEmpty()) {
                err.print(USAGE_TEXT);
                return USAGE;
            }
            String cmd = a.next();
            return switch (cmd) {
                case "show" -> show(a);
                case "connect" -> connect(a);
                case "disconnect" -> disconnect(a);
                case "acl" -> acl(a);
                case "stats" -> stats(a);
                case "keygen" -> keygen(a);
                case "vectors" -> vectors(a);
                default -> throw new UsageException("unknown command '" + cmd
                        + "' (commands: show, connect, disconnect, acl, stats, keygen, vectors)");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'fipsctl --help' for usage.");
            return USAGE;
        }
    }

    // ---------------------------------------------------------------- daemon commands

    private int show(Args a) throws UsageException {
        if (a.isEmpty()) throw new UsageException("show: expected what to show (" + String.join(", ", SHOW.keySet()) + ")");
        String what = a.next();
        if (what.equals("-h") || what.equals("--help")) {
            out.print(SHOW_HELP);
            return OK;
        }
        String command = SHOW.get(what);
        if (command == null) {
            throw new UsageException("show: unknown '" + what + "' (one of: " + String.join(", ", SHOW.keySet()) + ")");
        }
        if (noMoreArgs(a, "show " + what, SHOW_HELP)) return OK;
        return request(command, null);
    }

    private int connect(Args a) throws UsageException {
        List<String> pos = positionals(a, "connect");
        if (pos == null) {
            out.print(CONNECT_HELP);
            return OK;
        }
        if (pos.size() != 3) {
            throw new UsageException("connect: expected <PEER> <ADDRESS> <TRANSPORT>, got " + pos.size() + " argument(s)");
        }
        String npub = resolvePeer(pos.get(0));
        String address = pos.get(1);
        if (address.isBlank()) throw new UsageException("connect: <ADDRESS> is empty");
        String transport = pos.get(2);
        if (!CONNECT_TRANSPORTS.contains(transport)) {
            throw new UsageException("connect: unknown transport '" + transport + "' (one of: "
                    + String.join(", ", CONNECT_TRANSPORTS) + ")");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("npub", npub);
        p.put("address", address);
        p.put("transport", transport);
        return request("connect", JNode.of(p, "params"));
    }

    private int disconnect(Args a) throws UsageException {
        List<String> pos = positionals(a, "disconnect");
        if (pos == null) {
            out.print(DISCONNECT_HELP);
            return OK;
        }
        if (pos.size() != 1) {
            throw new UsageException("disconnect: expected <PEER>, got " + pos.size() + " argument(s)");
        }
        return request("disconnect", JNode.of(Map.of("npub", resolvePeer(pos.get(0))), "params"));
    }

    private int acl(Args a) throws UsageException {
        if (a.isEmpty()) throw new UsageException("acl: expected 'show'");
        String what = a.next();
        if (what.equals("-h") || what.equals("--help")) {
            out.println("Usage: fipsctl [-s SOCKET] acl show   (show_acl; not answered by this build's daemon yet)");
            return OK;
        }
        if (!what.equals("show")) throw new UsageException("acl: unknown '" + what + "' (expected 'show')");
        if (noMoreArgs(a, "acl show", "Usage: fipsctl [-s SOCKET] acl show\n")) return OK;
        return request("show_acl", null);
    }

    private int stats(Args a) throws UsageException {
        if (a.isEmpty()) throw new UsageException("stats: expected list, metrics, peers or history");
        String what = a.next();
        if (what.equals("-h") || what.equals("--help")) {
            out.print(STATS_HELP);
            return OK;
        }
        if (STATS.containsKey(what)) {
            if (noMoreArgs(a, "stats " + what, STATS_HELP)) return OK;
            return request(STATS.get(what), null);
        }
        if (!what.equals("history")) {
            throw new UsageException("stats: unknown '" + what + "' (one of: list, metrics, peers, history)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        while (!a.isEmpty()) {
            String f = a.next();
            switch (Args.name(f)) {
                case "-h", "--help" -> {
                    out.print(STATS_HELP);
                    return OK;
                }
                case "--peer" -> p.put("peer", resolvePeer(Args.value(f, a)));
                case "--window" -> {
                    String w = Args.value(f, a);
                    if (!w.matches("[1-9][0-9]*[smh]")) {
                        throw new UsageException("stats history: --window must be <N>s, <N>m or <N>h, got '" + w + "'");
                    }
                    p.put("window", w);
                }
                case "--granularity" -> {
                    String g = Args.value(f, a);
                    if (!g.equals("1s") && !g.equals("1m")) {
                        throw new UsageException("stats history: --granularity must be 1s or 1m, got '" + g + "'");
                    }
                    p.put("granularity", g);
                }
                default -> {
                    if (f.startsWith("-")) throw new UsageException("stats history: unknown option '" + f + "'");
                    if (p.containsKey("metric")) {
                        throw new UsageException("stats history: one metric, got '" + p.get("metric") + "' and '" + f + "'");
                    }
                    p.put("metric", f);
                }
            }
        }
        if (!p.containsKey("metric")) throw new UsageException("stats history: missing <METRIC>");
        return request("show_stats_history", JNode.of(p, "params"));
    }

    /** Positional arguments; null if --help was among them. */
    private static List<String> positionals(Args a, String cmd) throws UsageException {
        List<String> pos = new ArrayList<>();
        boolean flags = true;
        while (!a.isEmpty()) {
            String f = a.next();
            if (flags && f.equals("--")) {
                flags = false;
            } else if (flags && (f.equals("-h") || f.equals("--help"))) {
                return null;
            } else if (flags && f.startsWith("-") && f.length() > 1) {
                throw new UsageException(cmd + ": unknown option '" + f + "'");
            } else {
                pos.add(f);
            }
        }
        return pos;
    }

    /** True if the only thing left is --help (printed); an error for anything else left. */
    private boolean noMoreArgs(Args a, String cmd, String help) throws UsageException {
        if (a.isEmpty()) return false;
        String f = a.next();
        if ((f.equals("-h") || f.equals("--help")) && a.isEmpty()) {
            out.print(help);
            return true;
        }
        throw new UsageException(cmd + ": unexpected argument '" + f + "'");
    }

    /**
     * A peer argument as an npub: an npub is checked and kept; anything else
     * is looked up, case-insensitively, in the hosts file ({@code hostname npub}
     * per line, {@code #} comments; reference/configuration.md "Host aliases").
     */
    String resolvePeer(String arg) throws UsageException {
        if (arg.startsWith("npub1")) {
            try {
                PublicKey.fromNpub(arg);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid npub '" + arg + "': " + e.getMessage());
            }
            return arg;
        }
        if (Files.isReadable(hostsFile)) {
            try {
                for (String line : Files.readAllLines(hostsFile)) {
                    int hash = line.indexOf('#');
                    String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                    if (f.length >= 2 && f[0].equalsIgnoreCase(arg)) return f[1];
                }
            } catch (IOException e) {
                throw new UsageException("cannot read " + hostsFile + " to resolve '" + arg + "': " + e.getMessage());
            }
        }
        throw new UsageException("unknown peer '" + arg + "': not an npub and not a hostname in " + hostsFile);
    }

    /** One control request; the data as pretty JSON on stdout, or one error line on stderr. */
    private int request(String command, JNode params) {
        Path path = socket != null ? socket : ControlClient.defaultSocketPath();
        try {
            JNode data = new ControlClient(path, timeout).request(command, params);
            out.println(Json.pretty(data.raw()));
            return OK;
        } catch (ControlClient.ControlException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- local commands

    private int keygen(Args a) throws UsageException {
        Path dir = DEFAULT_KEY_DIR;
        boolean force = false;
        boolean stdout = false;
        while (!a.isEmpty()) {
            String f = a.next();
            switch (Args.name(f)) {
                case "-h", "--help" -> {
                    out.print(KEYGEN_HELP);
                    return OK;
                }
                case "-d", "--dir" -> {
                    String v = Args.value(f, a);
                    if (v.isEmpty()) throw new UsageException("--dir needs a non-empty path");
                    dir = Path.of(v);
                }
                case "-f", "--force" -> force = true;
                case "-s", "--stdout" -> stdout = true;
                default -> throw new UsageException("keygen: unexpected argument '" + f + "'");
            }
        }
        Identity id = Identity.of(SecretKey.generate(new SecureRandom()));
        if (stdout) {
            out.println(id.secret().nsec());
            out.println(id.npub());
            return OK;
        }
        try {
            KeyFiles.write(dir, id.secret(), force);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        out.println("wrote " + KeyFiles.keyPath(dir) + " (mode 0600) and " + KeyFiles.pubPath(dir) + " (mode 0644)");
        out.println("npub: " + id.npub());
        out.println("address: " + id.fipsAddress());
        out.println("Set node.identity.persistent: true in fips.yaml to keep this identity across restarts.");
        return OK;
    }

    private int vectors(Args a) throws UsageException {
        if (a.isEmpty()) {
            throw new UsageException("vectors: expected 'check <DIR>'");
        }
        String sub = a.next();
        if (sub.equals("-h") || sub.equals("--help")) {
            out.print(VECTORS_HELP);
            return OK;
        }
        if (!sub.equals("check")) {
            throw new UsageException("vectors: unknown subcommand '" + sub + "' (expected 'check')");
        }
        String dir = null;
        boolean verbose = false;
        while (!a.isEmpty()) {
            String f = a.next();
            switch (f) {
                case "-h", "--help" -> {
                    out.print(VECTORS_HELP);
                    return OK;
                }
                case "-v", "--verbose" -> verbose = true;
                default -> {
                    if (f.startsWith("-")) throw new UsageException("vectors check: unknown option '" + f + "'");
                    if (dir != null) throw new UsageException("vectors check: only one directory, got '" + dir + "' and '" + f + "'");
                    dir = f;
                }
            }
        }
        if (dir == null) {
            throw new UsageException("vectors check: missing <DIR> (e.g. ../shared/spec/vectors)");
        }
        List<Report> reports;
        try {
            reports = new VectorChecker().checkDirectory(Path.of(dir));
        } catch (IOException e) {
            err.println("error: cannot read vectors directory: " + e.getMessage());
            return FAILED;
        }
        if (reports.isEmpty()) {
            err.println("error: no *.json files in " + dir);
            return FAILED;
        }
        int failed = 0;
        for (Report r : reports) {
            out.println(r.summary());
            failed += r.failed();
        }
        for (Report r : reports) {
            for (String f : r.failures()) {
                out.println("FAIL " + r.file() + " " + f);
            }
        }
        if (verbose) {
            for (Report r : reports) {
                for (String s : r.skips()) {
                    out.println("SKIP " + r.file() + " " + s);
                }
            }
        }
        return failed == 0 ? OK : FAILED;
    }
}
