package fips.fsp.session;

import fips.identity.NodeAddr;

/**
 * One session as the control socket's {@code show_sessions} reports it
 * (reference/control-socket.md): an owned copy, taken on the protocol thread.
 *
 * @param remoteAddr the remote node
 * @param npub the remote key as npub, null while a responder has not seen msg3
 * @param state {@code established}, {@code initiating} or {@code awaiting_msg3}
 * @param isInitiator whether this node sent the SessionSetup of the current session
 * @param lastActivityMs virtual time of the last DataPacket sent or received (or of establishment)
 * @param idleMs {@code nowMs - lastActivityMs}
 * @param currentKBit the K bit frames are sent with (INTEROP.md 8.8)
 * @param isDraining whether previous keys are still kept for the drain (INTEROP.md 8.8)
 * @param rekeyInProgress whether a rekey handshake or a pending session exists
 * @param pathMtuBytes the learned path MTU, 0 if unknown
 * @param warmupRemaining data packets that will still try to carry coordinates (INTEROP.md 8.7)
 * @param queuedPackets packets held for this destination
 * @param packetsSent DataPackets sent
 * @param packetsReceived DataPackets received
 * @param bytesSent service payload bytes sent
 * @param bytesReceived service payload bytes received
 * @param rekeys cutovers so far
 */
public record SessionSnapshot(NodeAddr remoteAddr, String npub, String state, boolean isInitiator,
                              long lastActivityMs, long idleMs, boolean currentKBit, boolean isDraining,
                              boolean rekeyInProgress, int pathMtuBytes, int warmupRemaining, int queuedPackets,
                              long packetsSent, long packetsReceived, long bytesSent, long bytesReceived,
                              long rekeys) {}
