package fips.launcher.internal.config;

import java.util.List;
import java.util.Map;

/**
 * What every section mapper shares: the range bound {@link #U32_MAX} and the
 * one phrasing of a "not supported yet" warning (reference/configuration.md
 * keys this build accepts but does not act on). The section mappers are
 * {@link ConfigMapper} (top level, {@code node.identity}, {@code tun},
 * {@code dns}, {@code gateway}), {@link NodeSectionMapper},
 * {@link LookupRendezvousMapper}, {@link TransportsMapper} and
 * {@link PeersMapper}.
 */
final class MapperSupport {
    /** The largest u32, the bound of most integer keys. */
    static final long U32_MAX = Schema.U32_MAX;

    private MapperSupport() {}

    /** The one phrasing of a feature this build does not have: {@code path: not supported yet ... ignored}. */
    static void warnNotBuilt(List<String> warnings, String path, String feature, Object value) {
        warnings.add(path + ": not supported yet by this build (" + feature + "); " + Section.describe(value) + " ignored");
    }

    /** Each key of {@code v} written away from its default, as {@link #warnNotBuilt}. */
    static void warnChanged(List<String> warnings, Schema.Values v, String feature) {
        for (Map.Entry<String, Object> e : v.changed().entrySet()) {
            warnNotBuilt(warnings, e.getKey(), feature, e.getValue());
        }
    }
}
