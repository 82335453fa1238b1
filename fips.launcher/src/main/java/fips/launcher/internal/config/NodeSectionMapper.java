package fips.launcher.internal.config;

import static fips.launcher.internal.config.MapperSupport.U32_MAX;
import static fips.launcher.internal.config.MapperSupport.warnChanged;
import static fips.launcher.internal.config.MapperSupport.warnNotBuilt;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.link.LinkConfig;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.route.Router;
import fips.fmp.tree.TreeConfig;
import fips.fsp.session.SessionConfig;
import fips.launcher.internal.log.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps {@code node.*} (reference/configuration.md "Node", "Rate Limiting",
 * "Spanning Tree", "Bloom Filter", "Cache Parameters", "Session / Data
 * Plane", "Control Socket", "ECN Signaling", "Native Datagram API", the MMP
 * blocks; INTEROP.md 14) into a {@link NodeConfig}: node-wide timers and
 * limits, {@code rekey}, {@code rate_limit}, {@code retry}, {@code buffers},
 * {@code tree}, {@code bloom}, {@code cache}, {@code session},
 * {@code control}, {@code mmp}/{@code session_mmp}, {@code ecn} and
 * {@code native_api}. {@code node.lookup}, {@code node.rendezvous} and their
 * deprecated {@code node.discovery} alias are {@link LookupRendezvousMapper}'s;
 * {@code node.identity} is {@link ConfigMapper}'s.
 */
final class NodeSectionMapper {
    /** INTEROP.md 3.8 "Trigger": rekey jitter is uniform in [-15, +15] s. */
    private static final long REKEY_JITTER_MS = 15_000;

    private NodeSectionMapper() {}

    /** {@code node.*} but {@code node.identity}; the caller has checked the keys of {@code node}. */
    static NodeConfig nodeConfig(Section node, List<String> warnings) throws ConfigException {
        Log.Level level = null;
        String levelText = node.string("log_level", null);
        if (levelText != null) {
            level = Log.Level.parse(levelText);
            if (level == null) {
                throw ConfigException.at(node.child("log_level"), "expected one of trace, debug, info, warn, error, got "
                        + Section.describe(levelText));
            }
        }
        long tickSecs = node.integer("tick_interval_secs", 1, 1, 86_400);
        long heartbeatSecs = node.integer("heartbeat_interval_secs", 10, 1, U32_MAX);
        long deadSecs = node.integer("link_dead_timeout_secs", 30, 1, U32_MAX);
        boolean leafOnly = node.bool("leaf_only", false);
        if (leafOnly) warnNotBuilt(warnings, node.child("leaf_only"), "leaf-only mode", true);
        long baseRttMs = node.integer("base_rtt_ms", NodeConfig.DEFAULT_BASE_RTT_MS, 1, U32_MAX);
        if (baseRttMs != NodeConfig.DEFAULT_BASE_RTT_MS) {
            warnNotBuilt(warnings, node.child("base_rtt_ms"), "MMP RTT estimation", baseRttMs);
        }
        // INTEROP.md 14: default 2 s; 0 stops without waiting.
        long drainSecs = node.integer("drain_timeout_secs", NodeConfig.DEFAULT_DRAIN_TIMEOUT_MS / 1000, 0, 3_600);

        Section limits = node.section("limits");
        limits.checkKeys(Set.of("max_connections", "max_peers", "max_links", "max_pending_inbound"));
        // 0 = unlimited (reference/configuration.md "Rate Limiting").
        long maxPeersRaw = limits.integer("max_peers", 128, 0, Integer.MAX_VALUE);
        int maxPeers = maxPeersRaw == 0 ? Integer.MAX_VALUE : (int) maxPeersRaw;
        int maxPendingInbound = (int) limits.integer("max_pending_inbound", 1000, 1, Integer.MAX_VALUE);
        int maxConnections = unlimitedIfZero(limits.integer("max_connections", NodeConfig.DEFAULT_MAX_CONNECTIONS, 0,
                Integer.MAX_VALUE));
        int maxLinks = unlimitedIfZero(limits.integer("max_links", NodeConfig.DEFAULT_MAX_LINKS, 0, Integer.MAX_VALUE));
        for (String k : List.of("max_connections", "max_links")) {
            long def = k.equals("max_links") ? NodeConfig.DEFAULT_MAX_LINKS : NodeConfig.DEFAULT_MAX_CONNECTIONS;
            if (limits.has(k) && limits.integer(k, def, 0, Integer.MAX_VALUE) != def) {
                warnNotBuilt(warnings, limits.child(k), "this limit is not enforced", limits.raw().get(k));
            }
        }

        Section rekey = node.section("rekey");
        rekey.checkKeys(Set.of("enabled", "after_secs", "after_messages"));
        boolean rekeyEnabled = rekey.bool("enabled", true);
        long rekeyAfterSecs = rekey.integer("after_secs", 120, 1, U32_MAX);
        long rekeyAfterMessages = rekey.integer("after_messages", 65_536, 1, 1L << 62);

        Section rl = node.section("rate_limit");
        rl.checkKeys(Set.of("handshake_burst", "handshake_rate", "handshake_timeout_secs", "handshake_resend_interval_ms",
                        "handshake_resend_backoff", "handshake_max_resends", "established_handshake_burst",
                        "established_handshake_rate", "session_setup_burst", "session_setup_rate"));
        long burst = rl.integer("handshake_burst", 100, 1, U32_MAX);
        double rate = rl.number("handshake_rate", 10.0, 0, true, 1e9);
        long hsTimeoutSecs = rl.integer("handshake_timeout_secs", 30, 1, U32_MAX);
        long resendMs = rl.integer("handshake_resend_interval_ms", 1000, 1, U32_MAX);
        double backoff = rl.number("handshake_resend_backoff", 2.0, 1.0, false, 1000.0);
        int maxResends = (int) rl.integer("handshake_max_resends", 5, 0, 1000);
        Long estBurst = rl.optionalInteger("established_handshake_burst", 1, U32_MAX);
        Double estRate = rl.optionalNumber("established_handshake_rate", 0, true, 1e9);
        long setupBurst = rl.integer("session_setup_burst", 64, 1, U32_MAX);
        double setupRate = rl.number("session_setup_rate", 16.0, 0, true, 1e9);
        // reference/configuration.md "Rate Limiting": derived from max_peers and the rekey period;
        // max_peers 0 (unlimited) falls back to the stranger bucket's sizing. The session layer's
        // established bucket is derived the same way from its own stranger bucket.
        double derivedBurst = maxPeersRaw == 0 ? burst : maxPeersRaw;
        double derivedRate = maxPeersRaw == 0 ? rate
                : Math.max(1.0, (double) maxPeersRaw / Math.max(rekeyAfterSecs, 1) * (1 + maxResends));

        Section retry = node.section("retry");
        retry.checkKeys(Set.of("max_retries", "base_interval_secs", "max_backoff_secs"));
        int maxRetries = (int) retry.integer("max_retries", 5, 0, Integer.MAX_VALUE);
        long baseSecs = retry.integer("base_interval_secs", 5, 1, U32_MAX);
        long maxBackoffSecs = retry.integer("max_backoff_secs", 300, 1, U32_MAX);

        Section buffers = node.section("buffers");
        buffers.checkKeys(Set.of("packet_channel", "tun_channel", "dns_channel"));
        int packetChannel = (int) buffers.integer("packet_channel", NodeConfig.DEFAULT_CHANNEL, 1, 65_536);
        int tunChannel = (int) buffers.integer("tun_channel", NodeConfig.DEFAULT_CHANNEL, 1, 65_536);
        int dnsChannel = (int) buffers.integer("dns_channel", NodeConfig.DEFAULT_DNS_CHANNEL, 1, 65_536);

        long rekeyAfterMs = rekeyAfterSecs * 1000;
        long rekeyJitterMs = Math.min(REKEY_JITTER_MS, rekeyAfterMs / 8);
        LinkConfig link;
        try {
            link = new LinkConfig(
                    heartbeatSecs * 1000, deadSecs * 1000,
                    hsTimeoutSecs * 1000, resendMs, backoff, maxResends,
                    rekeyEnabled, rekeyAfterMs, rekeyAfterMessages, rekeyJitterMs,
                    maxPeers, maxPendingInbound,
                    burst, rate,
                    estBurst != null ? estBurst : derivedBurst, estRate != null ? estRate : derivedRate,
                    maxRetries, baseSecs * 1000, maxBackoffSecs * 1000);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at("node", e.getMessage());
        }
        TreeConfig tree = tree(node.section("tree"));
        BloomConfig bloom = bloom(node.section("bloom"));
        LookupConfig lookup = LookupRendezvousMapper.lookup(node.section("lookup"), node.section("discovery"), warnings);
        RendezvousConfig rendezvous = LookupRendezvousMapper.rendezvous(node.section("rendezvous"),
                node.section("discovery"), warnings);

        // reference/configuration.md "Cache Parameters (node.cache.*)"; defaults from MeshConfig.defaults().
        Section cache = node.section("cache");
        cache.checkKeys(Set.of("coord_size", "coord_ttl_secs", "identity_size"));
        MeshConfig d = MeshConfig.defaults();
        int coordSize = (int) cache.integer("coord_size", d.coordCacheEntries(), 1, Integer.MAX_VALUE);
        long coordTtlSecs = cache.integer("coord_ttl_secs", d.coordCacheTtlMs() / 1000, 1, U32_MAX);
        int identitySize = (int) cache.integer("identity_size", d.identityCacheEntries(), 1, Integer.MAX_VALUE);

        Section sessionSection = node.section("session");
        int defaultTtl = (int) sessionSection.integer("default_ttl", Router.DEFAULT_TTL, 1, 255); // u8; 0 would drop all
        SessionConfig session = session(sessionSection, hsTimeoutSecs * 1000, resendMs, backoff, maxResends,
                setupBurst, setupRate, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages, rekeyJitterMs);
        ControlConfig control = control(node.section("control"));
        MmpConfig linkMmp = mmp(node.section("mmp"), "link MMP", warnings);
        MmpConfig sessionMmp = mmp(node.section("session_mmp"), "session MMP", warnings);
        EcnConfig ecn = ecn(node.section("ecn"), warnings);
        NativeApiConfig nativeApi = nativeApi(node.section("native_api"), warnings);

        MeshConfig mesh = new MeshConfig(link, tree, bloom, lookup, coordSize, coordTtlSecs * 1000, identitySize,
                defaultTtl);
        return new NodeConfig(mesh, tickSecs * 1000, level, packetChannel, tunChannel, dnsChannel, leafOnly, baseRttMs,
                drainSecs * 1000, maxConnections, maxLinks, session, control, linkMmp, sessionMmp, ecn, rendezvous,
                nativeApi);
    }

    private static int unlimitedIfZero(long v) {
        return v == 0 ? Integer.MAX_VALUE : (int) v;
    }

    /** reference/configuration.md "Session / Data Plane (node.session.*)"; INTEROP.md 8.6, 8.7. */
    private static SessionConfig session(Section s, long hsTimeoutMs, long resendMs, double backoff, int maxResends,
                                         long setupBurst, double setupRate, boolean rekeyEnabled, long rekeyAfterMs,
                                         long rekeyAfterMessages, long rekeyJitterMs) throws ConfigException {
        s.checkKeys(Set.of("default_ttl", "pending_packets_per_dest", "pending_max_destinations", "idle_timeout_secs",
                "coords_warmup_packets", "coords_response_interval_ms"));
        SessionConfig d = SessionConfig.defaults();
        int perDest = (int) s.integer("pending_packets_per_dest", d.pendingPacketsPerDest(), 1, 65_536);
        int maxDest = (int) s.integer("pending_max_destinations", d.pendingMaxDestinations(), 1, 1 << 20);
        long idleSecs = s.integer("idle_timeout_secs", d.idleTimeoutMs() / 1000, 1, U32_MAX);
        int warmup = (int) s.integer("coords_warmup_packets", d.coordsWarmupPackets(), 0, 255); // u8
        long coordsMs = s.integer("coords_response_interval_ms", d.coordsResponseIntervalMs(), 0, U32_MAX);
        return new SessionConfig(perDest, maxDest, idleSecs * 1000, warmup, coordsMs, hsTimeoutMs, resendMs,
                backoff, maxResends, setupBurst, setupRate, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages,
                rekeyJitterMs);
    }

    /** reference/configuration.md "Control Socket (node.control.*)". */
    private static ControlConfig control(Section s) throws ConfigException {
        s.checkKeys(Set.of("enabled", "socket_path"));
        boolean enabled = s.bool("enabled", true);
        String text = s.string("socket_path", null);
        Path path = null;
        if (text != null) {
            path = socketPath(s.child("socket_path"), text);
        }
        return new ControlConfig(enabled, path);
    }

    private static Path socketPath(String key, String text) throws ConfigException {
        if (text.isEmpty()) throw ConfigException.at(key, "must not be empty (leave the key out for the automatic path)");
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ControlConfig.MAX_SOCKET_PATH_BYTES) {
            throw ConfigException.at(key, "a Unix socket path is at most " + ControlConfig.MAX_SOCKET_PATH_BYTES
                    + " bytes, got " + bytes + " (" + Section.describe(text) + ")");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw ConfigException.at(key, "not a valid path: " + Section.describe(text));
        }
    }

    private static final Schema MMP = Schema.of(
            Schema.choice("mode", "full", "full", "lightweight", "minimal"),
            Schema.integer("log_interval_secs", 30L, 1, U32_MAX),
            Schema.integer("owd_window_size", 32L, 1, 1 << 16));

    /** {@code node.mmp.*} / {@code node.session_mmp.*} (reference/configuration.md; INTEROP.md 14: the same keys). */
    private static MmpConfig mmp(Section s, String feature, List<String> warnings) throws ConfigException {
        Schema.Values v = MMP.read(s);
        warnChanged(warnings, v, feature);
        return new MmpConfig(MmpConfig.Mode.valueOf(v.string("mode").toUpperCase(Locale.ROOT)),
                v.integer("log_interval_secs") * 1000, v.intValue("owd_window_size"));
    }

    private static final Schema ECN = Schema.of(
            Schema.bool("enabled", true),
            Schema.number("loss_threshold", 0.05, 0.0, false, 1.0, false),
            Schema.number("etx_threshold", 3.0, 1.0, false, 1e6, false));

    /** {@code node.ecn.*} (reference/configuration.md "ECN Signaling"). */
    private static EcnConfig ecn(Section s, List<String> warnings) throws ConfigException {
        Schema.Values v = ECN.read(s);
        warnChanged(warnings, v, "ECN congestion signalling");
        return new EcnConfig(v.bool("enabled"), v.number("loss_threshold"), v.number("etx_threshold"));
    }

    private static final Schema NATIVE_API = Schema.of(
            Schema.bool("enabled", false),
            Schema.string("socket_path", null),
            Schema.integer("pending_per_flow", 16L, 1, 64),
            Schema.integer("backlog", 16L, 1, Integer.MAX_VALUE),
            Schema.integer("max_flows", 256L, 1, Integer.MAX_VALUE),
            Schema.bool("debug_commands", false));

    /** {@code node.native_api.*} (reference/configuration.md "Native Datagram API"). */
    private static NativeApiConfig nativeApi(Section s, List<String> warnings) throws ConfigException {
        Schema.Values v = NATIVE_API.read(s);
        if (v.bool("enabled")) warnNotBuilt(warnings, v.path("enabled"), "native datagram API", true);
        String sock = v.string("socket_path");
        return new NativeApiConfig(v.bool("enabled"), sock == null ? null : socketPath(v.path("socket_path"), sock),
                v.intValue("pending_per_flow"), v.intValue("backlog"), v.intValue("max_flows"), v.bool("debug_commands"));
    }

    /** reference/configuration.md "Spanning Tree (node.tree.*)"; defaults from {@link TreeConfig#defaults()}. */
    private static TreeConfig tree(Section t) throws ConfigException {
        t.checkKeys(Set.of("announce_min_interval_ms", "parent_hysteresis", "hold_down_secs", "reeval_interval_secs",
                "flap_threshold", "flap_window_secs", "flap_dampening_secs"));
        TreeConfig d = TreeConfig.defaults();
        long announceMinMs = t.integer("announce_min_interval_ms", d.announceMinIntervalMs(), 0, U32_MAX);
        // TreeConfig needs the fraction below 1: at 1.0 no candidate could ever improve enough.
        double hysteresis = t.number("parent_hysteresis", d.parentHysteresis(), 0.0, false, 1.0, true);
        long holdDownSecs = t.integer("hold_down_secs", d.holdDownMs() / 1000, 0, U32_MAX);
        long reevalSecs = t.integer("reeval_interval_secs", d.reevalIntervalMs() / 1000, 0, U32_MAX); // 0 = off
        int flapThreshold = (int) t.integer("flap_threshold", d.flapThreshold(), 1, Integer.MAX_VALUE);
        long flapWindowSecs = t.integer("flap_window_secs", d.flapWindowMs() / 1000, 1, U32_MAX);
        long flapDampeningSecs = t.integer("flap_dampening_secs", d.flapDampeningMs() / 1000, 0, U32_MAX);
        try {
            return new TreeConfig(holdDownSecs * 1000, flapThreshold, flapWindowSecs * 1000, flapDampeningSecs * 1000,
                    reevalSecs * 1000, announceMinMs, hysteresis, d.maxDepth());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(t.path(), e.getMessage());
        }
    }

    /** reference/configuration.md "Bloom Filter (node.bloom.*)"; defaults from {@link BloomConfig#defaults()}. */
    private static BloomConfig bloom(Section b) throws ConfigException {
        b.checkKeys(Set.of("update_debounce_ms", "max_inbound_fpr"));
        BloomConfig d = BloomConfig.defaults();
        long debounceMs = b.integer("update_debounce_ms", d.updateDebounceMs(), 0, U32_MAX);
        // "Valid range (0.0, 1.0)".
        double fpr = b.number("max_inbound_fpr", d.maxInboundFpr(), 0.0, true, 1.0, true);
        return new BloomConfig(fpr, debounceMs);
    }
}
