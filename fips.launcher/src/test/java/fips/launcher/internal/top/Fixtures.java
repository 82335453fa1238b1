package fips.launcher.internal.top;

import fips.json.JNode;
import fips.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test data: the daemon's reply fixtures (spec control-snapshots/*.json, INTEROP.md 13) and, because
 * those show an empty node, peers/links/transports/sessions built from the field names that
 * reference/control-socket.md "Daemon Command Catalog" lists.
 */
final class Fixtures {
    private Fixtures() {}

    static final Path VECTORS = Path.of(System.getProperty("fips.vectors.dir", "../../shared/spec/vectors"));
    static final Path SNAPSHOTS = VECTORS.toAbsolutePath().normalize().resolveSibling("control-snapshots");

    static final String NPUB = "npub1sx42mj99aql52aklsg70y2jmr95u7uz2p40k769aw46ppjv302kqkhmu5r";
    static final String ALICE_NPUB = "npub1qmc3cvfz0yu2hx96nq3gp55zdan2qclealn7xshgr448d3nh6lks7zel98";
    static final String BOB_NPUB = "npub1sjlh2c3x9w7kjsqg2ay080n2lff2uvt325vpan33ke34rn8l5jcqawh57m";

    /** Every fixture file by command name: the whole reply line ({@code {"data":...,"status":"ok"}}) as text. */
    static Map<String, String> replyLines() {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.list(SNAPSHOTS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("show_")).toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                out.put(name, Json.write(Json.parse(Files.readString(f))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("control snapshots at " + SNAPSHOTS, e);
        }
        return out;
    }

    /** The {@code data} of fixture {@code command}. */
    static JNode data(String command) {
        return JNode.load(SNAPSHOTS.resolve(command + ".json")).get("data");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1] == null ? Json.NULL : kv[i + 1]);
        return m;
    }

    static Map<String, Object> peer(String name, String npub, long linkId, boolean parent, double srttMs) {
        return obj("node_addr", "4a1f9c22e08b5d3714aa06fb92c1de55", "npub", npub, "display_name", name,
                "ipv6_addr", "fd4a:1f9c:22e0:8b5d:3714:aa06:fb92:c1de", "connectivity", "active", "link_id", linkId,
                "direction", "outbound", "transport_addr", "192.0.2.1:2121", "transport_type", "udp", "is_parent", parent,
                "is_child", !parent, "tree_depth", parent ? 0L : 2L, "effective_depth", null,
                "stats", obj("packets_sent", 10L), "noise", obj(), "current_k_bit", 0L,
                "mmp", obj("srtt_ms", new java.math.BigDecimal(Double.toString(srttMs)), "loss_rate", java.math.BigDecimal.ZERO));
    }

    /** show_peers data with two peers, alice (parent, link 3) and a name carrying an escape sequence. */
    static Map<String, Object> peersData() {
        List<Object> peers = new ArrayList<>();
        peers.add(peer("alice", ALICE_NPUB, 3, true, 12.5));
        peers.add(peer("bob\u001b[31m", BOB_NPUB, 4, false, 3));
        return obj("peers", peers);
    }

    static Map<String, Object> linksData() {
        return obj("links", List.of(
                obj("link_id", 3L, "transport_id", 1L, "remote_addr", "192.0.2.1:2121", "direction", "outbound",
                        "state", "connected", "created_at_ms", 1L, "stats", obj()),
                obj("link_id", 4L, "transport_id", 1L, "remote_addr", "192.0.2.2:40000", "direction", "inbound",
                        "state", "connected", "created_at_ms", 2L, "stats", obj())));
    }

    static Map<String, Object> transportsData() {
        return obj("transports", List.of(
                obj("transport_id", 1L, "type", "udp", "state", "running", "mtu", 1472L, "name", "udp0",
                        "local_addr", "0.0.0.0:2121", "stats", obj()),
                obj("transport_id", 2L, "type", "tcp", "state", "running", "mtu", 1400L, "name", "tcp0",
                        "local_addr", "0.0.0.0:8443", "stats", obj())));
    }

    static Map<String, Object> sessionsData() {
        return obj("sessions", List.of(obj("remote_addr", "4a1f9c22e08b5d3714aa06fb92c1de55", "npub", ALICE_NPUB,
                "display_name", "alice", "state", "established", "is_initiator", true, "last_activity_ms", 850L,
                "stats", obj(), "mmp", obj("srtt_ms", 20L, "loss_rate", java.math.BigDecimal.ZERO, "path_mtu", 1280L))));
    }

    /** Fixture replies for every show_* command, with peers, links, transports and sessions filled in. */
    static Map<String, String> populatedReplyLines() {
        Map<String, String> r = replyLines();
        r.put("show_peers", ok(peersData()));
        r.put("show_links", ok(linksData()));
        r.put("show_transports", ok(transportsData()));
        r.put("show_sessions", ok(sessionsData()));
        return r;
    }

    static String ok(Map<String, Object> data) {
        return Json.write(obj("status", "ok", "data", data));
    }

    /** A snapshot as if every query of every tab (in state {@code st}) had been answered from {@code replies}. */
    static Snapshot snapshot(Map<String, String> replies, ViewState st) {
        Map<Query, JNode> ok = new HashMap<>();
        Map<Query, TopSource.SourceException> bad = new HashMap<>();
        for (Tab t : Tab.values()) {
            for (Query q : t.queries(st, Snapshot.EMPTY)) {
                String line = replies.get(q.command());
                if (q.gateway()) {
                    bad.put(q, new TopSource.SourceException(TopSource.Kind.NOT_RUNNING, "no control socket at /x/gateway.sock"));
                } else if (line == null) {
                    bad.put(q, new TopSource.SourceException(TopSource.Kind.ERROR_REPLY, "unknown command: " + q.command()));
                } else {
                    ok.put(q, JNode.of(Json.parse(line), q.command()).get("data"));
                }
            }
        }
        // the Graphs queries whose params depend on state: answer the Node-mode one too
        return Snapshot.of(new Snapshot.Poll(ok, bad, 1000));
    }

    static Snapshot fixtureSnapshot() {
        return snapshot(replyLines(), new ViewState());
    }

    static Snapshot populatedSnapshot() {
        return snapshot(populatedReplyLines(), new ViewState());
    }
}
