package fips.launcher.internal.config;

import static fips.launcher.internal.config.MapperSupport.U32_MAX;
import static fips.launcher.internal.config.MapperSupport.warnNotBuilt;

import fips.identity.KeyFormatException;
import fips.identity.SecretKey;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@link MapperSupport#warnNotBuilt} and its callers; remove a call when its
 * feature is wired.
 *
 * <p>This class maps the top level, {@code node.identity},
 * {@code tun.*}, {@code dns.*} and {@code gateway.*} (reference/configuration.md
 * "TUN Interface", "DNS Responder", "Gateway") and hands each other section
 * to its mapper: {@link NodeSectionMapper} ({@code node.*}, with
 * {@link LookupRendezvousMapper} for {@code node.lookup}/{@code node.rendezvous}),
 * {@link TransportsMapper} ({@code transports.*}) and {@link PeersMapper}
 * ({@code peers[]}). The section mappers append to one warnings list in
 * document order.
 */
public final class ConfigMapper {
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
        NodeConfig nodeConfig = NodeSectionMapper.nodeConfig(node, warnings);
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
            transports = List.of(TransportsMapper.defaultUdp(warnings));
            defaulted = true;
        } else {
            transports = TransportsMapper.transports(top.section("transports"), transportTypes, warnings);
        }
        List<PeerConfig> peers = PeersMapper.peers(top, transports, transportTypes, warnings);
        return new FipsConfig(identity, nodeConfig, transports, defaulted, peers, warnings, tun, dns);
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
}
