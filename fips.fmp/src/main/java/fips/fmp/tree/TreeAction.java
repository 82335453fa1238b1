package fips.fmp.tree;

import fips.fmp.wire.TreeAnnounce;
import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * What {@link TreeCore} asks its driver to do, or tells the layers above
 * (STYLE.md rule 2: control plane answers with small records).
 */
public sealed interface TreeAction {

    /**
     * Send {@code frame} (a whole TreeAnnounce, msg_type byte first, as
     * {@link TreeAnnounce#encode()} gives it) to {@code peer}. Over a
     * {@code LinkCore}: {@code send(peer, frame[0], frame, 1, frame.length - 1, nowMs)}.
     * One array is shared by every Send of the same announce; drivers must not
     * modify it.
     *
     * @param announce the decoded form of {@code frame}, for logs and tests
     */
    record Send(NodeAddr peer, TreeAnnounce announce, byte[] frame) implements TreeAction {
        public Send {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(announce, "announce");
            Objects.requireNonNull(frame, "frame");
        }

        /** The msg_type byte ({@code 0x10}). */
        public int msgType() {
            return frame[0] & 0xff;
        }

        /** Offset of the body after the msg_type byte, as {@code LinkCore.send} takes it. */
        public int bodyOffset() {
            return 1;
        }

        public int bodyLength() {
            return frame.length - 1;
        }

        @Override
        public String toString() {
            return "Send[peer=" + peer + ", seq=" + Long.toUnsignedString(announce.sequence()) + ", parent="
                    + announce.parent() + ", depth=" + announce.depth() + ", " + frame.length + "B]";
        }
    }

    /**
     * This node's coordinates changed: new parent, new root or a different
     * path above the parent (not a sequence-only refresh). The router prunes
     * its coordinate cache on this (INTEROP.md 5.5, 15 D7); bloom and lookup
     * re-derive their tree peers and backoffs.
     */
    record CoordsChanged(Coords oldCoords, Coords newCoords) implements TreeAction {
        public CoordsChanged {
            Objects.requireNonNull(oldCoords, "oldCoords");
            Objects.requireNonNull(newCoords, "newCoords");
        }

        public NodeAddr oldRoot() {
            return oldCoords.root();
        }

        public NodeAddr newRoot() {
            return newCoords.root();
        }

        /** The old parent; the node itself if it was the root. */
        public NodeAddr oldParent() {
            return oldCoords.get(oldCoords.length() > 1 ? 1 : 0);
        }

        /** The new parent; the node itself if it is now the root. */
        public NodeAddr newParent() {
            return newCoords.get(newCoords.length() > 1 ? 1 : 0);
        }

        public boolean rootChanged() {
            return !oldCoords.rootEquals(newCoords);
        }

        public boolean parentChanged() {
            return !oldParent().equals(newParent());
        }
    }

    /**
     * A peer's own declaration started or stopped naming this node as its
     * parent, so it joined or left this node's tree peers
     * ({@link TreeView#isTreePeer}; INTEROP.md 6 "Outgoing filter").
     * Changes of this node's own parent come as {@link CoordsChanged}, and a
     * peer that goes down simply stops being one.
     */
    record TreePeerChanged(NodeAddr peer, boolean treePeer) implements TreeAction {
        public TreePeerChanged {
            Objects.requireNonNull(peer, "peer");
        }
    }
}
