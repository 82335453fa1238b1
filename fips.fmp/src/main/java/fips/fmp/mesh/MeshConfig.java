package fips.fmp.mesh;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.link.LinkConfig;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.tree.TreeConfig;

/**
 * The tunables of every mesh-layer core, each with the defaults of
 * reference/configuration.md and INTEROP.md.
 *
 * @param coordCacheEntries node.cache.coord_size (INTEROP.md 7 "Coord cache")
 * @param coordCacheTtlMs node.cache.coord_ttl_secs
 * @param identityCacheEntries node.cache.identity_size (INTEROP.md 1.1)
 */
public record MeshConfig(LinkConfig link, TreeConfig tree, BloomConfig bloom, LookupConfig lookup,
                         int coordCacheEntries, long coordCacheTtlMs, int identityCacheEntries) {
    public static MeshConfig defaults() {
        return new MeshConfig(LinkConfig.defaults(), TreeConfig.defaults(), BloomConfig.defaults(),
                LookupConfig.defaults(), 50_000, 300_000, 10_000);
    }

    public MeshConfig {
        if (coordCacheEntries <= 0 || coordCacheTtlMs <= 0 || identityCacheEntries <= 0) {
            throw new IllegalArgumentException("cache sizes and TTL must be > 0: coordCacheEntries=" + coordCacheEntries
                    + " coordCacheTtlMs=" + coordCacheTtlMs + " identityCacheEntries=" + identityCacheEntries);
        }
    }

    public MeshConfig withLink(LinkConfig l) {
        return new MeshConfig(l, tree, bloom, lookup, coordCacheEntries, coordCacheTtlMs, identityCacheEntries);
    }
}
