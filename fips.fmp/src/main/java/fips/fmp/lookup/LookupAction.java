package fips.fmp.lookup;

import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import java.util.Objects;

/** What {@link LookupCore} asks its driver to do (STYLE.md rule 2: control plane returns values). */
public sealed interface LookupAction {

    /**
     * Send a link message to {@code peer}: {@code message[0]} is the msg_type
     * (0x30 LookupRequest or 0x31 LookupResponse), the rest its body. On
     * {@code LinkCore}: {@code send(peer, message[0] & 0xff, message, 1, message.length - 1, nowMs)}.
     * A fan-out shares one array between its records; the driver must not modify it.
     */
    record Send(NodeAddr peer, byte[] message) implements LookupAction {
        public Send {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(message, "message");
        }

        public int msgType() {
            return message[0] & 0xff;
        }

        @Override
        public String toString() {
            return "Send[peer=" + peer + ", msgType=0x" + Integer.toHexString(msgType()) + ", "
                    + message.length + "B]";
        }
    }

    /**
     * A lookup this node originated was answered with a verified proof; the
     * coordinates are in the {@link CoordCache} (INTEROP.md 7 "Originator").
     *
     * @param pathMtuBytes the response's path_mtu: the least link MTU on the way back
     */
    record Succeeded(NodeAddr target, Coords coords, int pathMtuBytes) implements LookupAction {}

    /** A lookup this node originated failed; queued traffic for the target can be refused. */
    record Failed(NodeAddr target, Reason reason) implements LookupAction {}

    /** Why a lookup failed. */
    enum Reason {
        /** INTEROP.md 7 "Origination": no peer's filter contains the target, nothing was sent. */
        NOT_IN_ANY_FILTER,
        /** INTEROP.md 7 "Origination": only non-tree peers' filters contain it; there is no fallback at the origin. */
        NO_TREE_PEER,
        /** INTEROP.md 7 "Retry": every attempt timed out. */
        TIMEOUT
    }
}
