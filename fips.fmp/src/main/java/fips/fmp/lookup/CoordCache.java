package fips.fmp.lookup;

import fips.fmp.internal.NodeAddrMap;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * NodeAddr → tree coordinates (and the path MTU a lookup found), for routing
 * towards nodes that are not peers (INTEROP.md 7 "Coord cache", 5.5;
 * design/fips-mesh-operation.md "Coordinate Caching").
 *
 * <p>Every entry lives {@code ttlMs} from its last insert, update or
 * {@link #getAndTouch}; after that it is expired ({@code nowMs > expiry}) and
 * removed when next accessed. When a new entry does not fit, an expired entry
 * is evicted, else the one idle longest. Entries sit in one list ordered by
 * last use; as every refresh sets both the last use and the expiry from the
 * same {@code nowMs} and one TTL, the head of that list is both the longest
 * idle and the first to expire, so eviction, lookup and touch are O(1), and
 * {@link #get} / {@link #getAndTouch} allocate nothing (they may sit on the
 * forwarding path). Owned by one thread.
 */
public final class CoordCache {
    /** INTEROP.md 7 "Coord cache": {@code node.cache.coord_size} default. */
    public static final int DEFAULT_MAX_ENTRIES = 50_000;
    /** INTEROP.md 7 "Coord cache": {@code node.cache.coord_ttl} default, 300 s. */
    public static final long DEFAULT_TTL_MS = 300_000;
    /** {@link #pathMtu} when the entry carries none. */
    public static final int NO_PATH_MTU = 0;

    private static final class Entry {
        final NodeAddr addr;
        Coords coords;
        int pathMtu;
        long insertedMs;
        long lastUsedMs;
        long expiresAtMs;
        Entry prev; // towards the longest idle
        Entry next; // towards the most recently used

        Entry(NodeAddr addr) {
            this.addr = addr;
        }
    }

    private final int maxEntries;
    private final long ttlMs;
    private final NodeAddrMap<Entry> map; // keyed by the two longs: lookups allocate nothing
    private Entry head; // longest idle, first to expire
    private Entry tail; // most recently used
    private long evictedExpired;
    private long evictedIdle;

    /** 50 000 entries, 300 s. */
    public CoordCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_TTL_MS);
    }

    public CoordCache(int maxEntries, long ttlMs) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries=" + maxEntries + " must be >= 1");
        }
        if (ttlMs < 0) {
            throw new IllegalArgumentException("ttlMs=" + ttlMs + " is negative");
        }
        this.maxEntries = maxEntries;
        this.ttlMs = ttlMs;
        this.map = new NodeAddrMap<>(Math.min(maxEntries, 1024));
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long ttlMs() {
        return ttlMs;
    }

    /** Entries held, expired ones not yet removed included. */
    public int size() {
        return map.size();
    }

    /**
     * One entry as an operator sees it (the control socket's {@code show_cache}).
     *
     * @param pathMtu {@link #NO_PATH_MTU} if none was recorded
     * @param insertedMs when the coordinates were last inserted or updated
     */
    public record EntryView(NodeAddr addr, Coords coords, int pathMtu, long insertedMs, long lastUsedMs,
                            long expiresAtMs) {}

    /**
     * Up to {@code limit} live entries, most recently used first, for operator
     * views. Reads only: expired entries are skipped, not removed, and nothing
     * is refreshed.
     */
    public List<EntryView> entries(int limit, long nowMs) {
        List<EntryView> out = new ArrayList<>(Math.min(limit, map.size()));
        for (Entry e = tail; e != null && out.size() < limit; e = e.prev) {
            if (nowMs <= e.expiresAtMs) {
                out.add(new EntryView(e.addr, e.coords, e.pathMtu, e.insertedMs, e.lastUsedMs, e.expiresAtMs));
            }
        }
        return out;
    }

    /** Entries held whose TTL has run out but that have not been removed yet. */
    public int expiredCount(long nowMs) {
        int n = 0;
        for (Entry e = head; e != null; e = e.next) {
            if (nowMs > e.expiresAtMs) n++;
        }
        return n;
    }

    /**
     * Inserts or updates {@code addr}'s coordinates and restarts its TTL. An
     * update keeps the path MTU the entry had.
     */
    public void insert(NodeAddr addr, Coords coords, long nowMs) {
        put(addr, coords, -1, nowMs);
    }

    /** {@link #insert(NodeAddr, Coords, long)} that also records the path MTU a lookup found. */
    public void insert(NodeAddr addr, Coords coords, int pathMtuBytes, long nowMs) {
        if (pathMtuBytes <= 0 || pathMtuBytes > 0xFFFF) {
            throw new IllegalArgumentException("pathMtuBytes=" + pathMtuBytes + " outside 1..65535");
        }
        put(addr, coords, pathMtuBytes, nowMs);
    }

    /** The coordinates of {@code addr}, or null; does not refresh. An expired entry is removed. */
    public Coords get(NodeAddr addr, long nowMs) {
        Entry e = live(addr, nowMs);
        return e == null ? null : e.coords;
    }

    /**
     * The coordinates of {@code addr}, or null; a hit restarts the TTL and
     * makes the entry the most recently used (routing use). An expired entry
     * is removed.
     */
    public Coords getAndTouch(NodeAddr addr, long nowMs) {
        Entry e = live(addr, nowMs);
        if (e == null) {
            return null;
        }
        refresh(e, nowMs);
        return e.coords;
    }

    /**
     * {@link #getAndTouch(NodeAddr, long)} for a destination read straight off
     * a packet as its two longs: the forwarding path's lookup, allocation-free.
     */
    public Coords getAndTouch(long addrHi, long addrLo, long nowMs) {
        Entry e = live(addrHi, addrLo, nowMs);
        if (e == null) {
            return null;
        }
        refresh(e, nowMs);
        return e.coords;
    }

    /** The path MTU recorded with {@code addr}, or {@link #NO_PATH_MTU}; does not refresh. */
    public int pathMtu(NodeAddr addr, long nowMs) {
        Entry e = live(addr, nowMs);
        return e == null ? NO_PATH_MTU : e.pathMtu;
    }

    /** True if {@code addr} has an entry that has not expired; does not refresh. */
    public boolean contains(NodeAddr addr, long nowMs) {
        return live(addr, nowMs) != null;
    }

    /** When {@code addr}'s entry expires, or {@link Long#MIN_VALUE} if there is none. */
    public long expiresAtMs(NodeAddr addr) {
        Entry e = map.get(addr);
        return e == null ? Long.MIN_VALUE : e.expiresAtMs;
    }

    public boolean remove(NodeAddr addr) {
        Entry e = map.remove(addr);
        if (e == null) {
            return false;
        }
        unlink(e);
        return true;
    }

    /**
     * After a parent change: removes every entry whose coordinates contain
     * {@code node} (this node's own address) (INTEROP.md 5.5, 15 [D7]). O(n).
     *
     * @return entries removed
     */
    public int removeContaining(NodeAddr node) {
        int n = 0;
        for (Entry e = head; e != null; ) {
            Entry next = e.next;
            if (e.coords.contains(node)) {
                map.remove(e.addr);
                unlink(e);
                n++;
            }
            e = next;
        }
        return n;
    }

    /**
     * After a root change: removes every entry under a root other than
     * {@code root} (INTEROP.md 5.5, 15 [D7]). O(n).
     *
     * @return entries removed
     */
    public int removeOtherRoots(NodeAddr root) {
        int n = 0;
        for (Entry e = head; e != null; ) {
            Entry next = e.next;
            if (!e.coords.root().equals(root)) {
                map.remove(e.addr);
                unlink(e);
                n++;
            }
            e = next;
        }
        return n;
    }

    /** Removes every expired entry; they are all at the head. */
    public int purgeExpired(long nowMs) {
        int n = 0;
        while (head != null && nowMs > head.expiresAtMs) {
            Entry e = head;
            map.remove(e.addr);
            unlink(e);
            n++;
        }
        return n;
    }

    public void clear() {
        map.clear();
        head = tail = null;
    }

    /** Entries evicted to make room that had expired. */
    public long evictedExpired() {
        return evictedExpired;
    }

    /** Entries evicted to make room while still live (the longest idle). */
    public long evictedIdle() {
        return evictedIdle;
    }

    // ---------------------------------------------------------------- internals

    private void put(NodeAddr addr, Coords coords, int pathMtu, long nowMs) {
        Objects.requireNonNull(coords, "coords");
        Entry e = map.get(addr);
        if (e == null) {
            if (map.size() >= maxEntries) {
                evictOne(nowMs);
            }
            e = new Entry(addr);
            map.put(addr, e);
            e.pathMtu = NO_PATH_MTU;
        } else {
            unlink(e);
        }
        e.coords = coords;
        e.insertedMs = nowMs;
        if (pathMtu > 0) {
            e.pathMtu = pathMtu;
        }
        e.lastUsedMs = nowMs;
        e.expiresAtMs = expiry(nowMs);
        linkLast(e);
    }

    private Entry live(NodeAddr addr, long nowMs) {
        return live(addr.hi(), addr.lo(), nowMs);
    }

    private Entry live(long hi, long lo, long nowMs) {
        Entry e = map.get(hi, lo);
        if (e == null) {
            return null;
        }
        if (nowMs > e.expiresAtMs) {
            map.remove(e.addr);
            unlink(e);
            return null;
        }
        return e;
    }

    private void refresh(Entry e, long nowMs) {
        e.lastUsedMs = nowMs;
        e.expiresAtMs = expiry(nowMs);
        if (e != tail) {
            unlink(e);
            linkLast(e);
        }
    }

    /** An expired entry if there is one, else the longest idle: the head either way. */
    private void evictOne(long nowMs) {
        Entry e = head;
        if (nowMs > e.expiresAtMs) {
            evictedExpired++;
        } else {
            evictedIdle++;
        }
        map.remove(e.addr);
        unlink(e);
    }

    private long expiry(long nowMs) {
        long x = nowMs + ttlMs;
        return x < nowMs ? Long.MAX_VALUE : x;
    }

    private void linkLast(Entry e) {
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    private void unlink(Entry e) {
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }
}
