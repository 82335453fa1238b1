package fips.launcher.internal.config;

import static fips.launcher.internal.config.MapperSupport.U32_MAX;
import static fips.launcher.internal.config.MapperSupport.warnNotBuilt;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps {@code transports.*} (reference/configuration.md "Transports": UDP,
 * TCP, Ethernet, Tor, BLE, Nym; INTEROP.md 14 named instances) into
 * {@link TransportConfig}s: every documented block is checked against its
 * schema, UDP and TCP get typed {@link TransportSettings}, a documented type
 * this build has no transport for is left out with a warning.
 */
final class TransportsMapper {
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
    /** A transport instance name: it becomes part of log lines and key paths. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

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

    private TransportsMapper() {}

    /** {@code transports.udp} with every default: the transport of a file without {@code transports}. */
    static TransportConfig defaultUdp(List<String> warnings) throws ConfigException {
        return new TransportConfig("udp", "udp", "transports.udp", Map.of(),
                udp(TRANSPORT_SCHEMAS.get("udp").read(Section.of("transports.udp", null)), warnings));
    }

    /**
     * {@code transports.*}: each block a single instance or a map of named
     * instances (INTEROP.md 14). Every documented block is checked against
     * reference/configuration.md; UDP and TCP are also mapped to typed,
     * defaulted settings, and refused when this build has no provider for
     * them. Another documented type is mapped when a provider exists and
     * otherwise left out with a warning; an undocumented type needs a
     * provider (which checks its keys).
     */
    static List<TransportConfig> transports(Section ts, Set<String> transportTypes, List<String> warnings)
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
}
