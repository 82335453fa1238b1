package fips.launcher.internal.control;

import fips.identity.NodeAddr;

/**
 * One end-to-end session as {@code show_sessions} reports it
 * (reference/control-socket.md "show_sessions"), filled by the session layer.
 *
 * @param remoteAddr the remote node
 * @param npub the remote's npub
 * @param displayName alias or short address
 * @param state {@code established}, {@code initiating}, {@code awaiting_msg3} or {@code unknown}
 * @param isInitiator this node started the handshake
 * @param lastActivityMs Unix time in ms of the last authenticated message
 * @param packetsSent data messages sent
 * @param packetsReceived data messages received
 * @param bytesSent payload bytes sent
 * @param bytesReceived payload bytes received
 * @param pathMtu the session's path MTU, 0 if unknown
 * @param currentKBit the session's current K bit (INTEROP.md 8.4)
 * @param isDraining old keys still accepted after a rekey
 */
public record SessionRow(NodeAddr remoteAddr, String npub, String displayName, String state, boolean isInitiator,
                         long lastActivityMs, long packetsSent, long packetsReceived, long bytesSent,
                         long bytesReceived, int pathMtu, boolean currentKBit, boolean isDraining) {
    public SessionRow {
        if (remoteAddr == null || npub == null || displayName == null || state == null) {
            throw new IllegalArgumentException("remoteAddr=" + remoteAddr + " npub=" + npub + " displayName="
                    + displayName + " state=" + state);
        }
    }
}
