package fips.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario runner: its command line, its topologies and its determinism. */
class FipsSimTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    /** The JSON without the two fields that measure the machine, not the run. */
    private static String withoutMachine(String json) {
        return json.replaceAll("\"wall_s\": [0-9.]+", "\"wall_s\": _").replaceAll("\"heap_mb\": [0-9.]+", "\"heap_mb\": _");
    }

    @Test
    @DisplayName("Determinism: the same seed gives the same JSON apart from wall_s and heap_mb (churn and pairs included); another seed does not")
    void sameSeedSameJson() {
        FipsSim.Options o = FipsSim.Options.defaults().withTopology("geometric", 60).withSeed(11).withPairs(20)
                .withChurn(5, 120);
        String first = FipsSim.run(o, QUIET).toJson();
        String second = FipsSim.run(o, QUIET).toJson();
        String other = FipsSim.run(o.withSeed(12), QUIET).toJson();
        assertTrue(first.contains("\"flaps\": "), first);
        assertTrue(first.contains("\"lookup_success_rate\": 1,"), first);
        assertEquals(withoutMachine(first), withoutMachine(second));
        assertNotEquals(withoutMachine(first), withoutMachine(other));
    }

    @Test
    @DisplayName("fips-sim command line: defaults, every flag, --help, and name=value errors for bad values")
    void commandLine(@TempDir Path dir) throws Exception {
        FipsSim.Options d = FipsSim.parse(new String[0]);
        assertEquals(FipsSim.Options.defaults(), d);
        FipsSim.Options o = FipsSim.parse(new String[] {"--topology", "ring", "--nodes", "50", "--seed", "-3",
                "--pairs", "7", "--churn", "2.5", "--duration=90", "--latency", "5", "--stable", "60", "--limit", "900",
                "--quiet", "30"});
        assertEquals(new FipsSim.Options("ring", 50, -3, 7, 2.5, 90, 5, 60, 900, 30), o);
        assertEquals("", assertThrows(FipsSim.UsageException.class, () -> FipsSim.parse(new String[] {"--help"})).getMessage());
        assertEquals("--nodes abc: not an integer", usage("--nodes", "abc"));
        assertEquals("--nodes 1: must be in 2..10000000", usage("--nodes", "1"));
        assertEquals("--churn 101: must be in 0..100", usage("--churn", "101"));
        assertEquals("--pairs -1: must be in 0..1000000", usage("--pairs", "-1"));
        assertEquals("--seed needs a value", usage("--seed"));
        assertEquals("unknown option --node", usage("--node", "5"));
        assertEquals("unexpected argument 'ring'", usage("ring"));
        assertEquals("--topology torus: not ring, grid, geometric or scale-free, and no such file", usage("--topology", "torus"));
        assertEquals("--churn 5 needs a --duration above 0", usage("--churn", "5", "--duration", "0"));

        Path f = dir.resolve("edges.txt");
        Files.writeString(f, "# a triangle and a tail\n0 1\n1 2\n2 0\n2 3\n\n1 0\n");
        Topology t = FipsSim.topology(FipsSim.parse(new String[] {"--topology", f.toString()}));
        assertEquals(4, t.nodes());
        assertEquals(4, t.edges(), "the repeated edge counts once");
        Files.writeString(f, "0 1\n1 x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topology.fromFile(f, 0));
        assertEquals(f + ":2: node indices must be integers, got '1 x'", e.getMessage());
        Files.writeString(f, "0 1\n2 2\n");
        e = assertThrows(IllegalArgumentException.class, () -> Topology.fromFile(f, 0));
        assertEquals(f + ":2: self-loop 2-2", e.getMessage());
        Files.writeString(f, "0 1\n1 5\n");
        e = assertThrows(IllegalArgumentException.class, () -> Topology.fromFile(f, 4));
        assertEquals(f + ":2: index 5 is not below --nodes 4", e.getMessage());
    }

    private static String usage(String... args) {
        return assertThrows(FipsSim.UsageException.class, () -> FipsSim.parse(args)).getMessage();
    }

    @Test
    @DisplayName("Topologies: ring, grid, Barabási–Albert (m = 2) and geometric are connected, of the expected size, and a function of their seed")
    void topologies() throws IOException {
        Topology ring = Topology.ring(10);
        assertEquals(10, ring.edges());
        assertEquals(5, ring.distancesFrom(0)[5]);
        Topology grid = Topology.grid(16);
        assertEquals(24, grid.edges()); // 4×4: 2·4·3
        assertEquals(6, grid.distancesFrom(0)[15]);
        assertEquals(1, Topology.grid(10).components()); // 4 columns, a short last row
        Topology ba = Topology.scaleFree(1000, 2, new Random(5));
        assertEquals(3 + 2 * 997, ba.edges());
        assertEquals(1, ba.components());
        int maxDegree = 0;
        for (int v = 0; v < ba.nodes(); v++) maxDegree = Math.max(maxDegree, ba.degree(v));
        assertTrue(maxDegree >= 30, "preferential attachment grows hubs: max degree " + maxDegree);
        Topology g = Topology.geometric(500, new Random(5));
        assertEquals(1, g.components());
        assertTrue(g.name().startsWith("geometric(r="), g.name());
        Topology g2 = Topology.geometric(500, new Random(5));
        assertEquals(g.edges(), g2.edges());
        for (int i = 0; i < g.edges(); i++) {
            assertEquals(g.edgeA(i), g2.edgeA(i));
            assertEquals(g.edgeB(i), g2.edgeB(i));
        }
    }
}
