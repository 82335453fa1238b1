package fips.fmp.lookup;

import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.identity.NodeAddr;
import java.util.HashSet;
import java.util.Set;

/** A hand-set spanning tree: the test names the parent, root, tree peers and version. */
final class FakeTree implements TreeView {
    final NodeAddr self;
    NodeAddr parent;
    NodeAddr root;
    Coords coords;
    long version;
    final Set<NodeAddr> treePeers = new HashSet<>();

    FakeTree(NodeAddr self) {
        this.self = self;
        this.parent = self;
        this.root = self;
        this.coords = Coords.root(self);
    }

    /** Adopts {@code p} as parent under {@code rootCoords}: a new parent, path and version. */
    FakeTree parent(NodeAddr p, Coords parentCoords) {
        treePeers.remove(parent);
        parent = p;
        treePeers.add(p);
        coords = Coords.child(self, parentCoords);
        root = coords.root();
        version++;
        return this;
    }

    FakeTree child(NodeAddr c) {
        treePeers.add(c);
        return this;
    }

    @Override public Coords coords() { return coords; }
    @Override public NodeAddr root() { return root; }
    @Override public NodeAddr parent() { return parent; }
    @Override public boolean isTreePeer(NodeAddr peer) { return treePeers.contains(peer); }
    @Override public Coords peerCoords(NodeAddr peer) { return null; }
    @Override public long version() { return version; }
}
