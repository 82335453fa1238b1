package fips.launcher.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.identity.Identity;
import fips.identity.SecretKey;
import fips.launcher.internal.config.ConfigException;
import fips.launcher.internal.config.ConfigMapper;
import fips.launcher.internal.config.FipsConfig;
import fips.launcher.internal.config.NodeConfig;
import fips.launcher.internal.config.YamlLoader;
import fips.launcher.internal.log.Log;
import fips.link.spi.TransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Node assembly and the protocol thread, end to end over an in-memory
 * transport pair: config to transports and peers, links up, rekey, restart
 * detection, and a shutdown that delivers Disconnect (INTEROP.md 3.6-3.9).
 */
@Timeout(120)
class NodeTest {
    final MemNetwork net = new MemNetwork();
    final Map<String, TransportProvider> providers = Map.of("mem", net.provider());
    final Identity idA = Identity.of(SecretKey.generate(new Random(11)));
    final Identity idB = Identity.of(SecretKey.generate(new Random(12)));
    final List<Running> running = new ArrayList<>();
    /** Each node start gets its own random stream (epoch, indices, ephemeral keys), as SecureRandom would give. */
    long seeds = 100;

    /** A started node with what it logged and the link events it saw. */
    static final class Running {
        final Node node;
        final LinkedBlockingQueue<LinkEvent> events;
        final List<LinkEvent> seen = new ArrayList<>();
        final ByteArrayOutputStream logBytes;

        Running(Node node, LinkedBlockingQueue<LinkEvent> events, ByteArrayOutputStream logBytes) {
            this.node = node;
            this.events = events;
            this.logBytes = logBytes;
        }

        /** Waits for an event matching {@code p}, keeping every event seen. */
        LinkEvent await(Predicate<LinkEvent> p, String what) throws InterruptedException {
            for (LinkEvent e : seen) if (p.test(e)) return e;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                LinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) continue;
                seen.add(e);
                if (p.test(e)) return e;
            }
            throw new AssertionError("no " + what + " within 60 s; saw " + seen + "\nlog:\n" + log());
        }

        /** Waits until at least {@code n} events match {@code p}. */
        void awaitCount(Predicate<LinkEvent> p, int n, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(p) < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + n + " " + what + " within 60 s; saw " + seen + "\nlog:\n" + log());
                }
                LinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) seen.add(e);
            }
        }

        long count(Predicate<LinkEvent> p) {
            LinkEvent e;
            while ((e = events.poll()) != null) seen.add(e);
            return seen.stream().filter(p).count();
        }

        String log() {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Running r : running) r.node.stop(5000);
    }

    FipsConfig config(String yaml) throws ConfigException {
        return ConfigMapper.map(YamlLoader.parse(yaml, "<test>"), providers.keySet());
    }

    static String twoNodeYaml(String bind, String peerNpub, String peerAlias, String peerAddr, String extraNode) {
        return """
                node:
                  log_level: debug
                  control: { enabled: false }
                %s
                dns: { enabled: false }
                transports:
                  mem: { bind: %s }
                peers:
                  - npub: "%s"
                    alias: %s
                    addresses: [{ transport: mem, addr: %s }]
                """.formatted(extraNode, bind, peerNpub, peerAlias, peerAddr);
    }

    Running start(FipsConfig cfg, Identity id, LongSupplier clock) throws Exception {
        LinkedBlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Log log = new Log(ps, cfg.node().logLevel() == null ? Log.Level.INFO : cfg.node().logLevel());
        MeshObserver observer = new MeshObserver() {
            @Override
            public void linkEvent(LinkEvent e) {
                events.add(e);
            }
        };
        Node n = Node.assemble(cfg, id, providers, log, new Random(seeds++), observer, clock);
        Running r = new Running(n, events, bytes);
        running.add(r);
        n.start();
        return r;
    }

    Running start(String yaml, Identity id) throws Exception {
        return start(config(yaml), id, System::nanoTime);
    }

    static boolean up(LinkEvent e) {
        return e instanceof LinkEvent.Up;
    }

    @Test
    @DisplayName("two nodes dial each other, both links come up; stopping one delivers Disconnect(Shutdown) to the other")
    void upThenShutdownDeliversDisconnect() throws Exception {
        Running a = start(twoNodeYaml("a", idB.npub(), "node-b", "b", ""), idA);
        Running b = start(twoNodeYaml("b", idA.npub(), "node-a", "a", ""), idB);
        LinkEvent.Up upA = (LinkEvent.Up) a.await(NodeTest::up, "link up on A");
        b.await(NodeTest::up, "link up on B");
        assertEquals(idB.nodeAddr(), upA.peer());
        assertEquals("mem", upA.transport());

        assertTrue(a.node.stop(5000), "A stops within the bound");
        assertNull(a.node.failure());
        LinkEvent.Down down = (LinkEvent.Down) b.await(e -> e instanceof LinkEvent.Down, "link down on B");
        assertEquals(LinkEvent.DownReason.PEER_DISCONNECTED, down.reason());
        assertEquals("SHUTDOWN", down.detail());
        LinkEvent.Down local = (LinkEvent.Down) a.await(e -> e instanceof LinkEvent.Down, "link down on A");
        assertEquals(LinkEvent.DownReason.LOCAL_DISCONNECT, local.reason());
        assertTrue(!net.bound.containsKey("a"), "A's transport is closed after the Disconnect");

        String logA = a.log();
        assertTrue(logA.contains(" INFO  link up: peer=node-b npub=" + idB.npub() + " transport=mem addr=b role="), logA);
        assertTrue(logA.contains("shutting down: sending Disconnect (shutdown) to 1 peer(s)"), logA);
        assertTrue(logA.contains("stopped; counters:"), logA);
        assertTrue(b.log().contains("link down: peer=node-a npub=" + idA.npub() + " reason=disconnect received (shutdown)"),
                b.log());
        assertTrue(logA.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  .*"), logA);
    }

    @Test
    @DisplayName("a peer that is not configured may dial in; it is named by its npub")
    void inboundUnconfiguredPeer() throws Exception {
        Running b = start("transports: { mem: { bind: b } }\n", idB);
        Running a = start(twoNodeYaml("a", idB.npub(), "node-b", "b", ""), idA);
        a.await(NodeTest::up, "link up on A");
        LinkEvent.Up up = (LinkEvent.Up) b.await(NodeTest::up, "link up on B");
        assertEquals(idA.nodeAddr(), up.peer());
        assertTrue(b.log().contains("link up: peer=" + MeshEventLog.shortNpub(idA.npub()) + " npub=" + idA.npub()
                + " transport=mem addr=a role=responder"), b.log());
    }

    @Test
    @DisplayName("INTEROP.md 3.7 (2): a peer that restarts with the same key is detected and its link comes back")
    void restartDetected() throws Exception {
        Running a = start(twoNodeYaml("a", idB.npub(), "node-b", "b", ""), idA);
        Running b = start(twoNodeYaml("b", idA.npub(), "node-a", "a", ""), idB);
        a.await(NodeTest::up, "link up on A");
        b.await(NodeTest::up, "link up on B");
        // "kill -9": B's packets stop at once, so its Disconnect never leaves.
        ((MemNetwork.Mem) b.node.transports().get(0)).blackhole = true;
        assertTrue(b.node.stop(5000));
        Running b2 = start(twoNodeYaml("b", idA.npub(), "node-a", "a", ""), idB);
        LinkEvent.Down down = (LinkEvent.Down) a.await(e -> e instanceof LinkEvent.Down, "restart seen on A");
        assertEquals(LinkEvent.DownReason.PEER_RESTARTED, down.reason());
        a.awaitCount(NodeTest::up, 2, "link ups on A");
        b2.await(NodeTest::up, "link up on the restarted B");
        assertTrue(a.log().contains("link down: peer=node-b npub=" + idB.npub() + " reason=peer restarted"), a.log());
    }

    @Test
    @DisplayName("INTEROP.md 3.8: links rekey through the protocol loop's timers (clock 20x, tick 5 ms) and stay up")
    void rekeyThroughLoop() throws Exception {
        long t0 = System.nanoTime();
        LongSupplier fast = () -> t0 + (System.nanoTime() - t0) * 20;
        String extra = "  rekey: { after_secs: 5 }";
        Running a = start(fast(config(twoNodeYaml("a", idB.npub(), "node-b", "b", extra))), idA, fast);
        Running b = start(fast(config(twoNodeYaml("b", idA.npub(), "node-a", "a", extra))), idB, fast);
        a.await(NodeTest::up, "link up on A");
        b.await(NodeTest::up, "link up on B");
        for (Running r : List.of(a, b)) {
            r.awaitCount(e -> e instanceof LinkEvent.Rekeyed, 2, "rekeys");
        }
        assertEquals(0, a.count(e -> e instanceof LinkEvent.Down), a.log());
        assertEquals(0, b.count(e -> e instanceof LinkEvent.Down), b.log());
        assertTrue(a.log().contains("rekeyed: peer=node-b npub=" + idB.npub() + " k=1"), a.log());
    }

    static FipsConfig fast(FipsConfig c) {
        NodeConfig n = c.node();
        return new FipsConfig(c.identity(), new NodeConfig(n.mesh(), 5, n.logLevel(), n.packetChannel()),
                c.transports(), c.transportsDefaulted(), c.peers(), c.warnings());
    }

    @Test
    @DisplayName("assembly errors name the key path; transports opened before the error are closed")
    void assemblyErrors() throws Exception {
        Log quiet = new Log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Log.Level.ERROR);
        FipsConfig badAddr = config(twoNodeYaml("a", idB.npub(), "node-b", "has space", ""));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Node.assemble(badAddr, idA, providers, quiet, new Random(1), null, System::nanoTime));
        assertEquals("peers[0].addresses[0].addr: not a mem address: \"has space\"", e.getMessage());
        assertTrue(net.bound.isEmpty(), "transport closed after the failure");

        FipsConfig badKey = config("transports: { mem: { bind: a, colour: red } }\n");
        e = assertThrows(ConfigException.class,
                () -> Node.assemble(badKey, idA, providers, quiet, new Random(1), null, System::nanoTime));
        assertEquals("transports.mem.colour: unknown key", e.getMessage());

        FipsConfig self = config(twoNodeYaml("a", idA.npub(), "me", "b", ""));
        e = assertThrows(ConfigException.class,
                () -> Node.assemble(self, idA, providers, quiet, new Random(1), null, System::nanoTime));
        assertEquals("peers[0].npub: is this node's own identity", e.getMessage());
        assertTrue(net.bound.isEmpty());

        FipsConfig twice = config("transports: { mem: { one: { bind: a }, two: { bind: a } } }\n");
        IOException io = assertThrows(IOException.class,
                () -> Node.assemble(twice, idA, providers, quiet, new Random(1), null, System::nanoTime));
        assertEquals("transports.mem.two: mem address a is in use", io.getMessage());
        assertTrue(net.bound.isEmpty(), "the first instance was closed again");
    }
}
