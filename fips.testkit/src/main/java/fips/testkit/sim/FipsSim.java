package fips.testkit.sim;

import fips.fmp.bloom.FilterVerdict;
import fips.fmp.link.LinkConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.TreeDrop;
import fips.testkit.NetConditions;
import fips.testkit.SessionProbe;
import fips.testkit.SimBuilder;
import fips.testkit.SimMesh;
import fips.testkit.SimNode;
import fips.testkit.SimWire;
import fips.testkit.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scenario runner behind {@code bin/fips-sim}: a mesh of
 * {@link fips.fmp.mesh.MeshCore}s on the simulator, measured.
 *
 * <h2>What a run does</h2>
 *
 * <ol>
 *   <li>Builds the topology ({@link Topology}) and one mesh node per vertex,
 *       every edge a wire of {@code --latency} ms each way (no loss, no
 *       jitter), the lower index dialling the higher at time 0, every node
 *       with {@link MeshConfig#defaults()} (the spec's defaults).</li>
 *   <li><b>Convergence</b>: runs virtual time until the mesh is
 *       <i>converged</i>: every edge has an established link, the tree is
 *       consistent ({@link TreeCheck}: one root per component, the smallest
 *       NodeAddr; every node's coordinates are self + parent's) and no
 *       node's coordinates changed for {@code --stable} seconds; or until
 *       {@code --limit} seconds. {@code converge_virtual_s} is the time of
 *       the last coordinate change.</li>
 *   <li><b>Quiet window</b> of {@code --quiet} seconds with no traffic but
 *       the protocol's own.</li>
 *   <li><b>Churn</b> (if {@code --churn} &gt; 0): for {@code --duration}
 *       seconds, in every simulated minute {@code churn}% of the edges
 *       (drawn uniformly among those not already down, at uniform times in
 *       the minute) flap: the wire is cut in both directions for a time drawn
 *       uniformly from [dead timeout + 5 s, dead timeout + 25 s], long
 *       enough for both ends to declare the link dead (INTEROP.md 3.6), then
 *       healed; the dialling end redials on its retry schedule. Then the run
 *       waits for convergence again; {@code reconverge_virtual_s} is the
 *       last coordinate change after the churn phase ended (0 if the tree
 *       had settled before; flaps started near the end heal up to 55 s
 *       later).</li>
 *   <li><b>Pairs</b>: {@code --pairs} random (source, destination) pairs of
 *       distinct nodes, one started every second: the source looks the
 *       destination up ({@code MeshCore.lookup}, the target's key given as
 *       DNS would) and, on success, sends one SessionDatagram carrying an FSP
 *       SessionSetup ({@link SessionProbe}) with its and the destination's
 *       coordinates, as the first packet of a session would
 *       (INTEROP.md 8.9).</li>
 * </ol>
 *
 * <h2>What it reports</h2>
 *
 * Progress on the given log (stderr), then one JSON object ({@link Report#toJson()}).
 * Control bytes are every byte handed to a wire (handshakes, heartbeats,
 * rekeys, tree, bloom, lookup traffic; no datagram is sent in those
 * windows), per node per second, from the start to the end of the second of
 * the last coordinate change ("during") and over the quiet window ("after"). The hops a datagram took are its one-way
 * delay divided by the per-wire latency (every hop costs exactly that; a
 * node forwards at the arrival time); stretch is hops over the BFS shortest
 * path in the topology. {@code ttl_expired} sums every router's transit
 * TTL_EXPIRED counter over the whole run: the loop detector.
 *
 * <p>A run is a function of its options: the same options give the same
 * report except {@code wall_s} and {@code heap_mb}.
 */
public final class FipsSim {
    /** Thrown for bad command-line input; the message says what and why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * A scenario.
     *
     * @param topology {@code ring}, {@code grid}, {@code geometric}, {@code scale-free} or a file of edges
     * @param nodes node count (for a file: 0 = largest index + 1)
     * @param seed every random draw (topology, identities, churn, pairs) comes from it
     * @param pairs number of (source, destination) pairs sampled after convergence
     * @param churnPct percentage of edges flapping per simulated minute during the churn phase
     * @param durationS length of the churn phase, virtual seconds
     * @param latencyMs one-way latency of every wire
     * @param stableS how long no coordinates may change for the mesh to count as converged; the default
     *     180 s covers 120 s of flap dampening and one 60 s periodic re-evaluation (INTEROP.md 5.2),
     *     the latest a discretionary parent switch can come after the previous change
     * @param limitS the most virtual seconds each convergence phase may take
     * @param quietS the quiet window after the first convergence
     */
    public record Options(String topology, int nodes, long seed, int pairs, double churnPct, long durationS,
                          long latencyMs, long stableS, long limitS, long quietS) {
        public static Options defaults() {
            return new Options("scale-free", 100, 1, 100, 0, 300, 10, 180, 1800, 60);
        }

        public Options withTopology(String t, int n) {
            return new Options(t, n, seed, pairs, churnPct, durationS, latencyMs, stableS, limitS, quietS);
        }

        public Options withSeed(long s) {
            return new Options(topology, nodes, s, pairs, churnPct, durationS, latencyMs, stableS, limitS, quietS);
        }

        public Options withPairs(int p) {
            return new Options(topology, nodes, seed, p, churnPct, durationS, latencyMs, stableS, limitS, quietS);
        }

        public Options withChurn(double pct, long durS) {
            return new Options(topology, nodes, seed, pairs, pct, durS, latencyMs, stableS, limitS, quietS);
        }
    }

    /** The measured figures, in output order. */
    public static final class Report {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        void put(String key, Object value) {
            fields.put(key, value);
        }

        public Map<String, Object> fields() {
            return java.util.Collections.unmodifiableMap(fields);
        }

        public Object get(String key) {
            return fields.get(key);
        }

        public double number(String key) {
            Object v = fields.get(key);
            if (!(v instanceof Number n)) throw new IllegalArgumentException(key + "=" + v + " is not a number");
            return n.doubleValue();
        }

        /** One line of JSON: numbers with at most 3 decimals, keys in output order. */
        public String toJson() {
            return json(fields);
        }

        private static String json(Object v) {
            if (v == null) return "null";
            if (v instanceof Boolean || v instanceof Integer || v instanceof Long) return v.toString();
            if (v instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) return "null";
                String s = String.format(Locale.ROOT, "%.3f", d);
                s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
                return s.equals("-0") ? "0" : s;
            }
            if (v instanceof Map<?, ?> m) {
                StringBuilder sb = new StringBuilder("{");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (sb.length() > 1) sb.append(", ");
                    sb.append(json(e.getKey().toString())).append(": ").append(json(e.getValue()));
                }
                return sb.append('}').toString();
            }
            String s = v.toString();
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                else sb.append(c);
            }
            return sb.append('"').toString();
        }
    }

    private static final String USAGE = """
            usage: fips-sim [options]

            Runs a mesh of FIPS nodes (MeshCore: link, spanning tree, bloom filters,
            lookup, routing) in the deterministic simulator and measures it. Every
            wire has the same one-way latency and no loss; nodes use the spec's
            default configuration. Progress goes to stderr; the last line of stdout
            is one JSON object with the figures. The same options give the same
            JSON apart from wall_s and heap_mb.

            Phases: build the topology and dial along every edge (lower index dials
            higher); run until converged (every edge linked, one root per component =
            its smallest NodeAddr, every node's coordinates = self + parent's, no
            coordinate change for --stable s) or --limit s; a quiet window of
            --quiet s; with --churn, a churn phase of --duration s, then wait for
            convergence again; then --pairs random pairs, one per second: the
            source looks the destination up and on success sends it one
            SessionDatagram (an FSP SessionSetup carrying both coordinates).

            options:
              --topology T    ring | grid | geometric | scale-free | FILE (default scale-free)
                              grid: ceil(sqrt N) columns, filled row by row;
                              geometric: N random points in the unit square joined within a
                              radius grown from sqrt(1.5 ln N / (pi N)) until connected;
                              scale-free: Barabasi-Albert, m = 2;
                              FILE: one "a b" edge per line (node indices from 0, '#' comments)
              --nodes N       number of nodes (default 100; for FILE: default max index + 1)
              --seed S        seed of every random draw (default 1)
              --pairs P       pairs sampled after convergence (default 100; 0 = none)
              --churn PCT     percent of edges flapping per simulated minute (default 0 = no
                              churn phase); a flap cuts the wire for 35-55 s (dead timeout
                              30 s + 5..25 s), then heals it
              --duration S    virtual seconds of the churn phase (default 300)
              --latency MS    one-way latency of every wire (default 10)
              --stable S      seconds without a coordinate change that count as converged (default
                              180: flap dampening holds discretionary parent switches back for
                              120 s and the periodic re-evaluation runs every 60 s, INTEROP.md 5.2,
                              so a switch can come up to 180 s after the previous change)
              --limit S       most virtual seconds a convergence phase may take (default 1800)
              --quiet S       quiet window after convergence, for control_bytes_..._after (default 60)
              --help          this text

            JSON fields: nodes, edges, topology, seed, converged, converge_virtual_s,
            control_bytes_per_node_per_s_during, control_bytes_per_node_per_s_after,
            lookup_success_rate, lookup_latency_virtual_ms_p50, delivered_rate,
            stretch_median, stretch_p99, ttl_expired, wall_s, heap_mb and more
            (see README.md "Simulating a mesh").
            """;

    private FipsSim() {}

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            if (e.getMessage().isEmpty()) {
                System.out.print(USAGE);
                System.exit(0);
            }
            System.err.println("fips-sim: " + e.getMessage());
            System.err.println("Run fips-sim --help for the options.");
            System.exit(2);
            return;
        }
        Report r;
        try {
            r = run(o, System.err);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("fips-sim: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(r.toJson());
    }

    /**
     * Parses the command line.
     *
     * @throws UsageException with an empty message for {@code --help}, else saying what is wrong
     */
    public static Options parse(String[] args) throws UsageException {
        Options d = Options.defaults();
        String topology = d.topology();
        Integer nodes = null;
        long seed = d.seed();
        int pairs = d.pairs();
        double churn = d.churnPct();
        long duration = d.durationS(), latency = d.latencyMs(), stable = d.stableS(), limit = d.limitS(),
                quiet = d.quietS();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flag.equals("--help") || flag.equals("-h")) throw new UsageException("");
            if (!flag.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
            if (value == null) {
                if (i + 1 >= args.length) throw new UsageException(flag + " needs a value");
                value = args[++i];
            }
            switch (flag) {
                case "--topology" -> topology = value;
                case "--nodes" -> nodes = (int) integer(flag, value, 2, 10_000_000);
                case "--seed" -> seed = integer(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--pairs" -> pairs = (int) integer(flag, value, 0, 1_000_000);
                case "--churn" -> churn = decimal(flag, value, 0, 100);
                case "--duration" -> duration = integer(flag, value, 0, 1_000_000);
                case "--latency" -> latency = integer(flag, value, 1, 60_000);
                case "--stable" -> stable = integer(flag, value, 1, 100_000);
                case "--limit" -> limit = integer(flag, value, 1, 10_000_000);
                case "--quiet" -> quiet = integer(flag, value, 1, 100_000);
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        boolean generated = switch (topology) {
            case "ring", "grid", "geometric", "scale-free" -> true;
            default -> false;
        };
        if (!generated && !Files.isRegularFile(Path.of(topology))) {
            throw new UsageException("--topology " + topology
                    + ": not ring, grid, geometric or scale-free, and no such file");
        }
        if (generated && topology.equals("scale-free") && nodes != null && nodes < 3) {
            throw new UsageException("--nodes " + nodes + ": scale-free (m = 2) needs at least 3 nodes");
        }
        if (churn > 0 && duration == 0) {
            throw new UsageException("--churn " + value(churn) + " needs a --duration above 0");
        }
        return new Options(topology, nodes != null ? nodes : generated ? d.nodes() : 0, seed, pairs, churn, duration,
                latency, stable, limit, quiet);
    }

    private static long integer(String flag, String v, long min, long max) throws UsageException {
        long x;
        try {
            x = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " " + v + ": not an integer");
        }
        if (x < min || x > max) throw new UsageException(flag + " " + v + ": must be in " + min + ".." + max);
        return x;
    }

    private static double decimal(String flag, String v, double min, double max) throws UsageException {
        double x;
        try {
            x = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " " + v + ": not a number");
        }
        if (!(x >= min && x <= max)) throw new UsageException(flag + " " + v + ": must be in " + value(min) + ".." + value(max));
        return x;
    }

    private static String value(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ------------------------------------------------------------- the run

    /** Builds the topology of {@code o} (the generators draw from their own stream of the seed). */
    public static Topology topology(Options o) {
        Random r = new Random(o.seed() * 0x9E3779B97F4A7C15L + 0x70b0);
        return switch (o.topology()) {
            case "ring" -> Topology.ring(o.nodes());
            case "grid" -> Topology.grid(o.nodes());
            case "geometric" -> Topology.geometric(o.nodes(), r);
            case "scale-free" -> Topology.scaleFree(o.nodes(), 2, r);
            default -> {
                try {
                    yield Topology.fromFile(Path.of(o.topology()), o.nodes());
                } catch (IOException e) {
                    throw new UncheckedIOException(o.topology() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** Runs the scenario; progress lines go to {@code log}. */
    public static Report run(Options o, PrintStream log) {
        return new Run(o, log).run();
    }

    private static final class Pair {
        final int id;
        final SimNode src;
        final SimNode dst;
        long startMs = -1;
        long lookupDoneMs = -1;
        String failure;
        boolean found;
        long sentMs = -1;
        int sendOutcome = -1;
        long deliveredMs = -1;

        Pair(int id, SimNode src, SimNode dst) {
            this.id = id;
            this.src = src;
            this.dst = dst;
        }

        boolean finished(long nowMs) {
            return (lookupDoneMs >= 0 && !found) || deliveredMs >= 0
                    || (sentMs >= 0 && sendOutcome != RouteOutcome.FORWARDED)
                    || (sentMs >= 0 && nowMs - sentMs > 5_000);
        }
    }

    private static final class Run {
        final Options o;
        final PrintStream log;
        final long wallStartNs = System.nanoTime();
        final Random scenario;
        Topology topo;
        Simulation sim;
        int[] component;
        int components;

        Run(Options o, PrintStream log) {
            this.o = o;
            this.log = log;
            this.scenario = new Random(o.seed() * 0xC2B2AE3D27D4EB4FL + 0x5ce0);
        }

        void log(String fmt, Object... args) {
            log.printf(Locale.ROOT, "[%7.1fs wall %8.1fs virtual] " + fmt + "%n",
                    prepend((System.nanoTime() - wallStartNs) / 1e9, sim == null ? 0.0 : sim.nowMs() / 1e3, args));
        }

        private static Object[] prepend(double a, double b, Object[] rest) {
            Object[] out = new Object[rest.length + 2];
            out[0] = a;
            out[1] = b;
            System.arraycopy(rest, 0, out, 2, rest.length);
            return out;
        }

        Report run() {
            topo = topology(o);
            component = topo.componentOf();
            components = topo.components();
            log("topology %s: %d nodes, %d edges, %d component(s)", topo.name(), topo.nodes(), topo.edges(), components);
            SimBuilder b = Simulation.builder(o.seed()).nodes(topo.nodes()).mesh(MeshConfig.defaults())
                    .conditions(NetConditions.latency(o.latencyMs())).recordLog(false);
            for (int i = 0; i < topo.edges(); i++) b.edge(topo.edgeA(i), topo.edgeB(i));
            sim = b.dialAlongEdges().build();
            for (SimNode n : sim.nodes()) {
                n.recordEvents(false);
                n.mesh().recordDatagrams(false);
            }
            log("built %d mesh nodes", sim.nodes().size());

            Report r = new Report();
            r.put("nodes", topo.nodes());
            r.put("edges", topo.edges());
            r.put("topology", topo.name());
            r.put("seed", o.seed());
            r.put("components", components);

            // ---- convergence
            long t0 = sim.nowMs();
            List<Long> bytesBySecond = new ArrayList<>();
            long convergedAt = converge(t0, "convergence", bytesBySecond);
            boolean converged = convergedAt >= 0;
            long lastChange = lastCoordsChangeMs();
            long detectMs = sim.nowMs();
            // "During": from the start to the second in which the last coordinate change fell (the
            // whole phase if it did not converge), not the trailing --stable window.
            int seconds = converged
                    ? (int) Math.max(1, Math.min(bytesBySecond.size(), Math.ceil((lastChange - t0) / 1e3)))
                    : bytesBySecond.size();
            long bytesDuring = bytesBySecond.isEmpty() ? 0 : bytesBySecond.get(seconds - 1);
            r.put("converged", converged);
            r.put("converge_virtual_s", converged ? Math.max(0, lastChange - t0) / 1e3 : null);
            r.put("control_bytes_per_node_per_s_during", bytesDuring / (double) topo.nodes() / Math.max(1, seconds));
            r.put("root_depth_max", maxDepth());
            r.put("tree_depth_mean", meanDepth());
            long heapConverged = usedHeapAfterGc();
            log("converged=%s at %.1fs (last coordinate change %.1fs); heap %.0f MiB after GC = %.0f bytes/node",
                    converged, (detectMs - t0) / 1e3, (lastChange - t0) / 1e3, heapConverged / 1048576.0,
                    heapConverged / (double) topo.nodes());

            // ---- quiet window
            long changesBefore = coordsChanges();
            long bytesBefore = sim.network().bytesSent();
            sim.runFor(o.quietS() * 1000);
            r.put("control_bytes_per_node_per_s_after",
                    (sim.network().bytesSent() - bytesBefore) / (double) topo.nodes() / o.quietS());
            r.put("coords_changes_quiet", coordsChanges() - changesBefore);
            log("quiet window of %ds: %.1f bytes/node/s", o.quietS(),
                    (sim.network().bytesSent() - bytesBefore) / (double) topo.nodes() / o.quietS());

            // ---- churn
            r.put("churn_pct", o.churnPct());
            r.put("duration_s", o.churnPct() > 0 ? o.durationS() : 0);
            if (o.churnPct() > 0) {
                churn(r);
            }

            // ---- pairs
            pairs(r);

            long ttlExpired = 0, noRouteTransit = 0;
            long fprRejected = 0, spins = 0, treeReceived = 0, treeStale = 0;
            for (SimNode n : sim.nodes()) {
                ttlExpired += n.mesh().core().router().transitCount(RouteOutcome.TTL_EXPIRED);
                noRouteTransit += n.mesh().core().router().transitCount(RouteOutcome.NO_ROUTE);
                fprRejected += n.mesh().core().bloom().count(FilterVerdict.FPR_TOO_HIGH);
                treeReceived += n.mesh().core().tree().stats().received();
                treeStale += n.mesh().core().tree().drops(TreeDrop.STALE);
                spins += n.spinPolls();
            }
            r.put("ttl_expired", ttlExpired);
            r.put("transit_no_route", noRouteTransit);
            r.put("bloom_fpr_rejected", fprRejected);
            r.put("tree_announces_received", treeReceived);
            r.put("tree_announces_stale", treeStale);
            r.put("spin_polls", spins);
            r.put("virtual_s", sim.nowMs() / 1e3);
            r.put("events", sim.eventsRun());
            r.put("wire_packets", sim.network().packetsSent());
            r.put("wire_digest", String.format(Locale.ROOT, "%016x", sim.network().digest()));
            r.put("wall_s", (System.nanoTime() - wallStartNs) / 1e9);
            long heap = usedHeapAfterGc();
            r.put("heap_mb", heap / 1048576.0);
            log("done: %d events, heap %.0f MiB after GC (%.0f bytes/node)", sim.eventsRun(), heap / 1048576.0,
                    heap / (double) topo.nodes());
            return r;
        }

        /**
         * Runs until converged (see the class comment) or {@code limitS} from {@code fromMs};
         * returns the time the convergence was detected, or -1. {@code bytesBySecond} gets the
         * network's byte count after each simulated second.
         */
        long converge(long fromMs, String phase, List<Long> bytesBySecond) {
            long limit = fromMs + o.limitS() * 1000;
            long stableMs = o.stableS() * 1000;
            long nextLog = sim.nowMs() + 10_000;
            while (sim.nowMs() < limit) {
                sim.runFor(1_000);
                bytesBySecond.add(sim.network().bytesSent());
                long last = lastCoordsChangeMs();
                boolean quiet = sim.nowMs() - Math.max(last, fromMs) >= stableMs;
                if (quiet && linksUp() == topo.edges() && TreeCheck.problem(sim) == null) {
                    return sim.nowMs();
                }
                if (sim.nowMs() >= nextLog) {
                    nextLog += 10_000;
                    log("%s: links %d/%d, roots %d, coordinate changes %d, last %.1fs, events %d", phase,
                            linksUp(), topo.edges(), roots(), coordsChanges(), last / 1e3, sim.eventsRun());
                }
            }
            log("%s: not converged within %ds: %s", phase, o.limitS(), linksUp() < topo.edges()
                    ? "links " + linksUp() + "/" + topo.edges() : String.valueOf(TreeCheck.problem(sim)));
            return -1;
        }

        void churn(Report r) {
            LinkConfig lc = MeshConfig.defaults().link();
            long start = sim.nowMs();
            long end = start + o.durationS() * 1000;
            long[] downUntil = new long[topo.edges()];
            int flaps = 0;
            long lastHeal = start;
            for (long minute = start; minute < end; minute += 60_000) {
                double want = o.churnPct() / 100.0 * topo.edges();
                int k = (int) want + (scenario.nextDouble() < want - Math.floor(want) ? 1 : 0);
                for (int j = 0; j < k; j++) {
                    long at = minute + scenario.nextInt(60_000);
                    if (at >= end) continue;
                    int e = -1;
                    for (int tries = 0; tries < 100 && e < 0; tries++) {
                        int c = scenario.nextInt(topo.edges());
                        if (downUntil[c] <= at) e = c;
                    }
                    if (e < 0) continue;
                    long down = lc.deadTimeoutMs() + 5_000 + scenario.nextInt(20_001);
                    downUntil[e] = at + down;
                    SimWire w = sim.network().wire(sim.node(topo.edgeA(e)), sim.node(topo.edgeB(e)));
                    sim.at(at, w::cut);
                    sim.at(at + down, w::heal);
                    lastHeal = Math.max(lastHeal, at + down);
                    flaps++;
                }
            }
            log("churn: %d flaps over %ds (%.1f%% of %d edges per minute), last heal at %.1fs", flaps,
                    o.durationS(), o.churnPct(), topo.edges(), lastHeal / 1e3);
            long ttlBefore = 0;
            long nextLog = sim.nowMs() + 30_000;
            while (sim.nowMs() < lastHeal) {
                sim.runUntil(Math.min(lastHeal, sim.nowMs() + 10_000));
                if (sim.nowMs() >= nextLog) {
                    nextLog += 30_000;
                    log("churn: links %d/%d, roots %d, coordinate changes %d, events %d", linksUp(), topo.edges(),
                            roots(), coordsChanges(), sim.eventsRun());
                }
            }
            for (SimNode n : sim.nodes()) ttlBefore += n.mesh().core().router().transitCount(RouteOutcome.TTL_EXPIRED);
            long at = converge(lastHeal, "reconvergence", new ArrayList<>());
            long lastChange = lastCoordsChangeMs();
            r.put("flaps", flaps);
            r.put("last_heal_after_churn_s", (lastHeal - end) / 1e3);
            r.put("reconverged", at >= 0);
            r.put("reconverge_virtual_s", at >= 0 ? Math.max(0, lastChange - end) / 1e3 : null);
            log("reconverged=%s, last coordinate change %.1fs after the churn phase ended (last heal %.1fs after), "
                    + "ttl_expired during churn %d", at >= 0, (lastChange - end) / 1e3, (lastHeal - end) / 1e3, ttlBefore);
        }

        void pairs(Report r) {
            int n = topo.nodes();
            List<Pair> pairs = new ArrayList<>();
            Set<Long> used = new HashSet<>();
            long maxDistinct = (long) n * (n - 1);
            for (int i = 0; i < o.pairs(); i++) {
                int s, d;
                do {
                    s = scenario.nextInt(n);
                    d = scenario.nextInt(n);
                } while (s == d || (used.size() < maxDistinct && !used.add((long) s * n + d)));
                pairs.add(new Pair(i, sim.node(s), sim.node(d)));
            }
            Map<SimNode, List<Pair>> bySrc = new HashMap<>();
            Set<SimNode> dsts = new HashSet<>();
            for (Pair p : pairs) {
                if (!bySrc.containsKey(p.src)) {
                    bySrc.put(p.src, new ArrayList<>());
                    p.src.mesh().onLookupDone((at, res) -> onLookup(bySrc.get(at), res));
                }
                bySrc.get(p.src).add(p);
                if (dsts.add(p.dst)) {
                    p.dst.mesh().onDatagram((at, src, buf, off, len, mtu, nowMs) -> {
                        long tag = SessionProbe.tag(buf, off, len);
                        if (tag >= 0 && tag < pairs.size()) {
                            Pair p2 = pairs.get((int) tag);
                            if (p2.dst == at && p2.src.nodeAddr().equals(src) && p2.deliveredMs < 0) {
                                p2.deliveredMs = nowMs;
                            }
                        }
                    });
                }
            }
            long t0 = sim.nowMs() + 1_000;
            for (Pair p : pairs) {
                sim.at(t0 + 1_000L * p.id, () -> {
                    p.startMs = sim.nowMs();
                    p.src.mesh().lookup(p.dst);
                });
            }
            long lastStart = t0 + 1_000L * Math.max(0, pairs.size() - 1);
            sim.runUntil(lastStart);
            sim.runUntil(() -> pairs.stream().allMatch(p -> p.finished(sim.nowMs())), lastStart + 30_000);
            log("pairs: %d sampled, finished by %.1fs", pairs.size(), sim.nowMs() / 1e3);

            int found = 0, delivered = 0, inexact = 0;
            List<Long> latencies = new ArrayList<>();
            List<Double> stretch = new ArrayList<>();
            Map<String, Integer> failures = new TreeMap<>();
            Map<Integer, int[]> bfs = new HashMap<>();
            for (Pair p : pairs) {
                if (p.found) {
                    found++;
                    latencies.add(p.lookupDoneMs - p.startMs);
                } else {
                    failures.merge(p.failure == null ? "UNFINISHED" : p.failure, 1, Integer::sum);
                }
                if (p.sentMs >= 0 && p.sendOutcome != RouteOutcome.FORWARDED) {
                    failures.merge("SEND_" + RouteOutcome.name(p.sendOutcome).toUpperCase(Locale.ROOT), 1, Integer::sum);
                }
                if (p.deliveredMs >= 0) {
                    delivered++;
                    long dt = p.deliveredMs - p.sentMs;
                    if (dt % o.latencyMs() != 0) inexact++;
                    long hops = dt / o.latencyMs();
                    int shortest = bfs.computeIfAbsent(p.src.index(), topo::distancesFrom)[p.dst.index()];
                    stretch.add(hops / (double) shortest);
                } else if (p.found && p.sendOutcome == RouteOutcome.FORWARDED) {
                    failures.merge("NOT_DELIVERED", 1, Integer::sum);
                }
            }
            java.util.Collections.sort(latencies);
            java.util.Collections.sort(stretch);
            int cross = 0;
            for (Pair p : pairs) if (component[p.src.index()] != component[p.dst.index()]) cross++;
            r.put("pairs", pairs.size());
            r.put("pairs_across_components", cross);
            r.put("lookup_success_rate", pairs.isEmpty() ? null : found / (double) pairs.size());
            r.put("lookup_latency_virtual_ms_p50", latencies.isEmpty() ? null : latencies.get((latencies.size() - 1) / 2));
            r.put("lookup_latency_virtual_ms_max", latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));
            r.put("delivered_rate", pairs.isEmpty() ? null : delivered / (double) pairs.size());
            r.put("stretch_median", percentile(stretch, 50));
            r.put("stretch_p99", percentile(stretch, 99));
            r.put("stretch_max", stretch.isEmpty() ? null : stretch.get(stretch.size() - 1));
            r.put("hop_timing_inexact", inexact);
            r.put("failures", failures);
            log("pairs: lookups %d/%d, delivered %d/%d, failures %s", found, pairs.size(), delivered, pairs.size(),
                    failures);
        }

        void onLookup(List<Pair> waiting, SimMesh.LookupResult res) {
            for (Pair p : waiting) {
                if (p.startMs < 0 || p.lookupDoneMs >= 0 || !p.dst.nodeAddr().equals(res.target())) continue;
                p.lookupDoneMs = sim.nowMs();
                p.found = res.succeeded();
                p.failure = res.failure();
                if (p.found) {
                    // After the current event: the core that reported the result is still on the stack.
                    sim.at(sim.nowMs(), () -> {
                        byte[] probe = SessionProbe.sessionSetup(p.src.mesh().coords(), res.coords(), p.id);
                        p.sentMs = sim.nowMs();
                        p.sendOutcome = p.src.mesh().sendDatagram(p.dst, probe);
                    });
                }
            }
        }

        // ------------------------------------------------------------- observations

        /** The latest coordinate change of any node, 0 if none changed. */
        long lastCoordsChangeMs() {
            long m = 0;
            for (SimNode n : sim.nodes()) m = Math.max(m, n.mesh().lastCoordsChangeMs());
            return m;
        }

        long coordsChanges() {
            long c = 0;
            for (SimNode n : sim.nodes()) c += n.mesh().coordsChanges();
            return c;
        }

        int linksUp() {
            int up = 0;
            for (int i = 0; i < topo.edges(); i++) {
                if (sim.node(topo.edgeA(i)).isLinkedTo(sim.node(topo.edgeB(i)))
                        && sim.node(topo.edgeB(i)).isLinkedTo(sim.node(topo.edgeA(i)))) up++;
            }
            return up;
        }

        int roots() {
            int r = 0;
            for (SimNode n : sim.nodes()) if (n.mesh().isRoot()) r++;
            return r;
        }

        int maxDepth() {
            int m = 0;
            for (SimNode n : sim.nodes()) m = Math.max(m, n.mesh().coords().depth());
            return m;
        }

        double meanDepth() {
            long s = 0;
            for (SimNode n : sim.nodes()) s += n.mesh().coords().depth();
            return s / (double) sim.nodes().size();
        }

        static Double percentile(List<Double> sorted, int pct) {
            if (sorted.isEmpty()) return null;
            int i = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }

        static long usedHeapAfterGc() {
            Runtime rt = Runtime.getRuntime();
            for (int i = 0; i < 2; i++) System.gc();
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}
