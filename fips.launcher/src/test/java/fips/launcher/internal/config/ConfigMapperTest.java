package fips.launcher.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.link.LinkConfig;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.tree.TreeConfig;
import fips.identity.Identity;
import fips.identity.SecretKey;
import fips.launcher.internal.log.Log;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** reference/configuration.md mapped by hand (STYLE.md rule 15): defaults, ranges, and errors that name the key path. */
class ConfigMapperTest {
    static final Set<String> UDP = Set.of("udp");
    static final String NSEC_HEX = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    static final String NPUB_B = Identity.of(SecretKey.generate(new Random(2))).npub();
    static final String NPUB_C = Identity.of(SecretKey.generate(new Random(3))).npub();

    static FipsConfig map(String yaml) throws ConfigException {
        return ConfigMapper.map(YamlLoader.parse(yaml, "<test>"), UDP);
    }

    static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> map(yaml)).getMessage();
    }

    @Test
    @DisplayName("configuration.md Minimal Example (less tun/dns): identity, one UDP transport, one peer, all node.* defaults")
    void minimalFile() throws Exception {
        FipsConfig c = map("""
                node:
                  identity:
                    nsec: "%s"
                transports:
                  udp:
                    bind_addr: "0.0.0.0:2121"
                    mtu: 1472
                peers:
                  - npub: "%s"
                    alias: "node-b"
                    addresses:
                      - transport: udp
                        addr: "172.20.0.11:2121"
                    connect_policy: auto_connect
                """.formatted(NSEC_HEX, NPUB_B));
        assertEquals(SecretKey.parse(NSEC_HEX).publicKey(), c.identity().nsec().publicKey());
        assertFalse(c.identity().persistent());
        assertEquals(LinkConfig.defaults(), c.node().link(), "node.* defaults are LinkConfig's");
        assertEquals(1000, c.node().tickIntervalMs());
        assertEquals(1024, c.node().packetChannel());
        assertNull(c.node().logLevel());
        assertEquals(1, c.transports().size());
        TransportConfig t = c.transports().get(0);
        assertEquals("udp", t.type());
        assertEquals("udp", t.name());
        assertEquals("transports.udp", t.keyPath());
        assertEquals("0.0.0.0:2121", t.settings().get("bind_addr"));
        assertEquals(1472, t.settings().get("mtu"));
        assertFalse(c.transportsDefaulted());
        PeerConfig p = c.peers().get(0);
        assertEquals(NPUB_B, p.key().npub());
        assertEquals("node-b", p.alias());
        assertEquals(PeerConfig.ConnectPolicy.AUTO_CONNECT, p.connectPolicy());
        assertTrue(p.autoReconnect());
        assertEquals(List.of(new PeerConfig.Address("udp", "172.20.0.11:2121", 100, "peers[0].addresses[0]")), p.addresses());
    }

    @Test
    @DisplayName("an empty file: ephemeral identity, UDP defaulted, no peers")
    void emptyFile() throws Exception {
        FipsConfig c = map("");
        assertNull(c.identity().nsec());
        assertFalse(c.identity().persistent());
        assertTrue(c.transportsDefaulted());
        assertEquals("transports.udp", c.transports().get(0).keyPath());
        assertTrue(c.transports().get(0).settings().isEmpty());
        assertTrue(c.peers().isEmpty());
    }

    @Test
    @DisplayName("node.* tunables reach LinkConfig, with jitter scaled to a short rekey period")
    void nodeTunables() throws Exception {
        FipsConfig c = map("""
                node:
                  log_level: DEBUG
                  tick_interval_secs: 2
                  heartbeat_interval_secs: 3
                  link_dead_timeout_secs: 9
                  limits: { max_peers: 0, max_pending_inbound: 7 }
                  rate_limit:
                    handshake_burst: 5
                    handshake_rate: 2.5
                    handshake_timeout_secs: 11
                    handshake_resend_interval_ms: 250
                    handshake_resend_backoff: 1.5
                    handshake_max_resends: 3
                  rekey: { enabled: false, after_secs: 5, after_messages: 1000 }
                  retry: { max_retries: 2, base_interval_secs: 4, max_backoff_secs: 40 }
                  buffers: { packet_channel: 64 }
                """);
        LinkConfig l = c.node().link();
        assertEquals(Log.Level.DEBUG, c.node().logLevel());
        assertEquals(2000, c.node().tickIntervalMs());
        assertEquals(64, c.node().packetChannel());
        assertEquals(3000, l.heartbeatIntervalMs());
        assertEquals(9000, l.deadTimeoutMs());
        assertEquals(Integer.MAX_VALUE, l.maxPeers(), "max_peers 0 = unlimited");
        assertEquals(7, l.maxPendingInbound());
        assertEquals(5, l.handshakeBurst());
        assertEquals(2.5, l.handshakeRatePerSec());
        assertEquals(5, l.establishedHandshakeBurst(), "max_peers 0: established bucket falls back to handshake_burst");
        assertEquals(2.5, l.establishedHandshakeRatePerSec());
        assertEquals(11_000, l.handshakeTimeoutMs());
        assertEquals(250, l.handshakeResendIntervalMs());
        assertEquals(1.5, l.handshakeResendBackoff());
        assertEquals(3, l.handshakeMaxResends());
        assertFalse(l.rekeyEnabled());
        assertEquals(5000, l.rekeyAfterMs());
        assertEquals(625, l.rekeyJitterMs());
        assertEquals(1000, l.rekeyAfterMessages());
        assertEquals(2, l.retryMaxRetries());
        assertEquals(4000, l.retryBaseIntervalMs());
        assertEquals(40_000, l.retryMaxBackoffMs());
    }

    @Test
    @DisplayName("configuration.md Rate Limiting: established_handshake_* derived from max_peers and rekey.after_secs unless set")
    void establishedBucketDerivation() throws Exception {
        LinkConfig l = map("node: { limits: { max_peers: 10 }, rekey: { after_secs: 60 } }").node().link();
        assertEquals(10, l.establishedHandshakeBurst());
        assertEquals(1.0, l.establishedHandshakeRatePerSec(), "10/60*6 = 1.0, floored at 1.0");
        l = map("node: { rate_limit: { established_handshake_burst: 3, established_handshake_rate: 0.5 } }").node().link();
        assertEquals(3, l.establishedHandshakeBurst());
        assertEquals(0.5, l.establishedHandshakeRatePerSec());
    }

    @Test
    @DisplayName("unknown keys are errors naming the full path")
    void unknownKeys() {
        String two = """
                peers:
                  - npub: "%s"
                    addresses: [{ transport: udp, addr: "127.0.0.1:1" }]
                  - npub: "%s"
                    adress: x
                """.formatted(NPUB_B, NPUB_C);
        assertEquals("peers[1].adress: unknown key", error(two));
        assertEquals("node.rekey.afer_secs: unknown key", error("node: { rekey: { afer_secs: 5 } }"));
        assertEquals("nodes: unknown key", error("nodes: {}"));
        assertEquals("node.identity.secret: unknown key", error("node: { identity: { secret: x } }"));
        assertEquals("peers[0].addresses[0].prio: unknown key", error("""
                peers:
                  - npub: "%s"
                    addresses: [{ transport: udp, addr: "127.0.0.1:1", prio: 1 }]
                """.formatted(NPUB_B)));
        assertTrue(error("transports: { udpp: {} }").startsWith("transports.udpp: unknown key"));
    }

    @Test
    @DisplayName("no node.tree/bloom/lookup/cache keys: MeshConfig's defaults (reference/configuration.md, INTEROP.md 5-7)")
    void meshDefaults() throws Exception {
        FipsConfig c = map("node: { tree: {}, bloom: {}, lookup: {}, cache: {} }");
        assertEquals(MeshConfig.defaults(), c.node().mesh());
        assertEquals(MeshConfig.defaults(), map("").node().mesh());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    @DisplayName("node.tree.*, node.bloom.*, node.lookup.* and node.cache.* reach MeshConfig, in the cores' units")
    void meshTunables() throws Exception {
        MeshConfig m = map("""
                node:
                  tree:
                    announce_min_interval_ms: 250
                    parent_hysteresis: 0.5
                    hold_down_secs: 0
                    reeval_interval_secs: 15
                    flap_threshold: 6
                    flap_window_secs: 30
                    flap_dampening_secs: 90
                  bloom:
                    update_debounce_ms: 100
                    max_inbound_fpr: 0.35
                  lookup:
                    ttl: 12
                    attempt_timeouts_secs: [2, 3]
                    recent_expiry_secs: 20
                    backoff_base_secs: 0
                    backoff_max_secs: 0
                    forward_min_interval_secs: 0
                  cache:
                    coord_size: 1000
                    coord_ttl_secs: 60
                    identity_size: 500
                """).node().mesh();
        TreeConfig t = m.tree();
        assertEquals(250, t.announceMinIntervalMs());
        assertEquals(0.5, t.parentHysteresis());
        assertEquals(0, t.holdDownMs(), "0 switches the hold-down off");
        assertEquals(15_000, t.reevalIntervalMs());
        assertEquals(6, t.flapThreshold());
        assertEquals(30_000, t.flapWindowMs());
        assertEquals(90_000, t.flapDampeningMs());
        assertEquals(TreeConfig.DEFAULT_MAX_DEPTH, t.maxDepth(), "not a configuration key");
        assertEquals(new BloomConfig(0.35, 100), m.bloom());
        LookupConfig l = m.lookup();
        assertEquals(12, l.ttl());
        assertEquals(List.of(2_000L, 3_000L), l.attemptTimeoutsMs());
        assertEquals(20_000, l.recentExpiryMs());
        assertEquals(0, l.forwardMinIntervalMs());
        assertEquals(LookupConfig.DEFAULT_MAX_RECENT_REQUESTS, l.maxRecentRequests(), "not a configuration key");
        assertEquals(1000, m.coordCacheEntries());
        assertEquals(60_000, m.coordCacheTtlMs());
        assertEquals(500, m.identityCacheEntries());
        assertEquals(LinkConfig.defaults(), m.link());
    }

    @Test
    @DisplayName("INTEROP.md 14 [D10]: node.discovery.* is read as the deprecated alias of node.lookup.*, with a warning")
    void discoveryAlias() throws Exception {
        FipsConfig c = map("node: { discovery: { ttl: 9, attempt_timeouts_secs: [1] }, lookup: { recent_expiry_secs: 5 } }");
        assertEquals(9, c.node().mesh().lookup().ttl());
        assertEquals(List.of(1_000L), c.node().mesh().lookup().attemptTimeoutsMs());
        assertEquals(5_000, c.node().mesh().lookup().recentExpiryMs());
        assertEquals(List.of("node.discovery.* is deprecated; read as node.lookup.* (rename node.discovery.ttl,"
                + " node.discovery.attempt_timeouts_secs)"), c.warnings());
        assertEquals("node.discovery.ttl: also set as node.lookup.ttl; node.discovery.* is the deprecated spelling of"
                + " node.lookup.*, keep one", error("node: { lookup: { ttl: 8 }, discovery: { ttl: 9 } }"));
        assertEquals("node.discovery.tll: unknown key", error("node: { discovery: { tll: 9 } }"));
        assertEquals("node.discovery.ttl: expected an integer from 0 to 255, got 256", error("node: { discovery: { ttl: 256 } }"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "node: { tree: { announce_min_interval_ms: -1 } } | node.tree.announce_min_interval_ms: expected an integer from 0 to 4294967295, got -1",
            "node: { tree: { parent_hysteresis: 1.0 } }       | node.tree.parent_hysteresis: expected a number at least 0 and less than 1, got 1.0",
            "node: { tree: { parent_hysteresis: -0.1 } }      | node.tree.parent_hysteresis: expected a number at least 0 and less than 1, got -0.1",
            "node: { tree: { parent_hysteresis: high } }      | node.tree.parent_hysteresis: expected a number at least 0 and less than 1, got \"high\"",
            "node: { tree: { hold_down_secs: 1.5 } }          | node.tree.hold_down_secs: expected an integer from 0 to 4294967295, got 1.5",
            "node: { tree: { reeval_interval_secs: -5 } }     | node.tree.reeval_interval_secs: expected an integer from 0 to 4294967295, got -5",
            "node: { tree: { flap_threshold: 0 } }            | node.tree.flap_threshold: expected an integer from 1 to 2147483647, got 0",
            "node: { tree: { flap_window_secs: 0 } }          | node.tree.flap_window_secs: expected an integer from 1 to 4294967295, got 0",
            "node: { tree: { flap_dampening_secs: x } }       | node.tree.flap_dampening_secs: expected an integer from 0 to 4294967295, got \"x\"",
            "node: { tree: { max_depth: 5 } }                 | node.tree.max_depth: unknown key",
            "node: { tree: 5 }                                | node.tree: expected a mapping of keys, got 5",
            "node: { bloom: { max_inbound_fpr: 0 } }          | node.bloom.max_inbound_fpr: expected a number greater than 0 and less than 1, got 0",
            "node: { bloom: { max_inbound_fpr: 1 } }          | node.bloom.max_inbound_fpr: expected a number greater than 0 and less than 1, got 1",
            "node: { bloom: { update_debounce_ms: -1 } }      | node.bloom.update_debounce_ms: expected an integer from 0 to 4294967295, got -1",
            "node: { bloom: { size_bytes: 2048 } }            | node.bloom.size_bytes: unknown key",
            "node: { lookup: { ttl: 300 } }                   | node.lookup.ttl: expected an integer from 0 to 255, got 300",
            "node: { lookup: { attempt_timeouts_secs: 5 } }   | node.lookup.attempt_timeouts_secs: expected a list of timeouts in seconds such as [1, 2, 4, 8], got 5",
            "node: { lookup: { attempt_timeouts_secs: [] } }  | node.lookup.attempt_timeouts_secs: expected 1 to 32 timeouts (one per attempt), got 0",
            "node: { lookup: { attempt_timeouts_secs: [1, 0] } } | node.lookup.attempt_timeouts_secs[1]: expected an integer from 1 to 4294967295, got 0",
            "node: { lookup: { attempt_timeouts_secs: [1, a] } } | node.lookup.attempt_timeouts_secs[1]: expected an integer from 1 to 4294967295, got \"a\"",
            "node: { lookup: { recent_expiry_secs: 0 } }      | node.lookup.recent_expiry_secs: expected an integer from 1 to 4294967295, got 0",
            "node: { lookup: { forward_min_interval_secs: -1 } } | node.lookup.forward_min_interval_secs: expected an integer from 0 to 4294967295, got -1",
            "node: { lookup: { backoff_base_secs: -1 } }      | node.lookup.backoff_base_secs: expected an integer from 0 to 4294967295, got -1",
            "node: { cache: { coord_size: 0 } }               | node.cache.coord_size: expected an integer from 1 to 2147483647, got 0",
            "node: { cache: { coord_ttl_secs: 0 } }           | node.cache.coord_ttl_secs: expected an integer from 1 to 4294967295, got 0",
            "node: { cache: { identity_size: 3000000000 } }   | node.cache.identity_size: expected an integer from 1 to 2147483647, got 3000000000",
            "node: { cache: { route_size: 1 } }               | node.cache.route_size: unknown key",
    })
    @DisplayName("bad node.tree/bloom/lookup/cache values name the path and the value")
    void badMeshValues(String yaml, String message) {
        assertEquals(message, error(yaml));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: peers[].npub is bech32 npub only; a bad one is named with its value")
    void badNpub() {
        String msg = error("peers: [{ npub: \"npub1notvalid\", addresses: [{ transport: udp, addr: \"h:1\" }] }]");
        assertTrue(msg.startsWith("peers[0].npub: not a valid npub \"npub1notvalid\""), msg);
        String hex = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        msg = error("peers: [{ npub: \"" + hex + "\", addresses: [{ transport: udp, addr: \"h:1\" }] }]");
        assertTrue(msg.contains("a hex key; peers are named by their npub1... only"), msg);
        assertEquals("peers[0].npub: required", error("peers: [{ alias: x }]"));
        assertEquals("peers[0].npub: expected a string, got 5", error("peers: [{ npub: 5 }]"));
    }

    @Test
    @DisplayName("bad numbers and booleans name the path and the value")
    void badValues() {
        assertEquals("node.heartbeat_interval_secs: expected an integer from 1 to 4294967295, got \"ten\"",
                error("node: { heartbeat_interval_secs: ten }"));
        assertEquals("node.heartbeat_interval_secs: expected an integer from 1 to 4294967295, got 0",
                error("node: { heartbeat_interval_secs: 0 }"));
        assertEquals("node.rekey.after_secs: expected an integer from 1 to 4294967295, got 2.5",
                error("node: { rekey: { after_secs: 2.5 } }"));
        assertEquals("node.rekey.after_secs: expected an integer from 1 to 4294967295, got 99999999999999999999999",
                error("node: { rekey: { after_secs: 99999999999999999999999 } }"));
        assertEquals("node.rate_limit.handshake_rate: expected a number greater than 0 and at most 1000000000, got -1",
                error("node: { rate_limit: { handshake_rate: -1 } }"));
        assertEquals("node.rekey.enabled: expected true or false, got \"maybe\"", error("node: { rekey: { enabled: maybe } }"));
        assertEquals("node.identity.persistent: expected true or false, got 1", error("node: { identity: { persistent: 1 } }"));
        assertEquals("peers[0].addresses[0].priority: expected an integer from 0 to 255, got 300", error("""
                peers: [{ npub: "%s", addresses: [{ transport: udp, addr: "h:1", priority: 300 }] }]
                """.formatted(NPUB_B)));
        assertEquals("node.log_level: expected one of trace, debug, info, warn, error, got \"loud\"",
                error("node: { log_level: loud }"));
        assertEquals("peers[0].connect_policy: expected auto_connect, on_demand or manual, got \"sometimes\"", error("""
                peers: [{ npub: "%s", connect_policy: sometimes, addresses: [{ transport: udp, addr: "h:1" }] }]
                """.formatted(NPUB_B)));
        assertEquals("node.limits: expected a mapping of keys, got 5", error("node: { limits: 5 }"));
        assertEquals("peers: expected a list, got a mapping", error("peers: { a: 1 }"));
    }

    @Test
    @DisplayName("node.identity.nsec: a bad key is refused without echoing it")
    void badNsecNotEchoed() {
        String bad = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1fzz";
        String msg = error("node: { identity: { nsec: \"" + bad + "\" } }");
        assertTrue(msg.startsWith("node.identity.nsec: not a valid secret key"), msg);
        assertFalse(msg.contains("0102030405"), msg);
        msg = error("node: { identity: { nsec: \"nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\" } }");
        assertTrue(msg.startsWith("node.identity.nsec: not a valid secret key"), msg);
        assertFalse(msg.contains("nsec1qqqq"), msg);
    }

    @Test
    @DisplayName("addresses[].transport must name a configured instance or type; unsupported types say so")
    void badTransportReference() {
        assertEquals("peers[0].addresses[0].transport: transport \"tcp\" is not supported yet by this build", error("""
                peers: [{ npub: "%s", addresses: [{ transport: tcp, addr: "h:1" }] }]
                """.formatted(NPUB_B)));
        assertEquals("peers[0].addresses[1].transport: no transport \"udp.wan\" is configured under transports (configured: udp)",
                error("""
                transports: { udp: {} }
                peers: [{ npub: "%s", addresses: [{ transport: udp, addr: "h:1" }, { transport: udp.wan, addr: "h:2" }] }]
                """.formatted(NPUB_B)));
        assertEquals("peers[0].addresses[0].transport: required", error("""
                peers: [{ npub: "%s", addresses: [{ addr: "h:1" }] }]
                """.formatted(NPUB_B)));
        assertEquals("peers[0].addresses: connect_policy auto_connect needs at least one address", error("""
                peers: [{ npub: "%s" }]
                """.formatted(NPUB_B)));
    }

    @Test
    @DisplayName("INTEROP.md 14: a transport block may be a map of named instances; a type reference picks the first")
    void namedInstances() throws Exception {
        FipsConfig c = map("""
                transports:
                  udp:
                    lan: { bind_addr: "10.0.0.1:2121" }
                    wan: { bind_addr: "0.0.0.0:2122" }
                peers:
                  - npub: "%s"
                    addresses:
                      - { transport: udp, addr: "10.0.0.2:2121" }
                      - { transport: udp.wan, addr: "192.0.2.1:2121" }
                """.formatted(NPUB_B));
        assertEquals(List.of("udp.lan", "udp.wan"), c.transports().stream().map(TransportConfig::name).toList());
        assertEquals(List.of("transports.udp.lan", "transports.udp.wan"),
                c.transports().stream().map(TransportConfig::keyPath).toList());
        assertEquals("10.0.0.1:2121", c.transports().get(0).settings().get("bind_addr"));
        assertEquals(List.of("udp.lan", "udp.wan"), c.peers().get(0).addresses().stream().map(PeerConfig.Address::transport).toList());
        assertTrue(error("transports: { udp: { \"bad name\": {} } }").startsWith("transports.udp.bad name: instance name"));
    }

    @Test
    @DisplayName("configuration.md Peers: addresses sorted by priority, lower first, file order within a priority")
    void prioritySort() throws Exception {
        FipsConfig c = map("""
                peers:
                  - npub: "%s"
                    connect_policy: manual
                    auto_reconnect: false
                    addresses:
                      - { transport: udp, addr: "h:3", priority: 200 }
                      - { transport: udp, addr: "h:1" }
                      - { transport: udp, addr: "h:0", priority: 50 }
                      - { transport: udp, addr: "h:2" }
                """.formatted(NPUB_B));
        PeerConfig p = c.peers().get(0);
        assertEquals(List.of("h:0", "h:1", "h:2", "h:3"), p.addresses().stream().map(PeerConfig.Address::addr).toList());
        assertEquals(PeerConfig.ConnectPolicy.MANUAL, p.connectPolicy());
        assertFalse(p.autoReconnect());
    }

    @Test
    @DisplayName("one peer may appear once")
    void duplicatePeer() {
        assertEquals("peers[1].npub: the same peer as peers[0].npub", error("""
                peers:
                  - { npub: "%s", addresses: [{ transport: udp, addr: "h:1" }] }
                  - { npub: "%s", addresses: [{ transport: udp, addr: "h:2" }] }
                """.formatted(NPUB_B, NPUB_B)));
    }

    @Test
    @DisplayName("gateway.* belongs to fips-gateway and is ignored by the daemon")
    void gatewayIgnored() throws Exception {
        map("gateway: { enabled: true, pool: \"fd01::/112\", lan_interface: eth0 }");
    }

    @Test
    @DisplayName("no transports at all is an error; an absent transports key defaults to UDP")
    void transportsPresence() throws Exception {
        assertTrue(error("transports: {}").startsWith("transports: no transport this build can run is configured"));
        assertTrue(error("transports:").startsWith("transports: no transport this build can run is configured"));
        assertTrue(map("node: {}").transportsDefaulted());
        String msg = assertThrows(ConfigException.class,
                () -> ConfigMapper.map(YamlLoader.parse("", "<t>"), Set.of())).getMessage();
        assertTrue(msg.startsWith("transports: none configured, and this build has no UDP transport"), msg);
        // udp and tcp are this project's: without a provider they are refused, never dropped.
        msg = assertThrows(ConfigException.class,
                () -> ConfigMapper.map(YamlLoader.parse("transports: { udp: {} }", "<t>"), Set.of())).getMessage();
        assertEquals("transports.udp: not supported yet by this build (no udp transport module on the module path)", msg);
        msg = assertThrows(ConfigException.class,
                () -> ConfigMapper.map(YamlLoader.parse("transports: { udp: {}, tcp: { lan: {} } }", "<t>"), UDP)).getMessage();
        assertEquals("transports.tcp.lan: not supported yet by this build (no tcp transport module on the module path)", msg);
        FipsConfig c = ConfigMapper.map(YamlLoader.parse("transports: { udp: {}, tcp: {} }", "<t>"), Set.of("udp", "tcp"));
        assertEquals(List.of("udp", "tcp"), c.transports().stream().map(TransportConfig::type).toList());
        assertEquals("transports: no transport this build can run is configured (not supported yet: ethernet);"
                + " for UDP on 0.0.0.0:2121 write: transports: { udp: {} }", error("transports: { ethernet: { interface: eth0 } }"));
    }
}
