package fips.testkit;

/**
 * Sees every packet handed to a wire, at the moment it is sent and before the
 * wire decides its fate (so lost packets are seen too). The buffer belongs to
 * the sender and is valid only during the call (STYLE.md rule 7); copy what
 * you keep, or use {@link Capture}.
 */
@FunctionalInterface
public interface WireTap {
    void onSend(long nowMs, SimWire.Direction direction, PacketKind kind, byte[] buf, int off, int len);
}
