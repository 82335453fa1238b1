package fips.fmp.lookup;

import fips.identity.FipsAddress;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Public keys by the 15-byte prefix of their NodeAddr, the part a FIPS IPv6
 * address carries (INTEROP.md 1.1 "Reverse lookup"): the IPv6 adapter maps a
 * destination address to a key with it, and the lookup originator finds the
 * key that must have signed a LookupResponse (INTEROP.md 4 "Verification
 * keys"). Least recently used out at capacity (default 10 000), no TTL.
 * {@link #get} counts as use. Owned by one thread.
 */
public final class IdentityCache {
    /** INTEROP.md 1.1 "Reverse lookup": {@code identity_size} default. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final int maxEntries;
    private final LinkedHashMap<FipsAddress, PublicKey> map;

    public IdentityCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public IdentityCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries=" + maxEntries + " must be >= 1");
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FipsAddress, PublicKey> eldest) {
                return size() > IdentityCache.this.maxEntries;
            }
        };
    }

    public int maxEntries() {
        return maxEntries;
    }

    public int size() {
        return map.size();
    }

    /** Adds or refreshes {@code key} under its address prefix; the least recently used entry goes if full. */
    public void put(PublicKey key) {
        Objects.requireNonNull(key, "key");
        map.put(key.fipsAddress(), key);
    }

    /** The key whose NodeAddr starts with the 15 bytes {@code addr} carries, or null. */
    public PublicKey get(FipsAddress addr) {
        return map.get(addr);
    }

    /**
     * The key stored under {@code addr}'s 15-byte prefix, or null. The key's
     * NodeAddr may differ from {@code addr} in the last byte; callers that need
     * the exact identity compare {@link PublicKey#nodeAddr()}.
     */
    public PublicKey get(NodeAddr addr) {
        return map.get(addr.fipsAddress());
    }

    /** Up to {@code limit} keys, most recently used first, for operator views; does not count as use. */
    public List<PublicKey> entries(int limit) {
        List<PublicKey> out = new ArrayList<>(Math.min(limit, map.size()));
        for (PublicKey k : map.sequencedValues().reversed()) {
            if (out.size() >= limit) break;
            out.add(k);
        }
        return out;
    }

    public boolean remove(FipsAddress addr) {
        return map.remove(addr) != null;
    }

    public void clear() {
        map.clear();
    }
}
