package fips.launcher.internal.node;

import fips.fmp.link.LinkEvent;
import fips.fmp.link.PeerLink;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.launcher.internal.log.Log;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * Mesh events as one operator line each, never one per packet:
 * <ul>
 * <li>link events, e.g.
 *     {@code link up: peer=node-b npub=npub1... transport=udp addr=127.0.0.1:2122 role=initiator};</li>
 * <li>this node's tree coordinates when they change, e.g.
 *     {@code tree: root=0123456789abcdef... depth=2 parent=node-b coords=[5a5a5a5a 7c7c7c7c 01234567]}
 *     (root: the first 16 hex digits of its node_addr; coords: self first, root last, 8 hex digits
 *     each; {@code parent=none} at the root);</li>
 * <li>finished lookups (debug), e.g.
 *     {@code lookup done: target=... coords=[...] path_mtu=1280} or {@code lookup failed: target=... reason=timeout}.</li>
 * </ul>
 * Peers are named by their configured alias, else by a shortened npub.
 * Owned by the protocol thread.
 */
final class MeshEventLog {
    private final Log log;
    private final Map<NodeAddr, String> npubs = new HashMap<>();
    private final Map<NodeAddr, String> names = new HashMap<>();
    private final Set<NodeAddr> up = new HashSet<>();

    MeshEventLog(Log log) {
        this.log = log;
    }

    /** A configured peer: its alias names it in every line. */
    void register(PublicKey key, String alias) {
        npubs.put(key.nodeAddr(), key.npub());
        names.put(key.nodeAddr(), alias != null && !alias.isEmpty() ? alias : shortNpub(key.npub()));
    }

    /** @param link the peer's link when the event is {@code Up}, else null */
    void onEvent(LinkEvent e, PeerLink link) {
        if (e instanceof LinkEvent.Up first && link != null && !npubs.containsKey(first.peer())) {
            register(link.publicKey(), null); // a peer that dialled in
        }
        String who = "peer=" + name(e.peer()) + " npub=" + npub(e.peer());
        switch (e) {
            case LinkEvent.Up u -> {
                String what = " transport=" + u.transport() + " addr=" + u.address() + " role=" + (u.initiator() ? "initiator" : "responder");
                if (up.add(u.peer())) {
                    log.info("link up: " + who + what);
                } else {
                    // Crossing dials: the link was already up and switched to the winning handshake (INTEROP.md 3.7).
                    log.debug("link session replaced (crossing handshakes): " + who + what);
                }
            }
            case LinkEvent.Down down -> {
                up.remove(down.peer());
                log.write(downLevel(down.reason()), "link down: " + who + " reason=" + downReason(down));
            }
            case LinkEvent.HandshakeFailed hf -> {
                String what = " addr=" + hf.address() + " attempt=" + hf.attempt() + ", "
                        + (hf.nextRetryInMs() < 0 ? "no more retries (node.retry.max_retries)"
                        : "next retry in " + seconds(hf.nextRetryInMs()));
                if (up.contains(hf.peer())) {
                    // A dial of ours that lost the race to the peer's own dial; the link is up regardless.
                    log.debug("outbound handshake expired while the link is up: " + who + what);
                } else {
                    log.warn("handshake failed: " + who + what);
                }
            }
            case LinkEvent.Rekeyed rk -> log.info("rekeyed: " + who + " k=" + rk.keyEpoch()
                    + " role=" + (rk.initiator() ? "initiator" : "responder"));
            case LinkEvent.Roamed r -> log.info("roamed: " + who + " from=" + r.from() + " to=" + r.to());
        }
    }

    /** This node's coordinates, at start and after every change (MeshSink.coordsChanged). */
    void onCoords(Coords c) {
        log.info(treeLine(c));
    }

    String treeLine(Coords c) {
        String parent = c.depth() == 0 ? "none" : name(c.get(1));
        return "tree: root=" + c.root().toHex().substring(0, 16) + "... depth=" + c.depth() + " parent=" + parent
                + " coords=" + c;
    }

    /** A lookup this node started finished (MeshSink.lookupDone); debug level. */
    void onLookupDone(NodeAddr target, Coords coords, int pathMtu, String failure) {
        if (!log.enabled(Log.Level.DEBUG)) return;
        String who = "target=" + target.toHex() + (names.containsKey(target) ? " (" + names.get(target) + ")" : "");
        if (coords != null) {
            log.debug("lookup done: " + who + " coords=" + coords + " depth=" + coords.depth() + " path_mtu=" + pathMtu);
        } else {
            log.debug("lookup failed: " + who + " reason=" + failure.toLowerCase(Locale.ROOT));
        }
    }

    private static Log.Level downLevel(LinkEvent.DownReason r) {
        return switch (r) {
            case DEAD_TIMEOUT, DECRYPT_FAILURES -> Log.Level.WARN;
            case PEER_DISCONNECTED, PEER_RESTARTED, LOCAL_DISCONNECT -> Log.Level.INFO;
        };
    }

    private static String downReason(LinkEvent.Down d) {
        String detail = d.detail() == null ? "" : d.detail();
        return switch (d.reason()) {
            case PEER_DISCONNECTED -> "disconnect received (" + detail.toLowerCase(Locale.ROOT) + ")";
            case DEAD_TIMEOUT -> "dead timeout (" + detail + ")";
            case DECRYPT_FAILURES -> "decrypt failures (" + detail + ")";
            case PEER_RESTARTED -> "peer restarted (" + detail + ")";
            case LOCAL_DISCONNECT -> "local disconnect (" + detail.toLowerCase(Locale.ROOT) + ")";
        };
    }

    /** A peer's alias or short npub; an unknown node's node_addr in hex. */
    String name(NodeAddr a) {
        String n = names.get(a);
        return n != null ? n : a.toString();
    }

    private String npub(NodeAddr a) {
        String n = npubs.get(a);
        return n != null ? n : "unknown";
    }

    static String shortNpub(String npub) {
        return npub.length() > 20 ? npub.substring(0, 12) + "..." + npub.substring(npub.length() - 6) : npub;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
