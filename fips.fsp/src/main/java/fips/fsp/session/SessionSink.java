package fips.fsp.session;

/**
 * Where {@link SessionCore} hands what arrives on its sessions. {@link #deliver}
 * is the data path: called once per DataPacket, with the core's receive
 * buffer lent for the duration of the call only (STYLE.md rule 7). The sink
 * dispatches by destination port and drops (and counts) ports it does not
 * serve (INTEROP.md 8.4 "Ports"). It may call {@link SessionCore#send} from
 * inside {@link #deliver}.
 */
public interface SessionSink {
    /** A DataPacket arrived for a local port; buf lent only during the call. */
    void deliver(long srcHi, long srcLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs);

    /** A control-plane happening of a session (established, closed, rekeyed, ...). */
    default void sessionEvent(SessionEvent e) {}
}
