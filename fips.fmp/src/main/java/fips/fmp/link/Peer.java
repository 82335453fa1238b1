package fips.fmp.link;

import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.noise.IkHandshake;
import fips.noise.NoiseSession;

/**
 * Link-layer state of one peer identity, owned by {@link LinkCore}'s thread.
 *
 * <p>Up to three Noise sessions at once (INTEROP.md 3.8): {@code current}
 * carries traffic; {@code pending} holds fresh keys from a rekey until
 * cutover; {@code previous} keeps the old keys for the drain window. Each has
 * its own index, so the receive path finds the right one by receiver_idx.
 */
final class Peer implements PeerLink {
    /** One established Noise session of a link. */
    static final class Session {
        final NoiseSession noise;
        final int ourIdx;
        final int theirIdx;
        final boolean initiator;
        long startMs;
        long rekeyDueMs;
        boolean confirmed; // at least one frame authenticated under it

        Session(NoiseSession noise, int ourIdx, int theirIdx, boolean initiator) {
            this.noise = noise;
            this.ourIdx = ourIdx;
            this.theirIdx = theirIdx;
            this.initiator = initiator;
        }
    }

    /** An outbound IK handshake in flight: the first link handshake or a rekey. */
    static final class Attempt {
        final IkHandshake hs;
        final int ourIdx;
        final byte[] packet; // msg1 packet, resent byte-identical (INTEROP.md 3.6)
        final Transport transport;
        final TransportAddr to;
        final boolean rekey;
        final long startedMs;
        int resends;
        long nextResendMs;
        /** False while a connection-oriented transport is still connecting: msg1 not sent yet. */
        boolean sent;

        Attempt(IkHandshake hs, int ourIdx, byte[] packet, Transport transport, TransportAddr to, boolean rekey, long startedMs) {
            this.hs = hs;
            this.ourIdx = ourIdx;
            this.packet = packet;
            this.transport = transport;
            this.to = to;
            this.rekey = rekey;
            this.startedMs = startedMs;
        }
    }

    final PublicKey key;
    final NodeAddr addr;
    PeerSpec spec; // null for a peer known only because it dialled us

    Transport transport;
    TransportAddr remote;
    Session current;
    Session pending;
    long pendingUntilMs;
    Session previous;
    long previousUntilMs;
    int keyEpoch;
    byte[] remoteEpoch;
    Attempt attempt;

    // Responder idempotency (INTEROP.md 3.6 "Duplicate msg1").
    byte[] lastMsg1;
    byte[] lastMsg2;
    long lastMsg2UntilMs;

    long establishedAtMs;
    long lastRecvMs;
    long nextHeartbeatMs;
    long rekeyDampenedUntilMs;
    int decryptFailures;
    int rekeys;

    // Dialling (reference/configuration.md node.retry.*).
    int retries;
    boolean unlimitedRetries;
    long nextRetryMs = Long.MAX_VALUE;
    int addressCursor;

    long framesSent;
    long framesReceived;
    long bytesSent;
    long bytesReceived;

    Peer(PublicKey key, PeerSpec spec) {
        this.key = key;
        this.addr = key.nodeAddr();
        this.spec = spec;
    }

    boolean isUp() {
        return current != null;
    }

    @Override
    public NodeAddr nodeAddr() {
        return addr;
    }

    @Override
    public PublicKey publicKey() {
        return key;
    }

    @Override
    public String displayName() {
        return spec != null ? spec.displayName() : key.npub();
    }

    @Override
    public String transportName() {
        return transport == null ? "" : transport.name();
    }

    @Override
    public String remoteAddress() {
        return remote == null ? "" : remote.toString();
    }

    @Override
    public int linkMtu() {
        return transport == null ? 0 : transport.linkMtu(remote);
    }

    @Override
    public boolean isInitiator() {
        return current != null && current.initiator;
    }

    @Override
    public long establishedAtMs() {
        return establishedAtMs;
    }

    @Override
    public long lastReceivedMs() {
        return lastRecvMs;
    }

    @Override
    public long framesSent() {
        return framesSent;
    }

    @Override
    public long framesReceived() {
        return framesReceived;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public int keyEpoch() {
        return keyEpoch;
    }

    @Override
    public int rekeys() {
        return rekeys;
    }
}
