package fips.fmp.tree;

import fips.identity.NodeAddr;
import java.util.HashSet;
import java.util.Set;

/** A hand-set spanning tree for the bloom and lookup tests: the test names the parent, root, tree peers and version. */
public final class FakeTree implements TreeView {
    public final NodeAddr self;
    public NodeAddr parent;
    public NodeAddr root;
    public Coords coords;
    public long version;
    public final Set<NodeAddr> treePeers = new HashSet<>();

    public FakeTree(NodeAddr self) {
        this.self = self;
        this.parent = self;
        this.root = self;
        this.coords = Coords.root(self);
    }

    /** Adopts {@code p} as parent under {@code rootCoords}: a new parent, path and version. */
    public FakeTree parent(NodeAddr p, Coords parentCoords) {
        treePeers.remove(parent);
        parent = p;
        treePeers.add(p);
        coords = Coords.child(self, parentCoords);
        root = coords.root();
        version++;
        return this;
    }

    public FakeTree child(NodeAddr c) {
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
