package fips.fmp.tree;

import fips.identity.NodeAddr;

/**
 * What the rest of the mesh layer reads from the spanning tree
 * (design/fips-spanning-tree.md; INTEROP.md 5). Implemented by the tree core;
 * read on the protocol thread only.
 */
public interface TreeView {
    /** Own coordinates, self to root. */
    Coords coords();

    NodeAddr root();

    /** The current parent; the node itself when it is the root. */
    NodeAddr parent();

    /** Parent, or a peer whose accepted declaration names this node as its parent (INTEROP.md 6 "Outgoing filter"). */
    boolean isTreePeer(NodeAddr peer);

    /** The coordinates a peer declared in its latest accepted TreeAnnounce, or null. */
    Coords peerCoords(NodeAddr peer);

    /** Increments whenever {@link #coords()} changes, so users can revalidate cached decisions cheaply. */
    long version();
}
