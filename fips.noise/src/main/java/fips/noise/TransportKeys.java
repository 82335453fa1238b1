package fips.noise;

/**
 * The two transport keys a completed handshake yields, already assigned to
 * this side's directions (INTEROP.md 2.1 "Split": the initiator sends with k1,
 * the responder with k2). Nonces start at 0 in both directions.
 */
public record TransportKeys(byte[] sendKey, byte[] recvKey) {
    public TransportKeys {
        if (sendKey.length != 32 || recvKey.length != 32) {
            throw new IllegalArgumentException("transport keys must be 32 bytes");
        }
        sendKey = sendKey.clone();
        recvKey = recvKey.clone();
    }

    @Override
    public byte[] sendKey() {
        return sendKey.clone();
    }

    @Override
    public byte[] recvKey() {
        return recvKey.clone();
    }

    @Override
    public String toString() {
        return "TransportKeys[redacted]";
    }
}
