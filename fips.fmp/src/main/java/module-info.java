/**
 * FMP, the FIPS mesh protocol: authenticated, encrypted links between peers
 * and, on top of them, the mesh (spanning tree, bloom filters, lookup,
 * forwarding).
 *
 * <ul>
 *   <li>{@code fips.fmp.wire}: the codecs: the common-prefix check, the
 *       handshake packets, the established (encrypted) frame and the link
 *       messages it carries.</li>
 *   <li>{@code fips.fmp.link}: {@code LinkCore}, the sans-IO link layer
 *       (handshake, index dispatch, heartbeat, rekey, disconnect).</li>
 *   <li>{@code fips.fmp.bloom}: the v1 bloom filter and {@code BloomState}, the
 *       per-peer filter exchange with split horizon.</li>
 *   <li>{@code fips.fmp.tree}: tree coordinates and the spanning-tree core.</li>
 *   <li>{@code fips.fmp.lookup}: coordinate discovery, the coordinate and identity caches.</li>
 *   <li>{@code fips.fmp.route}: SessionDatagram forwarding and the error signals of transit nodes.</li>
 *   <li>{@code fips.fmp.mesh}: {@code MeshCore}, all of the above wired into one node.</li>
 * </ul>
 *
 * <p>Spec: design/fips-mesh-layer.md; INTEROP.md sections 3, 5, 6, 7, 8.1 and 10.1;
 * reference/wire-formats.md "Link-Layer Formats" and "Link-Layer Message Types".
 */
// "module": the qualified export names fips.fsp, which javac cannot see while building this
// module (it is built later, on top of this one); the warning says nothing else.
@SuppressWarnings("module")
module fips.fmp {
    requires transitive fips.noise;
    requires transitive fips.link;

    exports fips.fmp.wire;
    exports fips.fmp.bloom;
    exports fips.fmp.link;
    exports fips.fmp.tree;
    exports fips.fmp.route;
    exports fips.fmp.lookup;
    exports fips.fmp.mesh;
    // The little-endian helpers, the bounds-checked reader and the common-prefix layout FSP shares.
    exports fips.fmp.internal to fips.fsp;
}
