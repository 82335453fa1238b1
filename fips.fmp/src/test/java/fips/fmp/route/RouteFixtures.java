package fips.fmp.route;

import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.SessionDatagram;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-built fakes for the router tests: a tree with settable coordinates, a coordinate cache, recording sinks. */
final class RouteFixtures {
    private RouteFixtures() {}

    /** A NodeAddr whose first bytes are {@code hexPrefix} and the rest zero, so tests control the order. */
    static NodeAddr addr(String hexPrefix) {
        return NodeAddr.fromHex((hexPrefix + "0".repeat(32)).substring(0, 32));
    }

    /** The body of a SessionDatagram after its msg_type byte, as LinkCore delivers it. */
    static byte[] body(int ttl, int pathMtu, NodeAddr src, NodeAddr dest, byte[] payload) {
        byte[] enc = new SessionDatagram(ttl, pathMtu, src, dest, payload).encode();
        return Arrays.copyOfRange(enc, 1, enc.length);
    }

    /** Decodes a body the router sent. */
    static SessionDatagram decodeBody(byte[] body) {
        byte[] enc = new byte[body.length + 1];
        System.arraycopy(body, 0, enc, 1, body.length);
        try {
            return SessionDatagram.decode(enc, 0, enc.length);
        } catch (DecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static final class FakeTree implements TreeView {
        Coords coords;
        final Map<NodeAddr, Coords> peerCoords = new HashMap<>();

        FakeTree(Coords coords) {
            this.coords = coords;
        }

        @Override public Coords coords() { return coords; }
        @Override public NodeAddr root() { return coords.root(); }
        @Override public NodeAddr parent() { return coords.length() > 1 ? coords.get(1) : coords.self(); }
        @Override public boolean isTreePeer(NodeAddr peer) { return false; }
        @Override public Coords peerCoords(NodeAddr peer) { return peerCoords.get(peer); }
        @Override public long version() { return 0; }
    }

    /** A coordinate cache without expiry that counts its lookups. */
    static final class FakeCache implements DestinationCoords {
        final Map<NodeAddr, Coords> entries = new HashMap<>();
        final List<NodeAddr> lookups = new ArrayList<>();

        @Override
        public Coords lookup(long destHi, long destLo, long nowMs) {
            NodeAddr a = new NodeAddr(destHi, destLo);
            lookups.add(a);
            return entries.get(a);
        }
    }

    record Sent(NodeAddr peer, byte[] body, long nowMs) {
        SessionDatagram datagram() {
            return decodeBody(body);
        }
    }

    /** Records every send; answers {@link #result} (a frame length by default). */
    static final class RecordingOutput implements LinkOutput {
        final List<Sent> sent = new ArrayList<>();
        int result = 100;

        @Override
        public int send(NodeAddr peer, byte[] body, int off, int len, long nowMs) {
            sent.add(new Sent(peer, Arrays.copyOfRange(body, off, off + len), nowMs));
            return result;
        }
    }

    record Delivered(NodeAddr fromPeer, NodeAddr src, byte[] payload, int pathMtu, long nowMs) {}

    static final class RecordingLocal implements LocalDelivery {
        final List<Delivered> delivered = new ArrayList<>();

        @Override
        public void deliver(NodeAddr fromPeer, long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu,
                            long nowMs) {
            delivered.add(new Delivered(fromPeer, new NodeAddr(srcHi, srcLo), Arrays.copyOfRange(buf, off, off + len),
                    pathMtu, nowMs));
        }
    }
}
