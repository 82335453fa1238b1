/**
 * The deterministic simulator (ARCHITECTURE.md "Cores and drivers"): the
 * protocol cores of many nodes in one JVM, wired to in-memory transports with
 * latency, loss, MTU and partitions, stepped on a virtual clock and driven by
 * one seeded random source, so that a run is reproducible from its seed.
 *
 * <p>Used by the mesh tests of the protocol modules and by the scenario
 * runner ({@code fips.testkit.sim.FipsSim}, the {@code bin/fips-sim}
 * command); never part of the runtime image.
 */
module fips.testkit {
    requires transitive fips.fmp;
    requires transitive fips.fsp;

    exports fips.testkit;
    exports fips.testkit.sim;
}
