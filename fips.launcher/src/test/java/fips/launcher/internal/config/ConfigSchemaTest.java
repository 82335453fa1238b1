package fips.launcher.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshConfig;
import fips.fsp.session.SessionConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole key set of reference/configuration.md and INTEROP.md 14: tun, dns,
 * node.session/control/rendezvous/mmp/ecn/native_api, transports.tcp and the
 * other documented transports, with defaults, ranges, unknown keys and the
 * "not supported yet" warnings.
 */
class ConfigSchemaTest {
    /** The providers of a full build. */
    static final Set<String> PROVIDERS = Set.of("udp", "tcp");
    static final Path SPEC = Path.of(System.getProperty("fips.vectors.dir")).getParent();
    static final String NPUB_B = ConfigMapperTest.NPUB_B;

    static FipsConfig map(String yaml) throws ConfigException {
        return ConfigMapper.map(YamlLoader.parse(yaml, "<test>"), PROVIDERS, "Linux");
    }

    static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> map(yaml)).getMessage();
    }

    /** The first ```yaml block after the line {@code heading} of reference/configuration.md. */
    static String specYaml(String heading) throws Exception {
        String md = Files.readString(SPEC.resolve("reference/configuration.md"));
        int h = md.indexOf("\n" + heading + "\n");
        assertTrue(h >= 0, heading);
        int start = md.indexOf("```yaml\n", h) + "```yaml\n".length();
        return md.substring(start, md.indexOf("```", start));
    }

    // ------------------------------------------------------------ the packaged file and the reference's examples

    @Test
    @DisplayName("packaging/fips.yaml loads unchanged: TUN on, DNS on 5354, UDP 2121 and TCP 8443, no peers, no warnings")
    void packagedFile() throws Exception {
        FipsConfig c = ConfigMapper.map(YamlLoader.load(SPEC.resolve("packaging/fips.yaml")), PROVIDERS, "Linux");
        assertEquals(List.of(), c.warnings());
        assertNull(c.identity().nsec());
        assertFalse(c.identity().persistent());
        assertEquals(new TunConfig(true, "fips0", 1280), c.tun());
        assertEquals(DnsConfig.defaults(), c.dns());
        assertFalse(c.transportsDefaulted());
        assertEquals(List.of("udp", "tcp"), c.transports().stream().map(TransportConfig::name).toList());
        TransportSettings.Udp udp = (TransportSettings.Udp) c.transports().get(0).typed();
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 2121), udp.bindAddr());
        assertEquals(1280, udp.mtuBytes());
        TransportSettings.Tcp tcp = (TransportSettings.Tcp) c.transports().get(1).typed();
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 8443), tcp.bindAddr());
        assertEquals(1400, tcp.mtuBytes());
        assertEquals(5000, tcp.connectTimeoutMs());
        assertEquals(Map.of("bind_addr", "0.0.0.0:8443"), c.transports().get(1).settings());
        assertTrue(c.peers().isEmpty());
        assertEquals(RendezvousConfig.defaults(), c.node().rendezvous());
        assertEquals(MeshConfig.defaults(), c.node().mesh());
    }

    @Test
    @DisplayName("configuration.md \"Complete Reference\" loads; every value there is a default; only node.discovery warns")
    void completeReference() throws Exception {
        FipsConfig c = map(specYaml("## Complete Reference"));
        assertEquals(List.of("node.discovery.* is deprecated; read as node.lookup.* (rename node.discovery.ttl,"
                + " node.discovery.attempt_timeouts_secs, node.discovery.recent_expiry_secs, node.discovery.backoff_base_secs,"
                + " node.discovery.backoff_max_secs, node.discovery.forward_min_interval_secs)"), c.warnings());
        FipsConfig empty = map("");
        assertEquals(empty.node(), c.node(), "the reference's written-out defaults are the mapper's defaults");
        assertEquals(empty.tun(), c.tun());
        assertEquals(empty.dns(), c.dns());
        assertEquals(empty.transports().get(0).typed(), c.transports().get(0).typed());
    }

    @Test
    @DisplayName("configuration.md Minimal Example and Mixed UDP + Ethernet Example load (ethernet reported, not refused)")
    void referenceExamples() throws Exception {
        FipsConfig min = map(specYaml("## Minimal Example"));
        assertEquals(List.of(), min.warnings());
        assertTrue(min.tun().enabled());
        assertEquals(53, min.dns().port());
        assertEquals(InetAddress.ofLiteral("127.0.0.1"), min.dns().bindAddr());
        FipsConfig mixed = map(specYaml("### Mixed UDP + Ethernet Example"));
        assertEquals(List.of("transports.ethernet: not supported yet by this build (no ethernet transport); block ignored"),
                mixed.warnings());
        assertEquals(List.of("udp"), mixed.transports().stream().map(TransportConfig::name).toList());
        assertEquals(1472, mixed.transports().get(0).typed().mtuBytes());
    }

    // ------------------------------------------------------------ defaults

    @Test
    @DisplayName("an empty file: every new section at the defaults of configuration.md and INTEROP.md 14")
    void defaults() throws Exception {
        FipsConfig c = map("");
        assertEquals(new TunConfig(false, "fips0", 1280), c.tun());
        assertEquals(new DnsConfig(true, InetAddress.ofLiteral("::1"), 5354, 300, Path.of("/etc/fips/hosts")), c.dns());
        assertEquals(new ControlConfig(true, null), c.control());
        NodeConfig n = c.node();
        assertEquals(SessionConfig.defaults(), n.session());
        SessionConfig s = n.session();
        assertEquals(64, n.mesh().defaultTtl());
        assertEquals(16, s.pendingPacketsPerDest());
        assertEquals(256, s.pendingMaxDestinations());
        assertEquals(90_000, s.idleTimeoutMs());
        assertEquals(5, s.coordsWarmupPackets());
        assertEquals(2_000, s.coordsResponseIntervalMs());
        assertEquals(30_000, s.handshakeTimeoutMs());
        assertEquals(64, s.sessionSetupBurst());
        assertEquals(16.0, s.sessionSetupRatePerSec());
        assertTrue(s.rekeyEnabled());
        assertEquals(120_000, s.rekeyAfterMs());
        assertEquals(65_536, s.rekeyAfterMessages());
        assertEquals(15_000, s.rekeyJitterMs());
        assertEquals(1024, n.tunChannel());
        assertEquals(64, n.dnsChannel());
        assertFalse(n.leafOnly());
        assertEquals(100, n.baseRttMs());
        assertEquals(2_000, n.drainTimeoutMs());
        assertEquals(256, n.maxConnections());
        assertEquals(256, n.maxLinks());
        assertEquals(new MmpConfig(MmpConfig.Mode.FULL, 30_000, 32), n.linkMmp());
        assertEquals(n.linkMmp(), n.sessionMmp());
        assertEquals(new EcnConfig(true, 0.05, 3.0), n.ecn());
        assertEquals(new RendezvousConfig(false, "configured_only", false, null), n.rendezvous());
        assertEquals(new NativeApiConfig(false, null, 16, 16, 256, false), n.nativeApi());
        assertTrue(c.warnings().isEmpty());
        TransportSettings.Udp udp = (TransportSettings.Udp) c.transports().get(0).typed();
        assertEquals(new TransportSettings.Udp(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 2121), 1280,
                2_097_152, 2_097_152, false, true, false, false, null), udp);
    }

    @Test
    @DisplayName("the compatibility constructors give the same defaults as an empty file")
    void compatibilityConstructors() throws Exception {
        FipsConfig c = map("");
        assertEquals(c.node(), new NodeConfig(MeshConfig.defaults(), 1000, null, 1024));
        FipsConfig old = new FipsConfig(c.identity(), c.node(), c.transports(), true, c.peers(), c.warnings());
        assertEquals(c, old);
        TransportConfig t = new TransportConfig("mem", "mem", "transports.mem", Map.of("a", 1));
        assertSame(TransportSettings.ProviderOnly.INSTANCE, t.typed());
        assertEquals(-1, t.typed().mtuBytes());
        assertEquals("mem", t.kind());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: the hosts file is /usr/local/etc/fips/hosts on macOS and FreeBSD")
    void hostsFileByPlatform() throws Exception {
        Map<String, Object> empty = YamlLoader.parse("", "<t>");
        assertEquals(Path.of("/usr/local/etc/fips/hosts"), ConfigMapper.map(empty, PROVIDERS, "Mac OS X").dns().hostsFile());
        assertEquals(Path.of("/usr/local/etc/fips/hosts"), ConfigMapper.map(empty, PROVIDERS, "FreeBSD").dns().hostsFile());
        assertEquals(Path.of("/etc/fips/hosts"), ConfigMapper.map(empty, PROVIDERS, "Linux").dns().hostsFile());
    }

    // ------------------------------------------------------------ values set

    @Test
    @DisplayName("tun, dns, node.control, node.session, node.rekey, session rate limits and buffers reach their records")
    void valuesReachRecords() throws Exception {
        FipsConfig c = map("""
                tun: { enabled: true, name: mesh7, mtu: 1400 }
                dns: { enabled: false, bind_addr: "127.0.0.1", port: 53, ttl: 60, hosts_file: /srv/fips/hosts }
                node:
                  drain_timeout_secs: 0
                  control: { enabled: false, socket_path: /run/x/c.sock }
                  limits: { max_peers: 10 }
                  rekey: { enabled: false, after_secs: 60, after_messages: 1000 }
                  rate_limit:
                    handshake_timeout_secs: 7
                    handshake_resend_interval_ms: 500
                    handshake_resend_backoff: 1.5
                    handshake_max_resends: 2
                    session_setup_burst: 8
                    session_setup_rate: 4.0
                  session:
                    default_ttl: 32
                    pending_packets_per_dest: 4
                    pending_max_destinations: 10
                    idle_timeout_secs: 45
                    coords_warmup_packets: 0
                    coords_response_interval_ms: 100
                  buffers: { tun_channel: 128, dns_channel: 8 }
                """);
        assertEquals(new TunConfig(true, "mesh7", 1400), c.tun());
        assertEquals(new DnsConfig(false, InetAddress.ofLiteral("127.0.0.1"), 53, 60, Path.of("/srv/fips/hosts")), c.dns());
        assertEquals(new ControlConfig(false, Path.of("/run/x/c.sock")), c.control());
        assertEquals(0, c.node().drainTimeoutMs());
        assertEquals(128, c.node().tunChannel());
        assertEquals(8, c.node().dnsChannel());
        assertEquals(32, c.node().mesh().defaultTtl());
        assertEquals(new SessionConfig(4, 10, 45_000, 0, 100, 7_000, 500, 1.5, 2, 8, 4.0,
                false, 60_000, 1000, 7_500), c.node().session());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    @DisplayName("configuration.md TCP: every key mapped; advert keys stay out of the provider's settings")
    void tcpBlock() throws Exception {
        FipsConfig c = map("""
                transports:
                  udp: {}
                  tcp:
                    bind_addr: "[::]:443"
                    mtu: 1300
                    connect_timeout_ms: 2500
                    nodelay: false
                    keepalive_secs: 0
                    recv_buf_size: 65536
                    send_buf_size: 32768
                    max_inbound_connections: 16
                    advertise_on_nostr: false
                    external_addr: "203.0.113.7"
                """);
        TransportConfig t = c.transports().get(1);
        assertEquals("tcp", t.kind());
        assertEquals(new TransportSettings.Tcp(new InetSocketAddress(InetAddress.ofLiteral("::"), 443), 1300, 2500, false,
                0, 65536, 32768, 16, false, "203.0.113.7"), t.typed());
        assertFalse(t.settings().containsKey("external_addr"));
        assertFalse(t.settings().containsKey("advertise_on_nostr"));
        assertEquals(1300, t.settings().get("mtu"));
        assertEquals(List.of("transports.tcp.external_addr: not supported yet by this build (Nostr endpoint adverts);"
                + " \"203.0.113.7\" ignored"), c.warnings());
        TransportSettings.Tcp outbound = (TransportSettings.Tcp) map("transports: { tcp: {} }").transports().get(0).typed();
        assertNull(outbound.bindAddr(), "no bind_addr: outbound only");
        assertEquals(1400, outbound.mtuBytes());
        assertEquals(5000, outbound.connectTimeoutMs());
        assertTrue(outbound.nodelay());
        assertEquals(30, outbound.keepaliveSecs());
        assertEquals(256, outbound.maxInboundConnections());
    }

    @Test
    @DisplayName("INTEROP.md 14: named TCP instances; a Tor block's directory_service is not taken for an instance")
    void namedInstances() throws Exception {
        FipsConfig c = ConfigMapper.map(YamlLoader.parse("""
                transports:
                  tcp:
                    public: { bind_addr: "0.0.0.0:443" }
                    internal: { bind_addr: "10.0.0.1:8443", max_inbound_connections: 64 }
                  tor:
                    mode: directory
                    directory_service: { hostname_file: /var/lib/tor/fips/hostname, bind_addr: "127.0.0.1:8444" }
                """, "<t>"), Set.of("udp", "tcp", "tor"), "Linux");
        assertEquals(List.of("tcp.public", "tcp.internal", "tor"), c.transports().stream().map(TransportConfig::name).toList());
        assertEquals("transports.tcp.internal", c.transports().get(1).keyPath());
        assertEquals(64, ((TransportSettings.Tcp) c.transports().get(1).typed()).maxInboundConnections());
        assertSame(TransportSettings.ProviderOnly.INSTANCE, c.transports().get(2).typed());
        assertEquals("transports.udp.wan.mttu: unknown key", error("transports: { udp: { wan: { mttu: 1 } } }"));
        FipsConfig dirOnly = ConfigMapper.map(YamlLoader.parse(
                "transports: { tor: { directory_service: { bind_addr: \"127.0.0.1:8444\" } } }", "<t>"), Set.of("tor"), "Linux");
        assertEquals(List.of("tor"), dirOnly.transports().stream().map(TransportConfig::name).toList());
    }

    // ------------------------------------------------------------ bad values and unknown keys

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tun: { enabled: yes please }                  | tun.enabled: expected true or false, got \"yes please\"",
            "tun: { mtu: 1279 }                            | tun.mtu: expected an integer from 1280 to 65535, got 1279",
            "tun: { name: \"a b\" }                        | tun.name: expected 1 to 15 letters, digits or any of _-.: (an interface name), got \"a b\"",
            "tun: { name: abcdefghijklmnop }               | tun.name: expected 1 to 15 letters, digits or any of _-.: (an interface name), got \"abcdefghijklmnop\"",
            "tun: { name: .. }                             | tun.name: expected 1 to 15 letters, digits or any of _-.: (an interface name), got \"..\"",
            "dns: { bind_addr: localhost }                 | dns.bind_addr: expected an IP address such as \"::1\" or \"127.0.0.1\", got \"localhost\"",
            "dns: { port: 70000 }                          | dns.port: expected an integer from 0 to 65535, got 70000",
            "dns: { ttl: -1 }                              | dns.ttl: expected an integer from 0 to 4294967295, got -1",
            "dns: { hosts_file: \"\" }                     | dns.hosts_file: must not be empty",
            "dns: { enabled: 1 }                           | dns.enabled: expected true or false, got 1",
            "node: { control: { enabled: always } }        | node.control.enabled: expected true or false, got \"always\"",
            "node: { control: { socket_path: \"\" } }      | node.control.socket_path: must not be empty (leave the key out for the automatic path)",
            "node: { control: { socket_path: 5 } }         | node.control.socket_path: expected a string, got 5",
            "node: { session: { default_ttl: 256 } }       | node.session.default_ttl: expected an integer from 1 to 255, got 256",
            "node: { session: { default_ttl: 0 } }         | node.session.default_ttl: expected an integer from 1 to 255, got 0",
            "node: { session: { idle_timeout_secs: 0 } }   | node.session.idle_timeout_secs: expected an integer from 1 to 4294967295, got 0",
            "node: { session: { coords_warmup_packets: 300 } } | node.session.coords_warmup_packets: expected an integer from 0 to 255, got 300",
            "node: { session: { pending_packets_per_dest: 0 } } | node.session.pending_packets_per_dest: expected an integer from 1 to 65536, got 0",
            "node: { session: { coords_response_interval_ms: x } } | node.session.coords_response_interval_ms: expected an integer from 0 to 4294967295, got \"x\"",
            "node: { rate_limit: { session_setup_rate: 0 } } | node.rate_limit.session_setup_rate: expected a number greater than 0 and at most 1000000000, got 0",
            "node: { rate_limit: { session_setup_burst: 0 } } | node.rate_limit.session_setup_burst: expected an integer from 1 to 4294967295, got 0",
            "node: { buffers: { tun_channel: 0 } }         | node.buffers.tun_channel: expected an integer from 1 to 65536, got 0",
            "node: { buffers: { dns_channel: 100000 } }    | node.buffers.dns_channel: expected an integer from 1 to 65536, got 100000",
            "node: { drain_timeout_secs: -1 }              | node.drain_timeout_secs: expected an integer from 0 to 3600, got -1",
            "node: { base_rtt_ms: 0 }                      | node.base_rtt_ms: expected an integer from 1 to 4294967295, got 0",
            "node: { leaf_only: 0 }                        | node.leaf_only: expected true or false, got 0",
            "node: { limits: { max_links: -1 } }           | node.limits.max_links: expected an integer from 0 to 2147483647, got -1",
            "node: { mmp: { mode: max } }                  | node.mmp.mode: expected one of full, lightweight, minimal, got \"max\"",
            "node: { session_mmp: { owd_window_size: 0 } } | node.session_mmp.owd_window_size: expected an integer from 1 to 65536, got 0",
            "node: { ecn: { loss_threshold: 1.5 } }        | node.ecn.loss_threshold: expected a number from 0 to 1, got 1.5",
            "node: { ecn: { etx_threshold: 0.5 } }         | node.ecn.etx_threshold: expected a number from 1 to 1000000, got 0.5",
            "node: { native_api: { pending_per_flow: 65 } } | node.native_api.pending_per_flow: expected an integer from 1 to 64, got 65",
            "node: { native_api: { backlog: 0 } }          | node.native_api.backlog: expected an integer from 1 to 2147483647, got 0",
            "node: { rendezvous: { nostr: { policy: everyone } } } | node.rendezvous.nostr.policy: expected one of disabled, configured_only, open, got \"everyone\"",
            "node: { rendezvous: { nostr: { max_concurrent_offers_per_npub: 0 } } } | node.rendezvous.nostr.max_concurrent_offers_per_npub: expected an integer from 1 to 9223372036854775807, got 0",
            "node: { rendezvous: { nostr: { advert_relays: [\"wss://a\", 1] } } } | node.rendezvous.nostr.advert_relays[1]: expected a non-empty string, got 1",
            "node: { rendezvous: { nostr: { stun_servers: \"stun:x\" } } } | node.rendezvous.nostr.stun_servers: expected a list, got \"stun:x\"",
            "node: { rendezvous: { lan: { scope: 5 } } }   | node.rendezvous.lan.scope: expected a string, got 5",
            "node: { discovery: { nostr: { enabled: 2 } } } | node.discovery.nostr.enabled: expected true or false, got 2",
            "node: { rendezvous: 5 }                       | node.rendezvous: expected a mapping of keys, got 5",
            "transports: { udp: { bind_addr: \"localhost:2121\" } } | transports.udp.bind_addr: expected an IP address and port such as \"0.0.0.0:2121\" or \"[::]:2121\", got \"localhost:2121\"",
            "transports: { udp: { bind_addr: \"::1:2121\" } } | transports.udp.bind_addr: expected an IP address and port such as \"0.0.0.0:2121\" or \"[::]:2121\", got \"::1:2121\"",
            "transports: { udp: { mtu: 100 } }             | transports.udp.mtu: expected an integer from 576 to 65535, got 100",
            "transports: { udp: { outbound_only: maybe } } | transports.udp.outbound_only: expected true or false, got \"maybe\"",
            "transports: { tcp: { bind_addr: \"0.0.0.0\" } } | transports.tcp.bind_addr: expected an IP address and port such as \"0.0.0.0:2121\" or \"[::]:2121\", got \"0.0.0.0\"",
            "transports: { tcp: { bind_addr: \"0.0.0.0:70000\" } } | transports.tcp.bind_addr: expected an IP address and port such as \"0.0.0.0:2121\" or \"[::]:2121\", got \"0.0.0.0:70000\"",
            "transports: { tcp: { connect_timeout_ms: 0 } } | transports.tcp.connect_timeout_ms: expected an integer from 1 to 4294967295, got 0",
            "transports: { tcp: { nodelay: fast } }        | transports.tcp.nodelay: expected true or false, got \"fast\"",
            "transports: { tcp: { keepalive_secs: -1 } }   | transports.tcp.keepalive_secs: expected an integer from 0 to 4294967295, got -1",
            "transports: { tcp: { lan: { mtu: 70000 } } }  | transports.tcp.lan.mtu: expected an integer from 576 to 65535, got 70000",
            "transports: { ethernet: { listen: true } }    | transports.ethernet.interface: required",
            "transports: { ethernet: { interface: eth0, beacon_interval_secs: 5 } } | transports.ethernet.beacon_interval_secs: expected an integer from 10 to 4294967295, got 5",
            "transports: { tor: { mode: bridge } }         | transports.tor.mode: expected one of socks5, control_port, directory, got \"bridge\"",
            "transports: { tor: { directory_service: { bind_addr: 5 } } } | transports.tor.directory_service.bind_addr: expected a string, got 5",
            "transports: { ble: { psm: 70000 } }           | transports.ble.psm: expected an integer from 0 to 65535, got 70000",
            "transports: { nym: { mtu: x } }               | transports.nym.mtu: expected an integer from 576 to 65535, got \"x\"",
    })
    @DisplayName("a bad value in each section names the key path and the value")
    void badValues(String yaml, String message) {
        assertEquals(message, error(yaml));
    }

    @Test
    @DisplayName("a control socket path longer than sun_path allows is refused with its length")
    void longSocketPath() {
        String p = "/run/" + "x".repeat(103);
        assertEquals("node.control.socket_path: a Unix socket path is at most 107 bytes, got 108 (" + Section.describe(p) + ")",
                error("node: { control: { socket_path: \"" + p + "\" } }"));
    }

    @Test
    @DisplayName("a peers[].via_nostr that is not a boolean names the path")
    void badViaNostr() {
        assertEquals("peers[0].via_nostr: expected true or false, got \"yes\"", error("""
                peers: [{ npub: "%s", via_nostr: "yes", addresses: [{ transport: udp, addr: "h:1" }] }]
                """.formatted(NPUB_B)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "tun.nam|tun: { nam: x }",
            "dns.prot|dns: { prot: 53 }",
            "node.control.path|node: { control: { path: /x } }",
            "node.session.ttl|node: { session: { ttl: 5 } }",
            "node.rekey.after|node: { rekey: { after: 5 } }",
            "node.rendezvous.nostr.enable|node: { rendezvous: { nostr: { enable: true } } }",
            "node.rendezvous.ipfs|node: { rendezvous: { ipfs: {} } }",
            "node.discovery.nostr.enable|node: { discovery: { nostr: { enable: true } } }",
            "node.discovery.dht|node: { discovery: { dht: {} } }",
            "node.mmp.modes|node: { mmp: { modes: full } }",
            "node.native_api.x|node: { native_api: { x: 1 } }",
            "node.ecn.threshold|node: { ecn: { threshold: 1 } }",
            "node.buffers.io_channel|node: { buffers: { io_channel: 1 } }",
            "node.sessions|node: { sessions: {} }",
            "transports.tcp.bind|transports: { tcp: { bind: \"0.0.0.0:1\" } }",
            "transports.tor.directory_service.host|transports: { tor: { directory_service: { host: x } } }",
            "transports.ble.mode|transports: { ble: { mode: x } }",
            "tunnel|tunnel: {}",
    })
    @DisplayName("unknown keys anywhere are errors naming the full path")
    void unknownKeys(String row) {
        String[] parts = row.split("\\|", 2);
        assertEquals(parts[0] + ": unknown key", error(parts[1]));
    }

    // ------------------------------------------------------------ deprecated alias, not-supported warnings

    @Test
    @DisplayName("INTEROP.md 14 [D10]: node.discovery.nostr/.lan are read as node.rendezvous.* with a warning; both set is an error")
    void rendezvousAlias() throws Exception {
        FipsConfig c = map("node: { discovery: { nostr: { policy: open }, lan: { scope: lab } } }");
        assertEquals(new RendezvousConfig(false, "open", false, "lab"), c.node().rendezvous());
        assertEquals(List.of("node.discovery.nostr is deprecated; read as node.rendezvous.nostr (rename it)",
                "node.discovery.lan is deprecated; read as node.rendezvous.lan (rename it)"), c.warnings());
        assertEquals(List.of("node.discovery.nostr is deprecated; read as node.rendezvous.nostr (rename it)",
                "node.discovery.nostr.enabled: not supported yet by this build (Nostr rendezvous); true ignored"),
                map("node: { discovery: { nostr: { enabled: true } } }").warnings());
        assertEquals(new RendezvousConfig(false, "disabled", false, null),
                map("node: { rendezvous: { nostr: { policy: disabled } } }").node().rendezvous());
        assertEquals("node.discovery.lan: also set as node.rendezvous.lan; node.discovery.lan is the deprecated"
                + " spelling of node.rendezvous.lan, keep one",
                error("node: { rendezvous: { lan: {} }, discovery: { lan: { enabled: false } } }"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "node: { rendezvous: { nostr: { enabled: true } } } | node.rendezvous.nostr.enabled: not supported yet by this build (Nostr rendezvous); true ignored",
            "node: { rendezvous: { lan: { enabled: true } } }   | node.rendezvous.lan.enabled: not supported yet by this build (mDNS LAN rendezvous); true ignored",
            "node: { leaf_only: true }                          | node.leaf_only: not supported yet by this build (leaf-only mode); true ignored",
            "node: { base_rtt_ms: 50 }                          | node.base_rtt_ms: not supported yet by this build (MMP RTT estimation); 50 ignored",
            "node: { mmp: { mode: lightweight } }               | node.mmp.mode: not supported yet by this build (link MMP); \"lightweight\" ignored",
            "node: { session_mmp: { log_interval_secs: 5 } }    | node.session_mmp.log_interval_secs: not supported yet by this build (session MMP); 5 ignored",
            "node: { ecn: { enabled: false } }                  | node.ecn.enabled: not supported yet by this build (ECN congestion signalling); false ignored",
            "node: { native_api: { enabled: true } }            | node.native_api.enabled: not supported yet by this build (native datagram API); true ignored",
            "node: { limits: { max_links: 10 } }                | node.limits.max_links: not supported yet by this build (this limit is not enforced); 10 ignored",
            "node: { lookup: { backoff_base_secs: 5 } }         | node.lookup.backoff_base_secs: not supported yet by this build (post-failure lookup backoff); 5 ignored",
            "transports: { udp: { advertise_on_nostr: true } }  | transports.udp.advertise_on_nostr: not supported yet by this build (Nostr endpoint adverts); true ignored",
            "transports: { udp: {}, nym: {} }                   | transports.nym: not supported yet by this build (no nym transport); block ignored",
            "transports: { udp: {}, ble: { lab: { adapter: hci1 } } } | transports.ble.lab: not supported yet by this build (no ble transport); block ignored",
            "gateway: { enabled: true, pool: \"fd01::/112\" }   | gateway.enabled: not supported yet by this build (fips-gateway); true ignored",
    })
    @DisplayName("a setting that asks for a feature this build lacks loads and is reported by its path")
    void notSupportedWarnings(String yaml, String warning) throws Exception {
        assertEquals(List.of(warning), map(yaml).warnings());
    }

    @Test
    @DisplayName("features this build lacks, written at their defaults, load without a warning")
    void notBuiltAtDefaultsIsQuiet() throws Exception {
        FipsConfig c = map("""
                node:
                  leaf_only: false
                  base_rtt_ms: 100
                  limits: { max_connections: 256, max_links: 256 }
                  lookup: { backoff_base_secs: 0, backoff_max_secs: 0 }
                  rendezvous:
                    nostr: { enabled: false, policy: configured_only, advert_relays: ["wss://relay.damus.io", "wss://nos.lol", "wss://offchain.pub"] }
                    lan: { enabled: false }
                  mmp: { mode: full, log_interval_secs: 30, owd_window_size: 32 }
                  session_mmp: { mode: full }
                  ecn: { enabled: true, loss_threshold: 0.05, etx_threshold: 3.0 }
                  native_api: { enabled: false, pending_per_flow: 16 }
                transports:
                  udp: { advertise_on_nostr: false, public: false }
                gateway: { enabled: false }
                """);
        assertEquals(List.of(), c.warnings());
    }

    @Test
    @DisplayName("peers: via_nostr, UDP \"nat\" and addresses on absent transports are reported and skipped, not refused")
    void peerWarnings() throws Exception {
        FipsConfig c = map("""
                peers:
                  - npub: "%s"
                    alias: gateway
                    via_nostr: true
                    addresses:
                      - { transport: udp, addr: "test-us01.fips.network:2121" }
                      - { transport: udp, addr: nat }
                      - { transport: tor, addr: "abc.onion:2121" }
                """.formatted(NPUB_B));
        PeerConfig p = c.peers().get(0);
        assertTrue(p.viaNostr());
        assertEquals(List.of("test-us01.fips.network:2121"), p.addresses().stream().map(PeerConfig.Address::addr).toList());
        assertEquals(List.of(
                "peers[0].via_nostr: not supported yet by this build (Nostr rendezvous); true ignored",
                "peers[0].addresses[1].addr: not supported yet by this build (UDP NAT traversal through Nostr rendezvous);"
                        + " \"nat\" ignored",
                "peers[0].addresses[2].transport: not supported yet by this build (no tor transport); \"tor\" ignored"),
                c.warnings());
        FipsConfig nostrOnly = map("peers: [{ npub: \"%s\", via_nostr: true }]".formatted(NPUB_B));
        assertTrue(nostrOnly.peers().get(0).addresses().isEmpty());
        assertEquals("peers[0]: no address this build can dial; the peer is accepted when it connects in",
                nostrOnly.warnings().get(1));
    }

    @Test
    @DisplayName("dns.ttl above node.cache.coord_ttl_secs is reported (configuration.md DNS Responder)")
    void dnsTtlAboveCoordTtl() throws Exception {
        assertEquals(List.of("dns.ttl: 600 exceeds node.cache.coord_ttl_secs (300); clients may keep addresses whose"
                + " coordinates this node has dropped"), map("dns: { ttl: 600 }").warnings());
        assertEquals(List.of(), map("dns: { ttl: 600 }\nnode: { cache: { coord_ttl_secs: 600 } }").warnings());
    }

    // ------------------------------------------------------------ control socket path

    @Test
    @DisplayName("control-socket.md Connection: /run/fips, then /var/run/fips (BSD), then XDG_RUNTIME_DIR, then /tmp")
    void controlSocketResolution() {
        Map<String, String> xdg = Map.of("XDG_RUNTIME_DIR", "/run/user/1000");
        assertEquals(Path.of("/run/fips/control.sock"),
                ControlConfig.defaultSocketPath(xdg, "Linux", p -> p.equals(Path.of("/run/fips"))));
        assertEquals(Path.of("/var/run/fips/control.sock"),
                ControlConfig.defaultSocketPath(xdg, "FreeBSD", p -> p.equals(Path.of("/var/run/fips"))));
        assertEquals(Path.of("/run/user/1000/fips/control.sock"),
                ControlConfig.defaultSocketPath(xdg, "Linux", p -> p.equals(Path.of("/var/run/fips"))));
        assertEquals(Path.of("/tmp/fips-control.sock"), ControlConfig.defaultSocketPath(Map.of(), "Linux", p -> false));
        assertEquals(Path.of("/x.sock"),
                new ControlConfig(true, Path.of("/x.sock")).resolveSocketPath(xdg, "Linux", p -> true));
    }

    // ------------------------------------------------------------ search path merging with the packaged file

    @Test
    @DisplayName("INTEROP.md 14: the packaged file as system config, a local override merged over it; keys beside the local file")
    void mergeOverPackagedFile(@TempDir Path dir) throws Exception {
        Path sys = Files.createDirectories(dir.resolve("etc")).resolve("fips.yaml");
        Files.copy(SPEC.resolve("packaging/fips.yaml"), sys);
        Path local = Files.createDirectories(dir.resolve("srv")).resolve("fips.yaml");
        Files.writeString(local, """
                node:
                  identity: { persistent: true }
                tun: { enabled: false }
                transports:
                  tcp: { bind_addr: "0.0.0.0:443" }
                """);
        ConfigSources.Loaded l = ConfigSources.loadSearchPath(List.of(sys, local));
        FipsConfig c = ConfigMapper.map(l.tree(), PROVIDERS, "Linux");
        assertEquals(local.getParent(), l.keyDir());
        assertTrue(c.identity().persistent());
        assertFalse(c.tun().enabled());
        assertEquals("fips0", c.tun().name(), "the packaged file's other tun keys stay");
        assertEquals(5354, c.dns().port());
        assertEquals(List.of("udp", "tcp"), c.transports().stream().map(TransportConfig::name).toList());
        assertEquals(443, ((TransportSettings.Tcp) c.transports().get(1).typed()).bindAddr().getPort());
    }
}
