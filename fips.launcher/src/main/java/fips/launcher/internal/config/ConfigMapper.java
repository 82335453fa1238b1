package fips.launcher.internal.config;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.link.LinkConfig;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.tree.TreeConfig;
import fips.identity.KeyFormatException;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.launcher.internal.log.Log;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the plain-node tree of {@link YamlLoader} into a {@link FipsConfig}:
 * one place for every key, default and range (STYLE.md rule 15). The key
 * names and defaults are reference/configuration.md's; INTEROP.md 14 says
 * where the reference implementation differs.
 *
 * <p>Three kinds of key error, each naming the full path: a key this build
 * implements with a bad value ({@code path: expected ..., got ...}); a key
 * reference/configuration.md documents for a feature this build does not have
 * yet ({@code path: not supported yet by this build}), refused rather than
 * silently ignored so that nobody believes a setting is in force; and any
 * other key ({@code path: unknown key}).
 */
public final class ConfigMapper {
    /** Transport types reference/configuration.md documents; without a provider they are "not supported yet". */
    static final Set<String> DOCUMENTED_TRANSPORTS = Set.of("udp", "tcp", "ethernet", "tor", "ble", "nym");

    /** reference/configuration.md "Complete Reference": u32 ceiling for the *_secs and count settings. */
    private static final long U32_MAX = 0xFFFF_FFFFL;
    /** INTEROP.md 3.8 "Trigger": rekey jitter is uniform in [-15, +15] s. */
    private static final long REKEY_JITTER_MS = 15_000;
    /** A transport instance name: it becomes part of log lines and key paths. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private ConfigMapper() {}

    /**
     * @param tree the merged document
     * @param transportTypes the transport types this build has providers for
     */
    public static FipsConfig map(Map<String, Object> tree, Set<String> transportTypes) throws ConfigException {
        Section top = Section.of("", tree);
        // gateway.* is read by the separate fips-gateway service and ignored by the daemon
        // (reference/configuration.md "Gateway"), so the two can share one file.
        top.checkKeys(Set.of("node", "transports", "peers", "gateway"), Set.of("tun", "dns"));
        Section node = top.section("node");
        node.checkKeys(
                Set.of("identity", "log_level", "tick_interval_secs", "heartbeat_interval_secs", "link_dead_timeout_secs",
                        "limits", "rate_limit", "rekey", "retry", "buffers", "tree", "bloom", "lookup", "discovery", "cache"),
                Set.of("leaf_only", "base_rtt_ms", "rendezvous", "session", "mmp", "session_mmp", "ecn", "control",
                        "native_api", "drain_timeout_secs"));
        IdentityConfig identity = identity(node.section("identity"));
        List<String> warnings = new ArrayList<>();
        NodeConfig nodeConfig = nodeConfig(node, warnings);
        List<TransportConfig> transports;
        boolean defaulted = false;
        if (!top.has("transports")) {
            // reference/configuration.md: every field has a default and a node runs with no file; the
            // reference implementation instead refuses to start without a transport (INTEROP.md 15 D11).
            // Product decision: the documented UDP default.
            if (!transportTypes.contains("udp")) {
                throw ConfigException.at("transports", "none configured, and this build has no UDP transport to default to");
            }
            transports = List.of(new TransportConfig("udp", "udp", "transports.udp", Map.of()));
            defaulted = true;
        } else {
            transports = transports(top.section("transports"), transportTypes);
        }
        List<PeerConfig> peers = peers(top, transports, transportTypes);
        return new FipsConfig(identity, nodeConfig, transports, defaulted, peers, warnings);
    }

    // ------------------------------------------------------------ node.identity

    private static IdentityConfig identity(Section s) throws ConfigException {
        s.checkKeys(Set.of("nsec", "persistent"), Set.of());
        String text = s.string("nsec", null);
        SecretKey nsec = null;
        if (text != null) {
            // INTEROP.md 1.2 "Secret-key input forms": nsec1... is bech32, anything else hex; no trimming.
            try {
                nsec = SecretKey.parse(text);
            } catch (KeyFormatException e) {
                // The messages of the nsec decoder never echo the key; a hex key's digits are not echoed either.
                String why = text.startsWith("nsec1") ? e.getMessage() : "expected nsec1... or 64 hex digits";
                throw ConfigException.at(s.child("nsec"), "not a valid secret key (" + why + ")");
            }
        }
        return new IdentityConfig(nsec, s.bool("persistent", false));
    }

    // ------------------------------------------------------------ node.*

    private static NodeConfig nodeConfig(Section node, List<String> warnings) throws ConfigException {
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

        Section limits = node.section("limits");
        limits.checkKeys(Set.of("max_peers", "max_pending_inbound"), Set.of("max_connections", "max_links"));
        // 0 = unlimited (reference/configuration.md "Rate Limiting").
        long maxPeersRaw = limits.integer("max_peers", 128, 0, Integer.MAX_VALUE);
        int maxPeers = maxPeersRaw == 0 ? Integer.MAX_VALUE : (int) maxPeersRaw;
        int maxPendingInbound = (int) limits.integer("max_pending_inbound", 1000, 1, Integer.MAX_VALUE);

        Section rekey = node.section("rekey");
        rekey.checkKeys(Set.of("enabled", "after_secs", "after_messages"), Set.of());
        boolean rekeyEnabled = rekey.bool("enabled", true);
        long rekeyAfterSecs = rekey.integer("after_secs", 120, 1, U32_MAX);
        long rekeyAfterMessages = rekey.integer("after_messages", 65_536, 1, 1L << 62);

        Section rl = node.section("rate_limit");
        rl.checkKeys(Set.of("handshake_burst", "handshake_rate", "handshake_timeout_secs", "handshake_resend_interval_ms",
                        "handshake_resend_backoff", "handshake_max_resends", "established_handshake_burst",
                        "established_handshake_rate"),
                Set.of("session_setup_burst", "session_setup_rate"));
        long burst = rl.integer("handshake_burst", 100, 1, U32_MAX);
        double rate = rl.number("handshake_rate", 10.0, 0, true, 1e9);
        long hsTimeoutSecs = rl.integer("handshake_timeout_secs", 30, 1, U32_MAX);
        long resendMs = rl.integer("handshake_resend_interval_ms", 1000, 1, U32_MAX);
        double backoff = rl.number("handshake_resend_backoff", 2.0, 1.0, false, 1000.0);
        int maxResends = (int) rl.integer("handshake_max_resends", 5, 0, 1000);
        Long estBurst = rl.optionalInteger("established_handshake_burst", 1, U32_MAX);
        Double estRate = rl.optionalNumber("established_handshake_rate", 0, true, 1e9);
        // reference/configuration.md "Rate Limiting": derived from max_peers and the rekey period;
        // max_peers 0 (unlimited) falls back to the stranger bucket's sizing.
        double derivedBurst = maxPeersRaw == 0 ? burst : maxPeersRaw;
        double derivedRate = maxPeersRaw == 0 ? rate
                : Math.max(1.0, (double) maxPeersRaw / Math.max(rekeyAfterSecs, 1) * (1 + maxResends));

        Section retry = node.section("retry");
        retry.checkKeys(Set.of("max_retries", "base_interval_secs", "max_backoff_secs"), Set.of());
        int maxRetries = (int) retry.integer("max_retries", 5, 0, Integer.MAX_VALUE);
        long baseSecs = retry.integer("base_interval_secs", 5, 1, U32_MAX);
        long maxBackoffSecs = retry.integer("max_backoff_secs", 300, 1, U32_MAX);

        Section buffers = node.section("buffers");
        buffers.checkKeys(Set.of("packet_channel"), Set.of("tun_channel", "dns_channel"));
        int packetChannel = (int) buffers.integer("packet_channel", 1024, 1, 65_536);

        long rekeyAfterMs = rekeyAfterSecs * 1000;
        LinkConfig link;
        try {
            link = new LinkConfig(
                    heartbeatSecs * 1000, deadSecs * 1000,
                    hsTimeoutSecs * 1000, resendMs, backoff, maxResends,
                    rekeyEnabled, rekeyAfterMs, rekeyAfterMessages, Math.min(REKEY_JITTER_MS, rekeyAfterMs / 8),
                    maxPeers, maxPendingInbound,
                    burst, rate,
                    estBurst != null ? estBurst : derivedBurst, estRate != null ? estRate : derivedRate,
                    maxRetries, baseSecs * 1000, maxBackoffSecs * 1000);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at("node", e.getMessage());
        }
        TreeConfig tree = tree(node.section("tree"));
        BloomConfig bloom = bloom(node.section("bloom"));
        LookupConfig lookup = lookup(node.section("lookup"), node.section("discovery"), warnings);

        // reference/configuration.md "Cache Parameters (node.cache.*)"; defaults from MeshConfig.defaults().
        Section cache = node.section("cache");
        cache.checkKeys(Set.of("coord_size", "coord_ttl_secs", "identity_size"), Set.of());
        MeshConfig d = MeshConfig.defaults();
        int coordSize = (int) cache.integer("coord_size", d.coordCacheEntries(), 1, Integer.MAX_VALUE);
        long coordTtlSecs = cache.integer("coord_ttl_secs", d.coordCacheTtlMs() / 1000, 1, U32_MAX);
        int identitySize = (int) cache.integer("identity_size", d.identityCacheEntries(), 1, Integer.MAX_VALUE);

        MeshConfig mesh = new MeshConfig(link, tree, bloom, lookup, coordSize, coordTtlSecs * 1000, identitySize);
        return new NodeConfig(mesh, tickSecs * 1000, level, packetChannel);
    }

    // ------------------------------------------------------------ node.tree, node.bloom, node.lookup (node.discovery)

    /** reference/configuration.md "Spanning Tree (node.tree.*)"; defaults from {@link TreeConfig#defaults()}. */
    private static TreeConfig tree(Section t) throws ConfigException {
        t.checkKeys(Set.of("announce_min_interval_ms", "parent_hysteresis", "hold_down_secs", "reeval_interval_secs",
                "flap_threshold", "flap_window_secs", "flap_dampening_secs"), Set.of());
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
        b.checkKeys(Set.of("update_debounce_ms", "max_inbound_fpr"), Set.of());
        BloomConfig d = BloomConfig.defaults();
        long debounceMs = b.integer("update_debounce_ms", d.updateDebounceMs(), 0, U32_MAX);
        // "Valid range (0.0, 1.0)".
        double fpr = b.number("max_inbound_fpr", d.maxInboundFpr(), 0.0, true, 1.0, true);
        return new BloomConfig(fpr, debounceMs);
    }

    /** The {@code node.lookup.*} keys (INTEROP.md 14 [D10]); {@code node.discovery.*} is their deprecated alias. */
    private static final List<String> LOOKUP_KEYS = List.of("ttl", "attempt_timeouts_secs", "recent_expiry_secs",
            "backoff_base_secs", "backoff_max_secs", "forward_min_interval_secs");
    /** A local bound on {@code attempt_timeouts_secs}: the reference's default has 4 attempts. */
    static final int MAX_LOOKUP_ATTEMPTS = 32;

    /**
     * {@code node.lookup.*} (INTEROP.md 7 "Defaults", "Retry"; 14 [D10]),
     * with {@code node.discovery.*} (reference/configuration.md "Discovery
     * Protocol") read as the deprecated alias the reference folds into it. A
     * key set under both is refused rather than one silently winning.
     * {@code backoff_base_secs}/{@code backoff_max_secs}: post-failure
     * backoff is not built; 0 (disabled, the default) is accepted, since it
     * is what this build does, and any other value refused.
     */
    private static LookupConfig lookup(Section lookup, Section discovery, List<String> warnings) throws ConfigException {
        Set<String> keys = Set.copyOf(LOOKUP_KEYS);
        lookup.checkKeys(keys, Set.of());
        // node.discovery.nostr / .lan are the rendezvous features under their old name.
        discovery.checkKeys(keys, Set.of("nostr", "lan"));
        Map<String, Section> from = new HashMap<>();
        for (String k : LOOKUP_KEYS) {
            if (lookup.has(k) && discovery.has(k)) {
                throw ConfigException.at(discovery.child(k), "also set as " + lookup.child(k)
                        + "; node.discovery.* is the deprecated spelling of node.lookup.*, keep one");
            }
            from.put(k, discovery.has(k) ? discovery : lookup);
        }
        if (!discovery.keys().isEmpty()) {
            warnings.add(discovery.path() + ".* is deprecated; read as node.lookup.* (rename "
                    + String.join(", ", discovery.keys().stream().map(discovery::child).toList()) + ")");
        }
        LookupConfig d = LookupConfig.defaults();
        int ttl = (int) from.get("ttl").integer("ttl", d.ttl(), 0, 255); // u8 on the wire
        List<Long> attemptsMs = d.attemptTimeoutsMs();
        Section a = from.get("attempt_timeouts_secs");
        if (a.has("attempt_timeouts_secs")) {
            String path = a.child("attempt_timeouts_secs");
            Object v = a.raw().get("attempt_timeouts_secs");
            if (!(v instanceof List<?> items)) {
                throw ConfigException.at(path, "expected a list of timeouts in seconds such as [1, 2, 4, 8], got "
                        + Section.describe(v));
            }
            if (items.isEmpty() || items.size() > MAX_LOOKUP_ATTEMPTS) {
                throw ConfigException.at(path, "expected 1 to " + MAX_LOOKUP_ATTEMPTS + " timeouts (one per attempt), got "
                        + items.size());
            }
            attemptsMs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                attemptsMs.add(Section.integerValue(path + "[" + i + "]", items.get(i), 1, U32_MAX) * 1000);
            }
        }
        long recentSecs = from.get("recent_expiry_secs").integer("recent_expiry_secs", d.recentExpiryMs() / 1000, 1, U32_MAX);
        long forwardSecs = from.get("forward_min_interval_secs").integer("forward_min_interval_secs",
                d.forwardMinIntervalMs() / 1000, 0, U32_MAX);
        for (String k : List.of("backoff_base_secs", "backoff_max_secs")) {
            Section s = from.get(k);
            if (s.has(k) && s.integer(k, 0, 0, U32_MAX) != 0) {
                throw ConfigException.at(s.child(k), "not supported yet by this build (post-failure lookup backoff;"
                        + " only 0, disabled, is accepted)");
            }
        }
        return new LookupConfig(ttl, attemptsMs, recentSecs * 1000, d.maxRecentRequests(), forwardSecs * 1000);
    }

    // ------------------------------------------------------------ transports

    private static List<TransportConfig> transports(Section ts, Set<String> transportTypes) throws ConfigException {
        List<TransportConfig> out = new ArrayList<>();
        for (String type : ts.keys()) {
            Object v = ts.raw().get(type);
            String base = ts.child(type);
            if (!transportTypes.contains(type)) {
                if (DOCUMENTED_TRANSPORTS.contains(type)) {
                    throw ConfigException.at(base, "not supported yet by this build (no " + type
                            + " transport module on the module path)");
                }
                throw ConfigException.at(base, "unknown key (transport types: " + String.join(", ", DOCUMENTED_TRANSPORTS.stream().sorted().toList()) + ")");
            }
            Section block = Section.of(base, v);
            if (isNamedInstances(block.raw())) {
                // INTEROP.md 14: a map of named instances.
                for (String name : block.keys()) {
                    if (!INSTANCE_NAME.matcher(name).matches()) {
                        throw ConfigException.at(block.child(name), "instance name must be 1 to 32 letters, digits, '-' or '_'");
                    }
                    Section inst = block.section(name);
                    out.add(new TransportConfig(type, type + "." + name, inst.path(), inst.raw()));
                }
            } else {
                out.add(new TransportConfig(type, type, base, block.raw()));
            }
        }
        if (out.isEmpty()) {
            throw ConfigException.at("transports", "no transport configured (for UDP on 0.0.0.0:2121 write: transports: { udp: {} })");
        }
        return out;
    }

    /**
     * A block whose values are all mappings is a set of named instances; a
     * single instance has scalar settings (INTEROP.md 14).
     */
    private static boolean isNamedInstances(Map<String, Object> block) {
        if (block.isEmpty()) return false;
        for (Object v : block.values()) {
            if (!(v instanceof Map<?, ?>)) return false;
        }
        return true;
    }

    // ------------------------------------------------------------ peers

    private static List<PeerConfig> peers(Section top, List<TransportConfig> transports, Set<String> transportTypes)
            throws ConfigException {
        List<Object> items = top.list("peers");
        List<PeerConfig> out = new ArrayList<>();
        Map<NodeAddr, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section p = Section.of("peers[" + i + "]", items.get(i));
            p.checkKeys(Set.of("npub", "alias", "addresses", "connect_policy", "auto_reconnect"), Set.of("via_nostr"));
            PublicKey key = npub(p);
            String prev = seen.putIfAbsent(key.nodeAddr(), p.path());
            if (prev != null) {
                throw ConfigException.at(p.child("npub"), "the same peer as " + prev + ".npub");
            }
            String alias = p.string("alias", null);
            if (alias != null && (alias.isBlank() || alias.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                throw ConfigException.at(p.child("alias"), "must be non-blank text without control characters, got "
                        + Section.describe(alias));
            }
            List<Object> addrItems = p.list("addresses");
            List<PeerConfig.Address> addresses = new ArrayList<>();
            for (int j = 0; j < addrItems.size(); j++) {
                Section a = Section.of(p.child("addresses") + "[" + j + "]", addrItems.get(j));
                a.checkKeys(Set.of("transport", "addr", "priority"), Set.of());
                String transport = resolveTransport(a, transports, transportTypes);
                String addr = a.requiredString("addr");
                // reference/configuration.md "Peers": u8, default 100, lower = preferred.
                int priority = (int) a.integer("priority", 100, 0, 255);
                addresses.add(new PeerConfig.Address(transport, addr, priority, a.path()));
            }
            addresses.sort(Comparator.comparingInt(PeerConfig.Address::priority)); // stable: file order within a priority
            String policyText = p.string("connect_policy", "auto_connect");
            PeerConfig.ConnectPolicy policy = PeerConfig.ConnectPolicy.parse(policyText);
            if (policy == null) {
                throw ConfigException.at(p.child("connect_policy"), "expected auto_connect, on_demand or manual, got "
                        + Section.describe(policyText));
            }
            boolean autoReconnect = p.bool("auto_reconnect", true);
            if (policy == PeerConfig.ConnectPolicy.AUTO_CONNECT && addresses.isEmpty()) {
                throw ConfigException.at(p.child("addresses"), "connect_policy auto_connect needs at least one address");
            }
            out.add(new PeerConfig(key, alias, addresses, policy, autoReconnect, p.path()));
        }
        return out;
    }

    /** INTEROP.md 1.2 "peers[].npub in config": bech32 npub only. */
    private static PublicKey npub(Section p) throws ConfigException {
        String text = p.requiredString("npub");
        try {
            return PublicKey.fromNpub(text);
        } catch (KeyFormatException e) {
            String hint = text.matches("[0-9a-fA-F]{64}") ? "a hex key; peers are named by their npub1... only" : e.getMessage();
            throw ConfigException.at(p.child("npub"), "not a valid npub " + Section.describe(text) + " (" + hint + ")");
        }
    }

    /**
     * {@code addresses[].transport} names an instance ({@code udp.lan}) or a
     * type ({@code udp}: its first instance).
     */
    private static String resolveTransport(Section a, List<TransportConfig> transports, Set<String> transportTypes)
            throws ConfigException {
        String name = a.requiredString("transport");
        for (TransportConfig t : transports) {
            if (t.name().equals(name)) return t.name();
        }
        for (TransportConfig t : transports) {
            if (t.type().equals(name)) return t.name();
        }
        String path = a.child("transport");
        if (!transportTypes.contains(name) && DOCUMENTED_TRANSPORTS.contains(name)) {
            throw ConfigException.at(path, "transport " + Section.describe(name) + " is not supported yet by this build");
        }
        List<String> configured = transports.stream().map(TransportConfig::name).toList();
        throw ConfigException.at(path, "no transport " + Section.describe(name) + " is configured under transports (configured: "
                + String.join(", ", configured) + ")");
    }
}
