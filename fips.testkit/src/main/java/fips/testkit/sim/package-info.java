/**
 * Whole-mesh scenarios on the simulator: {@code Topology} (ring, grid,
 * random geometric, Barabási–Albert and edge-file graphs), {@code TreeCheck}
 * (is the spanning tree consistent) and {@code FipsSim}, the scenario runner
 * behind {@code bin/fips-sim}: build a mesh of {@code MeshCore}s, converge,
 * churn, sample lookups and datagrams, report one JSON object.
 */
package fips.testkit.sim;
