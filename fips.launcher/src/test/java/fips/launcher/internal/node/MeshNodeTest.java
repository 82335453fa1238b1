package fips.launcher.internal.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.Coords;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.SecretKey;
import fips.launcher.internal.config.ConfigMapper;
import fips.launcher.internal.config.FipsConfig;
import fips.launcher.internal.config.YamlLoader;
import fips.launcher.internal.log.Log;
import fips.link.spi.TransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The daemon's protocol loop running the whole mesh layer (MeshCore) over the
 * in-memory transport: a chain A - B - C elects the smallest node_addr as root
 * (INTEROP.md 5.2), A's and C's coordinates go through B (5.3), A finds C by
 * lookup (INTEROP.md 7) and a SessionDatagram from A reaches C through B
 * (INTEROP.md 5.5, 8.1).
 */
@Timeout(120)
class MeshNodeTest {
    static final long WAIT_MS = 30_000;

    final MemNetwork net = new MemNetwork();
    final Map<String, TransportProvider> providers = Map.of("mem", net.provider());
    final List<Running> running = new ArrayList<>();

    /** A started node and what its observer saw. */
    static final class Running implements MeshObserver {
        final Identity id;
        final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        volatile Coords coords;
        final LinkedBlockingQueue<LinkEvent> links = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Object[]> lookups = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Object[]> delivered = new LinkedBlockingQueue<>();
        Node node;

        Running(Identity id) {
            this.id = id;
            this.coords = Coords.root(id.nodeAddr()); // a fresh node is its own root (INTEROP.md 5.3)
        }

        @Override
        public void linkEvent(LinkEvent e) {
            links.add(e);
        }

        @Override
        public void coordsChanged(Coords oldCoords, Coords newCoords) {
            coords = newCoords;
        }

        @Override
        public void lookupDone(NodeAddr target, Coords c, int pathMtu, String failure) {
            lookups.add(new Object[] {target, c, failure});
        }

        @Override
        public boolean wantsDatagrams() {
            return true;
        }

        @Override
        public void deliverLocal(NodeAddr src, byte[] buf, int off, int len, int pathMtu, long nowMs) {
            delivered.add(new Object[] {src, Arrays.copyOfRange(buf, off, off + len)}); // buf is only lent
        }

        String log() {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Running r : running) r.node.stop(5000);
    }

    Running start(Identity id, String bind, long seed, Identity... peers) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                node:
                  log_level: debug
                  control: { enabled: false }
                dns: { enabled: false }
                transports:
                  mem: { bind: %s }
                peers:
                """.formatted(bind));
        if (peers.length == 0) yaml.append("  []\n");
        for (Identity p : peers) {
            String name = name(p);
            yaml.append("  - { npub: \"%s\", alias: node-%s, addresses: [{ transport: mem, addr: %s }] }\n"
                    .formatted(p.npub(), name, name));
        }
        FipsConfig cfg = ConfigMapper.map(YamlLoader.parse(yaml.toString(), "<test>"), providers.keySet());
        Running r = new Running(id);
        Log log = new Log(new PrintStream(r.logBytes, true, StandardCharsets.UTF_8), Log.Level.DEBUG);
        r.node = Node.assemble(cfg, id, providers, log, new Random(seed), r, System::nanoTime);
        running.add(r);
        r.node.start();
        return r;
    }

    static final Identity[] KEYS = {
            Identity.of(SecretKey.generate(new Random(21))),
            Identity.of(SecretKey.generate(new Random(22))),
            Identity.of(SecretKey.generate(new Random(23)))};
    Identity idA = KEYS[0];
    Identity idB = KEYS[1];
    Identity idC = KEYS[2];

    String name(Identity id) {
        return id == idA ? "a" : id == idB ? "b" : "c";
    }

    /** An assertion failure carrying every node's log. */
    AssertionError failure(String what) {
        StringBuilder logs = new StringBuilder(what);
        for (Running r : running) logs.append("\n---- node ").append(name(r.id)).append(":\n").append(r.log());
        return new AssertionError(logs.toString());
    }

    void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw failure(what + " not within " + WAIT_MS + " ms");
            }
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "keys rotated by {0}")
    @CsvSource({"0", "1", "2"})
    @DisplayName("chain A-B-C: one root (the smallest node_addr), coordinates through B, lookup and a datagram A -> C")
    void chainAgreesRoutesAndDelivers(int rotation) throws Exception {
        chain(rotation, false);
    }

    /**
     * The same chain with B dialling A and C as they dial B. With the keys
     * rotated by 1, B and C cross-dial and C (the smaller node_addr) sends its
     * first FilterAnnounce on the inbound session before switching to its own
     * outbound one (INTEROP.md 3.7 "Cross-connection"); B keeps that session
     * draining, so the filter arrives and A's lookups of C succeed (before the
     * fix in LinkCore they failed NOT_IN_ANY_FILTER for good).
     */
    @Test
    @DisplayName("chain A-B-C where B also dials: C's filter reaches B despite the crossing dial")
    void chainWithCrossingDials() throws Exception {
        chain(1, true);
    }

    void chain(int rotation, boolean bDials) throws Exception {
        // Rotating the three keys along the chain puts the smallest node_addr at each position in turn.
        idA = KEYS[rotation % 3];
        idB = KEYS[(rotation + 1) % 3];
        idC = KEYS[(rotation + 2) % 3];
        Running a = start(idA, "a", 201, idB);
        Running b = bDials ? start(idB, "b", 202, idA, idC) : start(idB, "b", 202); // B takes A's and C's dials
        Running c = start(idC, "c", 203, idB);
        NodeAddr root = Stream.of(idA, idB, idC).map(Identity::nodeAddr).min(Comparator.naturalOrder()).orElseThrow();

        await(() -> a.coords.root().equals(root) && b.coords.root().equals(root) && c.coords.root().equals(root),
                "all three on root " + root);
        NodeAddr addrB = idB.nodeAddr();
        // INTEROP.md 5.3: own coordinates = self, then the parent's ancestry up to the root.
        if (root.equals(idA.nodeAddr())) {
            await(() -> c.coords.equals(Coords.of(idC.nodeAddr(), addrB, root)), "C = [C B A]");
        } else if (root.equals(idC.nodeAddr())) {
            await(() -> a.coords.equals(Coords.of(idA.nodeAddr(), addrB, root)), "A = [A B C]");
        } else {
            await(() -> a.coords.equals(Coords.of(idA.nodeAddr(), root)) && c.coords.equals(Coords.of(idC.nodeAddr(), root)),
                    "A = [A B], C = [C B]");
        }
        assertTrue(root.equals(idA.nodeAddr()) || a.coords.contains(addrB), "A's coordinates go through B: " + a.coords);
        assertTrue(root.equals(idC.nodeAddr()) || c.coords.contains(addrB), "C's coordinates go through B: " + c.coords);

        // A knows C's key (as from an npub) and looks it up. INTEROP.md 7 "Origination" needs C in a peer's
        // filter, which follows the tree by a debounce or two: a NOT_IN_ANY_FILTER failure is retried.
        Object[] done = null;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (done == null || done[1] == null) {
            if (System.nanoTime() > deadline) {
                throw failure("no successful lookup of C within " + WAIT_MS + " ms; last result: " + Arrays.toString(done));
            }
            if (done != null) Thread.sleep(100);
            assertTrue(a.node.submit((core, now) -> {
                core.learnIdentity(idC.publicKey());
                core.lookup(idC.nodeAddr(), now);
            }));
            done = a.lookups.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertTrue(done != null, "no lookup result");
            assertEquals(idC.nodeAddr(), done[0]);
        }
        assertEquals(c.coords, done[1], "the lookup returns C's coordinates");

        byte[] payload = "hello from A".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        assertTrue(a.node.submit((core, now) -> outcome.complete(core.sendDatagram(idC.nodeAddr(), payload, 0, payload.length, now))));
        assertEquals(RouteOutcome.FORWARDED, outcome.get(WAIT_MS, TimeUnit.MILLISECONDS), "A forwards toward C (via B)");
        Object[] got = c.delivered.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertTrue(got != null, "C got no datagram\n" + b.log());
        assertEquals(idA.nodeAddr(), got[0], "source is A");
        assertArrayEquals(payload, (byte[]) got[1]);
        assertTrue(b.delivered.isEmpty(), "B forwards, it does not take the datagram");

        // Operator lines: tree coordinates, lookups (debug), and the counters at shutdown.
        String treeLine = "tree: root=" + root.toHex().substring(0, 16) + "... depth=" + c.coords.depth() + " parent=node-b coords="
                + c.coords; // C names B by the alias it configured
        if (!root.equals(idC.nodeAddr())) assertTrue(c.log().contains(treeLine), treeLine + "\n" + c.log());
        assertTrue(a.log().contains(" DEBUG lookup done: target=" + idC.nodeAddr().toHex() + " coords=" + c.coords), a.log());
        assertTrue(a.log().contains("tree: root=" + idA.nodeAddr().toHex().substring(0, 16) + "... depth=0 parent=none coords=["
                + idA.nodeAddr().toHex().substring(0, 8) + "]"), "the start-up line\n" + a.log());
        for (Running r : List.of(a, b, c)) {
            assertTrue(r.node.stop(5000));
            assertNull(r.node.failure());
        }
        assertTrue(c.log().contains("stopped; counters: "), c.log());
        // The test's payload is not an FSP message: the session layer drops and counts it (INTEROP.md 8.2).
        assertTrue(c.log().matches("(?s).*stopped; counters: .*fsp\\.drop\\.bad_phase=1.*"), c.log());
        assertTrue(!a.log().contains(" ERROR ") && !b.log().contains(" ERROR ") && !c.log().contains(" ERROR "));
    }

    @Test
    @DisplayName("two nodes alone agree on the root: the smaller node_addr")
    void twoNodesAgree() throws Exception {
        Running a = start(idA, "a", 301, idB);
        Running b = start(idB, "b", 302, idA);
        NodeAddr root = idA.nodeAddr().compareTo(idB.nodeAddr()) < 0 ? idA.nodeAddr() : idB.nodeAddr();
        await(() -> a.coords.root().equals(root) && b.coords.root().equals(root), "both on root " + root);
        Running child = root.equals(idA.nodeAddr()) ? b : a;
        assertEquals(Coords.of(child.id.nodeAddr(), root), child.coords);
    }
}
