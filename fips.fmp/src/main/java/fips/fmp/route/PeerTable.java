package fips.fmp.route;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-peer state next-hop selection reads (INTEROP.md 5.5), kept in
 * parallel arrays so that a routing decision scans primitives and final
 * references: no map lookup, iterator, boxing or NodeAddr per candidate.
 *
 * <p><b>Who writes what.</b> The mesh glue keeps the table in step with the
 * layers that own the facts, on the protocol thread, at control-plane events:
 * <ul>
 *   <li>link up / down ({@code LinkEvent.Up} / {@code Down}): {@link #add} with
 *       the link MTU ({@code PeerLink.linkMtu()}), {@link #remove};</li>
 *   <li>an accepted TreeAnnounce of a peer: {@link #setCoords} with
 *       {@code TreeView.peerCoords(peer)}, or {@link #syncCoords} after any tree
 *       step;</li>
 *   <li>an accepted FilterAnnounce of a peer: {@link #setFilter} with that
 *       peer's inbound filter;</li>
 *   <li>MMP (when it exists): {@link #setLinkCost}; until then every peer costs
 *       {@value #DEFAULT_LINK_COST} (INTEROP.md 5.2, 5.5);</li>
 *   <li>a transport MTU change or roam: {@link #setLinkMtu};
 *       {@link #setSendable} if a link can be up but unable to carry a
 *       forward.</li>
 * </ul>
 * Setters answer false for a peer that is not in the table and change nothing.
 *
 * <p><b>References, not copies.</b> The table keeps the {@link Coords} (immutable)
 * and the {@link BloomFilter} it is given. A filter must not be mutated by
 * another thread; replacing it in the bloom state means calling
 * {@link #setFilter} again.
 *
 * <p><b>Layout.</b> Peers occupy positions {@code 0 .. size-1}; removal moves
 * the last peer into the hole. An open-addressing index maps a NodeAddr's two
 * longs to its position for the direct-peer check. Owned by one thread.
 */
public final class PeerTable {
    /** link_cost of a peer without MMP measurements (INTEROP.md 5.2: every candidate costs 1.0). */
    public static final double DEFAULT_LINK_COST = 1.0;

    private int size;
    private int filters;
    NodeAddr[] addr;
    long[] hi;
    long[] lo;
    int[] mtu;
    double[] cost;
    boolean[] sendable;
    Coords[] coords;
    BloomFilter[] filter;

    private int[] index; // 0 = empty, else position + 1
    private int mask;

    public PeerTable() {
        this(16);
    }

    /** @param initialCapacity peers held before the arrays grow */
    public PeerTable(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity=" + initialCapacity + " must be >= 1");
        }
        allocate(initialCapacity);
    }

    /**
     * Adds a peer whose link is up, sendable, with cost {@value #DEFAULT_LINK_COST}
     * and no coordinates or filter yet; for a peer already present, updates
     * its MTU and marks it sendable, keeping coordinates, filter and cost.
     *
     * @param linkMtuBytes the transport MTU toward the peer, largest FMP packet (1..65535+)
     */
    public void add(NodeAddr peer, int linkMtuBytes) {
        if (linkMtuBytes <= 0) {
            throw new IllegalArgumentException("peer=" + peer + " linkMtuBytes=" + linkMtuBytes + " must be > 0");
        }
        int p = find(peer.hi(), peer.lo());
        if (p < 0) {
            if (size == addr.length) {
                grow();
            }
            p = size++;
            addr[p] = peer;
            hi[p] = peer.hi();
            lo[p] = peer.lo();
            cost[p] = DEFAULT_LINK_COST;
            coords[p] = null;
            filter[p] = null;
            insertIndex(p);
        }
        mtu[p] = linkMtuBytes;
        sendable[p] = true;
    }

    /** Removes a peer whose link went down; false if it was not present. */
    public boolean remove(NodeAddr peer) {
        int p = find(peer.hi(), peer.lo());
        if (p < 0) {
            return false;
        }
        if (filter[p] != null) {
            filters--;
        }
        int last = --size;
        if (p != last) {
            addr[p] = addr[last];
            hi[p] = hi[last];
            lo[p] = lo[last];
            mtu[p] = mtu[last];
            cost[p] = cost[last];
            sendable[p] = sendable[last];
            coords[p] = coords[last];
            filter[p] = filter[last];
        }
        addr[last] = null;
        coords[last] = null;
        filter[last] = null;
        rebuildIndex();
        return true;
    }

    public boolean contains(NodeAddr peer) {
        return find(peer.hi(), peer.lo()) >= 0;
    }

    public int size() {
        return size;
    }

    /** The peers, in table order (control plane: allocates). */
    public List<NodeAddr> peers() {
        return new ArrayList<>(Arrays.asList(addr).subList(0, size));
    }

    /** The recorded link MTU toward {@code peer}, or 0 if it is not in the table. */
    public int linkMtu(NodeAddr peer) {
        int p = find(peer.hi(), peer.lo());
        return p < 0 ? 0 : mtu[p];
    }

    /** The recorded coordinates of {@code peer}, or null. */
    public Coords coords(NodeAddr peer) {
        int p = find(peer.hi(), peer.lo());
        return p < 0 ? null : coords[p];
    }

    public boolean setLinkMtu(NodeAddr peer, int linkMtuBytes) {
        if (linkMtuBytes <= 0) {
            throw new IllegalArgumentException("peer=" + peer + " linkMtuBytes=" + linkMtuBytes + " must be > 0");
        }
        int p = find(peer.hi(), peer.lo());
        if (p < 0) return false;
        mtu[p] = linkMtuBytes;
        return true;
    }

    /** link_cost, lower is better; the primary key among bloom candidates (INTEROP.md 5.5, 15 D12). */
    public boolean setLinkCost(NodeAddr peer, double linkCost) {
        if (!(linkCost >= 0) || Double.isInfinite(linkCost)) {
            throw new IllegalArgumentException("peer=" + peer + " linkCost=" + linkCost + " must be finite and >= 0");
        }
        int p = find(peer.hi(), peer.lo());
        if (p < 0) return false;
        cost[p] = linkCost;
        return true;
    }

    /** Whether the link can carry a forward now (the reference's {@code can_send}, INTEROP.md 5.5). */
    public boolean setSendable(NodeAddr peer, boolean canSend) {
        int p = find(peer.hi(), peer.lo());
        if (p < 0) return false;
        sendable[p] = canSend;
        return true;
    }

    /** The coordinates {@code peer} declared in its latest accepted TreeAnnounce, or null (unknown). */
    public boolean setCoords(NodeAddr peer, Coords peerCoords) {
        int p = find(peer.hi(), peer.lo());
        if (p < 0) return false;
        coords[p] = peerCoords;
        return true;
    }

    /** The filter {@code peer} announced to us (its inbound filter, INTEROP.md 6), or null (none). */
    public boolean setFilter(NodeAddr peer, BloomFilter inbound) {
        int p = find(peer.hi(), peer.lo());
        if (p < 0) return false;
        if (filter[p] != null) filters--;
        if (inbound != null) filters++;
        filter[p] = inbound;
        return true;
    }

    /** Re-reads every peer's coordinates from the tree (control plane: one map lookup per peer). */
    public void syncCoords(TreeView tree) {
        for (int p = 0; p < size; p++) {
            coords[p] = tree.peerCoords(addr[p]);
        }
    }

    // ---------------------------------------------------------------- forwarding path (package-private)

    int count() {
        return size;
    }

    /** Whether any peer has a filter, so the destination need not be hashed otherwise. */
    boolean anyFilter() {
        return filters > 0;
    }

    /** Position of the peer with this NodeAddr, or -1. No allocation. */
    int find(long h, long l) {
        int i = hash(h, l) & mask;
        while (true) {
            int e = index[i];
            if (e == 0) {
                return -1;
            }
            int p = e - 1;
            if (hi[p] == h && lo[p] == l) {
                return p;
            }
            i = (i + 1) & mask;
        }
    }

    // ---------------------------------------------------------------- storage

    private static int hash(long h, long l) {
        long x = (h ^ Long.rotateLeft(l, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    private void allocate(int capacity) {
        addr = new NodeAddr[capacity];
        hi = new long[capacity];
        lo = new long[capacity];
        mtu = new int[capacity];
        cost = new double[capacity];
        sendable = new boolean[capacity];
        coords = new Coords[capacity];
        filter = new BloomFilter[capacity];
        int slots = Integer.highestOneBit(capacity * 4 - 1) << 1; // load factor at most 1/2
        index = new int[slots];
        mask = slots - 1;
    }

    private void grow() {
        int n = addr.length * 2;
        addr = Arrays.copyOf(addr, n);
        hi = Arrays.copyOf(hi, n);
        lo = Arrays.copyOf(lo, n);
        mtu = Arrays.copyOf(mtu, n);
        cost = Arrays.copyOf(cost, n);
        sendable = Arrays.copyOf(sendable, n);
        coords = Arrays.copyOf(coords, n);
        filter = Arrays.copyOf(filter, n);
        int slots = Integer.highestOneBit(n * 4 - 1) << 1;
        index = new int[slots];
        mask = slots - 1;
        rebuildIndex();
    }

    private void rebuildIndex() {
        Arrays.fill(index, 0);
        for (int p = 0; p < size; p++) {
            insertIndex(p);
        }
    }

    private void insertIndex(int p) {
        int i = hash(hi[p], lo[p]) & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = p + 1;
    }
}
