package fips.fmp.route;

import fips.identity.NodeAddr;

/**
 * Where the router sends a SessionDatagram to a peer. The mesh glue
 * implements it with {@code LinkCore.send(peer, LinkMsgType.SESSION_DATAGRAM,
 * body, off, len, nowMs)}, whose results {@link #NO_LINK} and
 * {@link #TOO_BIG} have the same values.
 *
 * <p>Forwarding path: called once per forwarded packet. {@code body} is the
 * datagram after its msg_type byte ({@code ttl ‖ path_mtu ‖ src ‖ dest ‖
 * payload}, INTEROP.md 8.1) and is valid only during the call (STYLE.md
 * rule 7): the implementation copies it (LinkCore seals it into its own
 * transmit buffer).
 */
@FunctionalInterface
public interface LinkOutput {
    /** No established link to that peer any more. */
    int NO_LINK = -1;
    /** The sealed frame would exceed the link MTU. */
    int TOO_BIG = -2;

    /**
     * Seals and transmits link message 0x00 with {@code body[off, off+len)} to {@code peer}.
     *
     * @return the frame length (≥ 0), {@link #NO_LINK} or {@link #TOO_BIG}
     */
    int send(NodeAddr peer, byte[] body, int off, int len, long nowMs);
}
