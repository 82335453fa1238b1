package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshCore;
import fips.identity.Identity;
import fips.json.JNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** NodeControl: commands run on the protocol thread, with the reference's query timeout and shutdown errors. */
@Timeout(30)
class NodeControlTest {
    final MeshPair mesh = new MeshPair();
    final MeshCore core = mesh.node(Identity.generate(new Random(5)), "n");
    final NodeInfo info = NodeInfo.of("t", 0, 0, "/x", List.of(TransportInfo.of(mesh.wire("n"))));

    /** A protocol thread: runs queued tasks with the core, records which thread ran them. */
    final class Loop implements NodeControl.CoreExecutor {
        final ArrayBlockingQueue<NodeControl.CoreTask> q = new ArrayBlockingQueue<>(64);
        final Thread thread = Thread.ofPlatform().daemon().start(this::run);
        final List<Thread> ranOn = new ArrayList<>();
        volatile boolean paused;

        void run() {
            try {
                while (true) {
                    NodeControl.CoreTask t = q.take();
                    while (paused) Thread.sleep(5);
                    synchronized (this) {
                        ranOn.add(Thread.currentThread());
                    }
                    t.run(core, mesh.nowMs);
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        @Override
        public boolean submit(NodeControl.CoreTask task) {
            return q.offer(task);
        }
    }

    NodeControl control(NodeControl.CoreExecutor ex, Duration timeout) {
        return new NodeControl(ex, info, List::of, name -> name.equals("udp") ? mesh.wire("n") : null, timeout);
    }

    @Test
    @DisplayName("every command of this build is answered, on the protocol thread; unknown ones are 'unknown command: <name>'")
    void dispatch() throws Exception {
        Loop loop = new Loop();
        NodeControl c = control(loop, Duration.ofSeconds(5));
        for (String cmd : NodeControl.COMMANDS) {
            if (cmd.equals("connect") || cmd.equals("disconnect")) continue;
            JNode d = c.handle(cmd, null);
            assertTrue(d.isObject(), cmd);
        }
        assertEquals("running", c.handle("show_status", null).get("state").str());
        assertEquals(1, c.handle("show_transports", null).get("transports").items().size());
        synchronized (loop) {
            int showCommands = NodeControl.COMMANDS.size() - 2; // all but connect and disconnect
            assertEquals(showCommands + 2, loop.ranOn.size());
            assertTrue(loop.ranOn.stream().allMatch(t -> t == loop.thread));
        }
        assertEquals("unknown command: show_mmp", assertThrows(ControlError.class, () -> c.handle("show_mmp", null)).getMessage());
        assertEquals("missing params for connect", assertThrows(ControlError.class, () -> c.handle("connect", null)).getMessage());
        String npub = Identity.generate(new Random(6)).npub();
        assertEquals("peer not found: " + npub,
                assertThrows(ControlError.class, () -> c.handle("disconnect", JNode.of(Map.of("npub", npub), "p"))).getMessage());
        loop.thread.interrupt();
    }

    @Test
    @DisplayName("control-socket.md 'query timeout' when the protocol thread does not answer in time; the late task then does nothing")
    void queryTimeout() throws Exception {
        Loop loop = new Loop();
        loop.paused = true;
        NodeControl c = control(loop, Duration.ofMillis(200));
        String npub = Identity.generate(new Random(8)).npub();
        long t0 = System.nanoTime();
        ControlError e = assertThrows(ControlError.class, () -> c.handle("connect",
                JNode.of(Map.of("npub", npub, "address", "x", "transport", "udp"), "p")));
        assertEquals("query timeout", e.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 2_000);
        loop.paused = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!loop.q.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(50);
        assertTrue(core.link().pendingDials().isEmpty(), "a connect the client gave up on is not applied later");
        loop.thread.interrupt();
    }

    @Test
    @DisplayName("control-socket.md 'node shutting down' when the protocol thread takes no more work")
    void shuttingDown() {
        NodeControl c = control(task -> false, Duration.ofSeconds(1));
        assertEquals("node shutting down", assertThrows(ControlError.class, () -> c.handle("show_status", null)).getMessage());
    }

    @Test
    @DisplayName("end to end: fipsctl's client, the server, NodeControl and a protocol thread")
    void endToEnd(@TempDir Path dir) throws Exception {
        Loop loop = new Loop();
        Path sock = dir.resolve("control.sock");
        try (ControlServer s = new ControlServer(sock, control(loop, Duration.ofSeconds(5)), null)) {
            s.start();
            ControlClient client = new ControlClient(sock, Duration.ofSeconds(10));
            JNode status = client.request("show_status", null);
            assertEquals(core.identity().npub(), status.get("npub").str());
            ControlClient.ControlException e = assertThrows(ControlClient.ControlException.class,
                    () -> client.request("disconnect", JNode.of(Map.of("npub", "nope"), "p")));
            assertEquals(ControlClient.Kind.ERROR_REPLY, e.kind());
            assertTrue(e.getMessage().startsWith("invalid npub 'nope': "), e.getMessage());
        }
        loop.thread.interrupt();
    }
}
