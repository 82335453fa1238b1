package fips.fmp.bloom;

import fips.identity.NodeAddr;

/**
 * Where {@link BloomState} puts the FilterAnnounces it decides to send.
 *
 * <p>Buffer ownership (STYLE.md rule 7): {@code message} belongs to the core
 * and is valid only during the call; it holds the whole link message,
 * {@code msg_type} (0x20) first, then the 1034-byte body
 * (reference/wire-formats.md "FilterAnnounce (0x20)"). A driver on
 * {@code LinkCore} sends it as
 * {@code link.send(peer, message[off] & 0xff, message, off + 1, len - 1, nowMs)}.
 * One encoding buffer is reused for every announce, so a large simulation
 * makes no garbage per filter sent.
 */
@FunctionalInterface
public interface BloomSink {
    void sendFilterAnnounce(NodeAddr peer, byte[] message, int off, int len);
}
