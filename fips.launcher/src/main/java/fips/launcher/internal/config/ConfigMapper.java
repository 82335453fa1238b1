package fips.launcher.internal.config;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.link.LinkConfig;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.route.Router;
import fips.fmp.tree.TreeConfig;
import fips.fsp.session.SessionConfig;
import fips.identity.KeyFormatException;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.launcher.internal.log.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the plain-node tree of {@link YamlLoader} into a {@link FipsConfig}:
 * one place for every key, default and range (STYLE.md rule 15). The key
 * names and defaults are reference/configuration.md's; INTEROP.md 14 says
 * where the reference implementation differs.
 *
 * <p>Every key of reference/configuration.md (and INTEROP.md 14) is known, so
 * that a file written for the reference implementation loads. What is wrong
 * is an error naming the full path and the value: an unknown key
 * ({@code path: unknown key}), a value of the wrong type or out of range
 * ({@code path: expected ..., got ...}). A valid setting that asks for a
 * feature this build does not have is not an error: it is reported in
 * {@link FipsConfig#warnings()} as {@code path: not supported yet by this
 * build (feature); value ignored}, and only when it asks for something (a
 * switch turned on, a tuning value away from its default, a transport block,
 * an address on such a transport). The list of such features is
 * {@link #warnNotBuilt} and its callers; remove a call when its feature is
 * wired.
 */
public final class ConfigMapper {
    /** Transport types reference/configuration.md documents. */
    static final Set<String> DOCUMENTED_TRANSPORTS = Set.of("udp", "tcp", "ethernet", "tor", "ble", "nym");
    /**
     * The transport types this project implements. A block of one of them
     * with no provider in this build (the daemon passes the providers it
     * found) is an error: the operator's main transport is never dropped
     * silently. Any other documented type without a provider is left out
     * with a warning, so that a file written for the reference implementation
     * loads.
     */
    static final Set<String> PROJECT_TRANSPORTS = Set.of("udp", "tcp");
    /** Keys of a UDP/TCP block that only concern Nostr adverts; kept from providers (see {@link TransportConfig#settings}). */
    static final Set<String> ADVERT_KEYS = Set.of("advertise_on_nostr", "public", "external_addr");

    private static final long U32_MAX = Schema.U32_MAX;
    /** INTEROP.md 3.8 "Trigger": rekey jitter is uniform in [-15, +15] s. */
    private static final long REKEY_JITTER_MS = 15_000;
    /** A transport instance name: it becomes part of log lines and key paths. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** Linux interface names: no '/', no whitespace or control characters, not "." or "..". */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");

    private ConfigMapper() {}

    /** {@link #map(Map, Set, String)} for this JVM's {@code os.name}. */
    public static FipsConfig map(Map<String, Object> tree, Set<String> transportTypes) throws ConfigException {
        return map(tree, transportTypes, System.getProperty("os.name"));
    }

    /**
     * @param tree the merged document
     * @param transportTypes the transport types this build has providers for
     * @param osName {@code os.name}, for platform defaults (the hosts file)
     */
    public static FipsConfig map(Map<String, Object> tree, Set<String> transportTypes, String osName)
            throws ConfigException {
        Section top = Section.of("", tree);
        top.checkKeys(Set.of("node", "tun", "dns", "transports", "peers", "gateway"));
        List<String> warnings = new ArrayList<>();
        gateway(top, warnings);
        Section node = top.section("node");
        node.checkKeys(
                Set.of("identity", "leaf_only", "tick_interval_secs", "base_rtt_ms", "heartbeat_interval_secs",
                        "link_dead_timeout_secs", "log_level", "limits", "rate_limit", "retry", "cache", "lookup",
                        "discovery", "rendezvous", "tree", "bloom", "session", "mmp", "session_mmp", "ecn", "rekey",
                        "control", "native_api", "buffers", "drain_timeout_secs"));
        IdentityConfig identity = identity(node.section("identity"));
        NodeConfig nodeConfig = nodeConfig(node, warnings);
        TunConfig tun = tun(top.section("tun"));
        DnsConfig dns = dns(top.section("dns"), osName, nodeConfig, warnings);
        List<TransportConfig> transports;
        boolean defaulted = false;
        if (!top.has("transports")) {
            // reference/configuration.md: every field has a default and a node runs with no file; the
            // reference implementation instead refuses to start without a transport (INTEROP.md 15 D11).
            // Product decision: the documented UDP default.
            if (!transportTypes.contains("udp")) {
                throw ConfigException.at("transports", "none configured, and this build has no UDP transport to default to");
            }
            transports = List.of(new TransportConfig("udp", "udp", "transports.udp", Map.of(),
                    udp(TRANSPORT_SCHEMAS.get("udp").read(Section.of("transports.udp", null)), warnings)));
            defaulted = true;
        } else {
            transports = transports(top.section("transports"), transportTypes, warnings);
        }
        List<PeerConfig> peers = peers(top, transports, transportTypes, warnings);
        return new FipsConfig(identity, nodeConfig, transports, defaulted, peers, warnings, tun, dns);
    }

    /** The one phrasing of a feature this build does not have: {@code path: not supported yet ... ignored}. */
    static void warnNotBuilt(List<String> warnings, String path, String feature, Object value) {
        warnings.add(path + ": not supported yet by this build (" + feature + "); " + Section.describe(value) + " ignored");
    }

    /** Each key of {@code v} written away from its default, as {@link #warnNotBuilt}. */
    private static void warnChanged(List<String> warnings, Schema.Values v, String feature) {
        for (Map.Entry<String, Object> e : v.changed().entrySet()) {
            warnNotBuilt(warnings, e.getKey(), feature, e.getValue());
        }
    }

    /**
     * {@code gateway.*} belongs to the separate fips-gateway service and the
     * daemon ignores it (reference/configuration.md "Gateway"), so the two can
     * share one file. fips-gateway is not built: {@code enabled: true} says so.
     */
    private static void gateway(Section top, List<String> warnings) {
        if (top.raw().get("gateway") instanceof Map<?, ?> g && Boolean.TRUE.equals(g.get("enabled"))) {
            warnNotBuilt(warnings, "gateway.enabled", "fips-gateway", true);
        }
    }

    // ------------------------------------------------------------ node.identity

    private static IdentityConfig identity(Section s) throws ConfigException {
        s.checkKeys(Set.of("nsec", "persistent"));
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
        LookupConfig lookup = lookup(node.section("lookup"), node.section("discovery"), warnings);
        RendezvousConfig rendezvous = rendezvous(node.section("rendezvous"), node.section("discovery"), warnings);

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

    // ------------------------------------------------------------ tun, dns

    /** reference/configuration.md "TUN Interface (tun.*)". */
    private static TunConfig tun(Section s) throws ConfigException {
        s.checkKeys(Set.of("enabled", "name", "mtu"));
        boolean enabled = s.bool("enabled", false);
        String name = s.string("name", TunConfig.DEFAULT_NAME);
        if (!IFNAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw ConfigException.at(s.child("name"), "expected 1 to " + TunConfig.MAX_NAME_LENGTH
                    + " letters, digits or any of _-.: (an interface name), got " + Section.describe(name));
        }
        int mtu = (int) s.integer("mtu", TunConfig.DEFAULT_MTU_BYTES, TunConfig.MIN_MTU_BYTES, TunConfig.MAX_MTU_BYTES);
        return new TunConfig(enabled, name, mtu);
    }

    /** reference/configuration.md "DNS Responder (dns.*)"; INTEROP.md 9.6. */
    private static DnsConfig dns(Section s, String osName, NodeConfig node, List<String> warnings) throws ConfigException {
        s.checkKeys(Set.of("enabled", "bind_addr", "port", "ttl", "hosts_file"));
        boolean enabled = s.bool("enabled", true);
        String bindText = s.string("bind_addr", DnsConfig.DEFAULT_BIND_ADDR);
        InetAddress bind;
        try {
            bind = InetAddress.ofLiteral(bindText);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(s.child("bind_addr"), "expected an IP address such as \"::1\" or \"127.0.0.1\", got "
                    + Section.describe(bindText));
        }
        int port = (int) s.integer("port", DnsConfig.DEFAULT_PORT, 0, 65_535);
        long ttl = s.integer("ttl", DnsConfig.DEFAULT_TTL_SECS, 0, U32_MAX);
        Path hosts = DnsConfig.defaultHostsFile(osName);
        String hostsText = s.string("hosts_file", null);
        if (hostsText != null) {
            if (hostsText.isEmpty()) throw ConfigException.at(s.child("hosts_file"), "must not be empty");
            try {
                hosts = Path.of(hostsText);
            } catch (InvalidPathException e) {
                throw ConfigException.at(s.child("hosts_file"), "not a valid path: " + Section.describe(hostsText));
            }
        }
        long coordTtlSecs = node.mesh().coordCacheTtlMs() / 1000;
        if (enabled && ttl > coordTtlSecs) {
            // reference/configuration.md "DNS Responder": the TTL should not exceed the coordinate cache's.
            warnings.add(s.child("ttl") + ": " + ttl + " exceeds node.cache.coord_ttl_secs (" + coordTtlSecs
                    + "); clients may keep addresses whose coordinates this node has dropped");
        }
        return new DnsConfig(enabled, bind, port, ttl, hosts);
    }

    // ------------------------------------------------------------ node.tree, node.bloom, node.lookup (node.discovery)

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
     * backoff is not built; 0 (disabled, the default) is what this build
     * does, any other value is reported as not supported.
     */
    private static LookupConfig lookup(Section lookup, Section discovery, List<String> warnings) throws ConfigException {
        Set<String> keys = Set.copyOf(LOOKUP_KEYS);
        lookup.checkKeys(keys);
        // node.discovery.nostr / .lan are the rendezvous features under their old name (see rendezvous()).
        Set<String> discoveryKeys = new HashSet<>(keys);
        discoveryKeys.addAll(RENDEZVOUS_KINDS);
        discovery.checkKeys(discoveryKeys);
        Map<String, Section> from = new HashMap<>();
        for (String k : LOOKUP_KEYS) {
            if (lookup.has(k) && discovery.has(k)) {
                throw ConfigException.at(discovery.child(k), "also set as " + lookup.child(k)
                        + "; node.discovery.* is the deprecated spelling of node.lookup.*, keep one");
            }
            from.put(k, discovery.has(k) ? discovery : lookup);
        }
        List<String> aliased = discovery.keys().stream().filter(keys::contains).map(discovery::child).toList();
        if (!aliased.isEmpty()) {
            warnings.add(discovery.path() + ".* is deprecated; read as node.lookup.* (rename "
                    + String.join(", ", aliased) + ")");
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
            long v = s.integer(k, 0, 0, U32_MAX);
            if (v != 0) warnNotBuilt(warnings, s.child(k), "post-failure lookup backoff", v);
        }
        return new LookupConfig(ttl, attemptsMs, recentSecs * 1000, d.maxRecentRequests(), forwardSecs * 1000);
    }

    // ------------------------------------------------------------ node.rendezvous (node.discovery.nostr / .lan)

    /** The rendezvous kinds, under {@code node.rendezvous} and (deprecated) {@code node.discovery}. */
    static final List<String> RENDEZVOUS_KINDS = List.of("nostr", "lan");
    private static final List<String> PUBLIC_RELAYS = List.of("wss://relay.damus.io", "wss://nos.lol", "wss://offchain.pub");

    /** reference/configuration.md "Nostr Overlay Discovery": every key and default. */
    private static final Schema NOSTR = Schema.of(
            Schema.bool("enabled", false),
            Schema.choice("policy", "configured_only", "disabled", "configured_only", "open"),
            Schema.u64("open_discovery_max_pending", 64),
            Schema.u64("max_concurrent_incoming_offers", 16),
            Schema.integer("max_concurrent_offers_per_npub", 4L, 1, Long.MAX_VALUE), // "Zero is rejected"
            Schema.u64("advert_cache_max_entries", 2048),
            Schema.u64("seen_sessions_max_entries", 2048),
            Schema.bool("advertise", true),
            Schema.strings("advert_relays", PUBLIC_RELAYS),
            Schema.strings("dm_relays", PUBLIC_RELAYS),
            Schema.strings("stun_servers", List.of("stun:stun.l.google.com:19302", "stun:stun.cloudflare.com:3478",
                    "stun:global.stun.twilio.com:3478")),
            Schema.bool("share_local_candidates", false),
            Schema.string("app", "fips-overlay-v1"),
            Schema.u64("signal_ttl_secs", 120),
            Schema.u64("attempt_timeout_secs", 10),
            Schema.u64("replay_window_secs", 300),
            Schema.u64("punch_start_delay_ms", 2000),
            Schema.u64("punch_interval_ms", 200),
            Schema.u64("punch_duration_ms", 10_000),
            Schema.u64("advert_ttl_secs", 3600),
            Schema.u64("advert_refresh_secs", 1800),
            Schema.u64("startup_sweep_delay_secs", 5),
            Schema.u64("startup_sweep_max_age_secs", 3600),
            Schema.u32("failure_streak_threshold", 5),
            Schema.u64("extended_cooldown_secs", 1800),
            Schema.u64("warn_log_interval_secs", 300),
            Schema.u64("failure_state_max_entries", 4096),
            Schema.u64("protocol_mismatch_cooldown_secs", 86_400));

    /** reference/configuration.md "LAN Discovery". */
    private static final Schema LAN = Schema.of(
            Schema.bool("enabled", false),
            Schema.string("service_type", "_fips._udp.local."),
            Schema.string("scope", null));

    /**
     * {@code node.rendezvous.nostr.*} and {@code node.rendezvous.lan.*}
     * (INTEROP.md 14 [D10]), each also accepted under its deprecated name
     * {@code node.discovery.*} with a warning; one set under both names is
     * refused. Neither is built: {@code enabled: true} is reported.
     */
    private static RendezvousConfig rendezvous(Section rendezvous, Section discovery, List<String> warnings)
            throws ConfigException {
        rendezvous.checkKeys(Set.copyOf(RENDEZVOUS_KINDS));
        Schema.Values[] read = new Schema.Values[RENDEZVOUS_KINDS.size()];
        for (int i = 0; i < read.length; i++) {
            String kind = RENDEZVOUS_KINDS.get(i);
            Section from = rendezvous;
            if (discovery.has(kind)) {
                if (rendezvous.has(kind)) {
                    throw ConfigException.at(discovery.child(kind), "also set as " + rendezvous.child(kind)
                            + "; node.discovery." + kind + " is the deprecated spelling of node.rendezvous." + kind
                            + ", keep one");
                }
                warnings.add(discovery.child(kind) + " is deprecated; read as " + rendezvous.child(kind)
                        + " (rename it)");
                from = discovery;
            }
            read[i] = (kind.equals("nostr") ? NOSTR : LAN).read(from.section(kind));
        }
        Schema.Values nostr = read[0];
        Schema.Values lan = read[1];
        if (nostr.bool("enabled")) warnNotBuilt(warnings, nostr.path("enabled"), "Nostr rendezvous", true);
        if (lan.bool("enabled")) warnNotBuilt(warnings, lan.path("enabled"), "mDNS LAN rendezvous", true);
        return new RendezvousConfig(nostr.bool("enabled"), nostr.string("policy"), lan.bool("enabled"),
                lan.string("scope"));
    }

    // ------------------------------------------------------------ transports

    private static final long BUF_MIN = 1024;
    /** The smallest transport MTU worth running: the IPv4 minimum datagram (UdpConfig agrees). */
    private static final int MIN_TRANSPORT_MTU = 576;

    /** reference/configuration.md "UDP (transports.udp.*)". */
    static final Schema.Key[] UDP_KEYS = {
            Schema.string("bind_addr", TransportSettings.Udp.DEFAULT_BIND_ADDR),
            Schema.integer("mtu", (long) TransportSettings.Udp.DEFAULT_MTU_BYTES, MIN_TRANSPORT_MTU, 65_535),
            Schema.integer("recv_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
            Schema.integer("send_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
            Schema.bool("advertise_on_nostr", false),
            Schema.bool("public", false),
            Schema.string("external_addr", null),
            Schema.bool("outbound_only", false),
            Schema.bool("accept_connections", true)};

    /** reference/configuration.md "TCP (transports.tcp.*)"; INTEROP.md 12, TCP row. */
    static final Schema.Key[] TCP_KEYS = {
            Schema.string("bind_addr", null),
            Schema.integer("mtu", (long) TransportSettings.Tcp.DEFAULT_MTU_BYTES, MIN_TRANSPORT_MTU, 65_535),
            Schema.integer("connect_timeout_ms", TransportSettings.Tcp.DEFAULT_CONNECT_TIMEOUT_MS, 1, U32_MAX),
            Schema.bool("nodelay", true),
            Schema.integer("keepalive_secs", 30L, 0, U32_MAX),
            Schema.integer("recv_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
            Schema.integer("send_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
            Schema.integer("max_inbound_connections", 256L, 0, Integer.MAX_VALUE),
            Schema.bool("advertise_on_nostr", false),
            Schema.string("external_addr", null)};

    /** The documented keys of every documented transport type (reference/configuration.md "Transports"). */
    private static final Map<String, Schema> TRANSPORT_SCHEMAS = Map.of(
            "udp", Schema.of(UDP_KEYS),
            "tcp", Schema.of(TCP_KEYS),
            "ethernet", Schema.of(
                    Schema.requiredString("interface"),
                    Schema.u16("ethertype", 0x2121),
                    Schema.integer("mtu", null, MIN_TRANSPORT_MTU, 65_535), // null: interface MTU - 3
                    Schema.integer("recv_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
                    Schema.integer("send_buf_size", 2_097_152L, BUF_MIN, Integer.MAX_VALUE),
                    Schema.bool("listen", true),
                    Schema.bool("announce", false),
                    Schema.bool("auto_connect", false),
                    Schema.bool("accept_connections", false),
                    Schema.integer("beacon_interval_secs", 30L, 10, U32_MAX)), // "minimum 10"
            "tor", Schema.of(
                    Schema.choice("mode", "socks5", "socks5", "control_port", "directory"),
                    Schema.string("socks5_addr", "127.0.0.1:9050"),
                    Schema.integer("connect_timeout_ms", 120_000L, 1, U32_MAX),
                    Schema.integer("mtu", 1400L, MIN_TRANSPORT_MTU, 65_535),
                    Schema.string("control_addr", "/run/tor/control"),
                    Schema.string("control_auth", "cookie"),
                    Schema.string("cookie_path", "/var/run/tor/control.authcookie"),
                    Schema.integer("max_inbound_connections", 64L, 0, Integer.MAX_VALUE),
                    Schema.section("directory_service", Schema.of(
                            Schema.string("hostname_file", "/var/lib/tor/fips_onion_service/hostname"),
                            Schema.string("bind_addr", "127.0.0.1:8443"))),
                    Schema.u16("advertised_port", 443)),
            "nym", Schema.of(
                    Schema.string("socks5_addr", "127.0.0.1:1080"),
                    Schema.integer("connect_timeout_ms", 300_000L, 1, U32_MAX),
                    Schema.integer("mtu", 1400L, MIN_TRANSPORT_MTU, 65_535),
                    Schema.u64("startup_timeout_secs", 120)),
            "ble", Schema.of(
                    Schema.string("adapter", "hci0"),
                    Schema.u16("psm", 0x0085),
                    Schema.integer("mtu", 2048L, MIN_TRANSPORT_MTU, 65_535),
                    Schema.integer("max_connections", 7L, 1, Integer.MAX_VALUE),
                    Schema.integer("connect_timeout_ms", 10_000L, 1, U32_MAX),
                    Schema.bool("advertise", true),
                    Schema.bool("scan", true),
                    Schema.bool("auto_connect", false),
                    Schema.bool("accept_connections", true),
                    Schema.u64("probe_cooldown_secs", 30)));

    /**
     * {@code transports.*}: each block a single instance or a map of named
     * instances (INTEROP.md 14). Every documented block is checked against
     * reference/configuration.md; UDP and TCP are also mapped to typed,
     * defaulted settings, and refused when this build has no provider for
     * them. Another documented type is mapped when a provider exists and
     * otherwise left out with a warning; an undocumented type needs a
     * provider (which checks its keys).
     */
    private static List<TransportConfig> transports(Section ts, Set<String> transportTypes, List<String> warnings)
            throws ConfigException {
        List<TransportConfig> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String type : ts.keys()) {
            String base = ts.child(type);
            Schema schema = TRANSPORT_SCHEMAS.get(type);
            if (schema == null && !transportTypes.contains(type)) {
                throw ConfigException.at(base, "unknown key (transport types: "
                        + String.join(", ", DOCUMENTED_TRANSPORTS.stream().sorted().toList()) + ")");
            }
            Section block = ts.section(type);
            List<Section> instances = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (isNamedInstances(block.raw(), schema)) {
                for (String name : block.keys()) {
                    if (!INSTANCE_NAME.matcher(name).matches()) {
                        throw ConfigException.at(block.child(name), "instance name must be 1 to 32 letters, digits, '-' or '_'");
                    }
                    instances.add(block.section(name));
                    names.add(type + "." + name);
                }
            } else {
                instances.add(block);
                names.add(type);
            }
            for (int i = 0; i < instances.size(); i++) {
                Section inst = instances.get(i);
                String name = names.get(i);
                if (schema == null) { // a provider's own type: it checks the keys
                    out.add(new TransportConfig(type, name, inst.path(), inst.raw()));
                    continue;
                }
                Schema.Values v = schema.read(inst);
                TransportSettings typed = switch (type) {
                    case "udp" -> udp(v, warnings);
                    case "tcp" -> tcp(v, warnings);
                    default -> TransportSettings.ProviderOnly.INSTANCE;
                };
                if (PROJECT_TRANSPORTS.contains(type) && !transportTypes.contains(type)) {
                    throw ConfigException.at(inst.path(), "not supported yet by this build (no " + type
                            + " transport module on the module path)");
                }
                if (!transportTypes.contains(type)) {
                    warnings.add(inst.path() + ": not supported yet by this build (no " + type
                            + " transport); block ignored");
                    skipped.add(name);
                    continue;
                }
                Map<String, Object> settings = new LinkedHashMap<>(inst.raw());
                if (PROJECT_TRANSPORTS.contains(type)) settings.keySet().removeAll(ADVERT_KEYS);
                out.add(new TransportConfig(type, name, inst.path(), settings, typed));
            }
        }
        if (out.isEmpty()) {
            throw ConfigException.at("transports", "no transport this build can run is configured"
                    + (skipped.isEmpty() ? "" : " (not supported yet: " + String.join(", ", skipped) + ")")
                    + "; for UDP on 0.0.0.0:2121 write: transports: { udp: {} }");
        }
        return out;
    }

    /**
     * A block whose values are all mappings, none of them a key of the type's
     * own (a Tor block's {@code directory_service}), is a set of named
     * instances; a single instance has scalar settings (INTEROP.md 14).
     */
    private static boolean isNamedInstances(Map<String, Object> block, Schema schema) {
        if (block.isEmpty()) return false;
        for (Map.Entry<String, Object> e : block.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?>)) return false;
            if (schema != null && schema.knows(e.getKey())) return false;
        }
        return true;
    }

    private static TransportSettings.Udp udp(Schema.Values v, List<String> warnings) throws ConfigException {
        warnAdvert(v, warnings);
        return new TransportSettings.Udp(socketAddress(v.path("bind_addr"), v.string("bind_addr")), v.intValue("mtu"),
                v.intValue("recv_buf_size"), v.intValue("send_buf_size"), v.bool("outbound_only"),
                v.bool("accept_connections"), v.bool("advertise_on_nostr"), v.bool("public"), v.string("external_addr"));
    }

    private static TransportSettings.Tcp tcp(Schema.Values v, List<String> warnings) throws ConfigException {
        warnAdvert(v, warnings);
        String bind = v.string("bind_addr");
        return new TransportSettings.Tcp(bind == null ? null : socketAddress(v.path("bind_addr"), bind),
                v.intValue("mtu"), v.integer("connect_timeout_ms"), v.bool("nodelay"), v.integer("keepalive_secs"),
                v.intValue("recv_buf_size"), v.intValue("send_buf_size"), v.intValue("max_inbound_connections"),
                v.bool("advertise_on_nostr"), v.string("external_addr"));
    }

    /** Nostr endpoint adverts are not built: any of their keys away from its default is reported. */
    private static void warnAdvert(Schema.Values v, List<String> warnings) {
        for (String k : List.of("advertise_on_nostr", "public", "external_addr")) {
            Object value = v.values().get(k);
            if (v.present(k) && value != null && !Boolean.FALSE.equals(value)) {
                warnNotBuilt(warnings, v.path(k), "Nostr endpoint adverts", value);
            }
        }
    }

    /**
     * A bind address: an IP literal and a port, {@code 0.0.0.0:2121} or
     * {@code [::]:2121}; no host names (nothing is resolved at load time).
     */
    static InetSocketAddress socketAddress(String path, String text) throws ConfigException {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') return badSocket(path, text);
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) return badSocket(path, text);
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535 || host.isEmpty()) return badSocket(path, text);
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            return badSocket(path, text);
        }
    }

    private static InetSocketAddress badSocket(String path, String text) throws ConfigException {
        throw ConfigException.at(path, "expected an IP address and port such as \"0.0.0.0:2121\" or \"[::]:2121\", got "
                + Section.describe(text));
    }

    // ------------------------------------------------------------ peers

    private static List<PeerConfig> peers(Section top, List<TransportConfig> transports, Set<String> transportTypes,
                                          List<String> warnings) throws ConfigException {
        List<Object> items = top.list("peers");
        List<PeerConfig> out = new ArrayList<>();
        Map<NodeAddr, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section p = Section.of("peers[" + i + "]", items.get(i));
            p.checkKeys(Set.of("npub", "alias", "addresses", "connect_policy", "auto_reconnect", "via_nostr"));
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
            boolean viaNostr = p.bool("via_nostr", false);
            if (viaNostr) warnNotBuilt(warnings, p.child("via_nostr"), "Nostr rendezvous", true);
            List<Object> addrItems = p.list("addresses");
            List<PeerConfig.Address> addresses = new ArrayList<>();
            int dropped = 0;
            for (int j = 0; j < addrItems.size(); j++) {
                Section a = Section.of(p.child("addresses") + "[" + j + "]", addrItems.get(j));
                a.checkKeys(Set.of("transport", "addr", "priority"));
                String addr = a.requiredString("addr");
                // reference/configuration.md "Peers": u8, default 100, lower = preferred.
                int priority = (int) a.integer("priority", 100, 0, 255);
                String transport = resolveTransport(a, transports, transportTypes, warnings);
                if (transport == null) {
                    dropped++;
                    continue;
                }
                if (transport.equals("udp") || transport.startsWith("udp.")) {
                    if (addr.equals("nat")) {
                        // packaging/fips.yaml: "nat" asks for Nostr/STUN hole punching.
                        warnNotBuilt(warnings, a.child("addr"), "UDP NAT traversal through Nostr rendezvous", addr);
                        dropped++;
                        continue;
                    }
                }
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
                if (dropped == 0 && !viaNostr) {
                    throw ConfigException.at(p.child("addresses"), "connect_policy auto_connect needs at least one address");
                }
                warnings.add(p.path() + ": no address this build can dial; the peer is accepted when it connects in");
            }
            out.add(new PeerConfig(key, alias, addresses, policy, autoReconnect, p.path(), viaNostr));
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
     * type ({@code udp}: its first instance). A documented type this build
     * has no transport for gives null, with a warning: the address is skipped.
     */
    private static String resolveTransport(Section a, List<TransportConfig> transports, Set<String> transportTypes,
                                           List<String> warnings) throws ConfigException {
        String name = a.requiredString("transport");
        for (TransportConfig t : transports) {
            if (t.name().equals(name)) return t.name();
        }
        for (TransportConfig t : transports) {
            if (t.type().equals(name)) return t.name();
        }
        String path = a.child("transport");
        String type = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (DOCUMENTED_TRANSPORTS.contains(type) && !transportTypes.contains(type)) {
            if (PROJECT_TRANSPORTS.contains(type)) {
                throw ConfigException.at(path, "transport " + Section.describe(name) + " is not supported yet by this build");
            }
            warnNotBuilt(warnings, path, "no " + type + " transport", name);
            return null;
        }
        List<String> configured = transports.stream().map(TransportConfig::name).toList();
        throw ConfigException.at(path, "no transport " + Section.describe(name) + " is configured under transports (configured: "
                + String.join(", ", configured) + ")");
    }
}
