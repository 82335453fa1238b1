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
 * @param defaultTtl node.session.default_ttl: the ttl of SessionDatagrams and error signals this
 *     node originates (INTEROP.md 8.1; 64), 1..255
 */
public record MeshConfig(LinkConfig link, TreeConfig tree, BloomConfig bloom, LookupConfig lookup,
                         int coordCacheEntries, long coordCacheTtlMs, int identityCacheEntries, int defaultTtl) {
    public static MeshConfig defaults() {
        return new MeshConfig(LinkConfig.defaults(), TreeConfig.defaults(), BloomConfig.defaults(),
                LookupConfig.defaults(), 50_000, 300_000, 10_000, fips.fmp.route.Router.DEFAULT_TTL);
    }

    /** Without a ttl: the default of INTEROP.md 8.1. */
    public MeshConfig(LinkConfig link, TreeConfig tree, BloomConfig bloom, LookupConfig lookup,
                      int coordCacheEntries, long coordCacheTtlMs, int identityCacheEntries) {
        this(link, tree, bloom, lookup, coordCacheEntries, coordCacheTtlMs, identityCacheEntries,
                fips.fmp.route.Router.DEFAULT_TTL);
    }

    public MeshConfig {
        if (coordCacheEntries <= 0 || coordCacheTtlMs <= 0 || identityCacheEntries <= 0) {
            throw new IllegalArgumentException("cache sizes and TTL must be > 0: coordCacheEntries=" + coordCacheEntries
                    + " coordCacheTtlMs=" + coordCacheTtlMs + " identityCacheEntries=" + identityCacheEntries);
        }
        if (defaultTtl < 1 || defaultTtl > 255) {
            throw new IllegalArgumentException("node.session.default_ttl=" + defaultTtl + " must be in 1..255");
        }
    }

    public MeshConfig withLink(LinkConfig l) {
        return new MeshConfig(l, tree, bloom, lookup, coordCacheEntries, coordCacheTtlMs, identityCacheEntries,
                defaultTtl);
    }
}
