package fips.testkit;

import java.util.BitSet;

/**
 * A stream of numbered test messages from one node to another at a fixed
 * period, and the receiving end's account of them: each message is
 * {@link SimNode#TEST_MSG_TYPE} with a 4-byte stream id (unique in the
 * simulation, so several streams can share a pair of nodes) and an 8-byte
 * sequence number, both little-endian, padded to the chosen body size; the
 * receiver can tell a message delivered twice, out of order, or never.
 *
 * <p>A message the sender's core refuses (no link, too big) is counted
 * {@link #refused()} and gets no number. The stream sends nothing while the
 * sender is stopped.
 */
public final class Traffic {
    /** Stream id and sequence number. */
    public static final int HEADER_BYTES = 12;

    private final SimNode from;
    private final SimNode to;
    private final byte[] body;
    private final Simulation.Periodic periodic;
    private final int streamId;
    private final BitSet seen = new BitSet();
    private long nextSeq;
    private long refused;
    private long received;
    private long duplicates;
    private long reordered;
    private long highest = -1;

    private Traffic(Simulation sim, SimNode from, SimNode to, long firstAtMs, long periodMs, int bodyBytes) {
        if (bodyBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("bodyBytes=" + bodyBytes + " must be >= " + HEADER_BYTES);
        }
        this.from = from;
        this.to = to;
        this.body = new byte[bodyBytes];
        this.streamId = sim.nextStreamId();
        for (int i = 0; i < 4; i++) body[i] = (byte) (streamId >>> (8 * i));
        to.onDeliver(this::onDeliver);
        this.periodic = sim.every(firstAtMs, periodMs, this::sendOne);
    }

    /** Starts sending {@value #HEADER_BYTES}-byte messages every {@code periodMs}, the first one period from now. */
    public static Traffic start(Simulation sim, SimNode from, SimNode to, long periodMs) {
        return new Traffic(sim, from, to, sim.nowMs() + periodMs, periodMs, HEADER_BYTES);
    }

    /** Starts sending {@code bodyBytes}-byte messages every {@code periodMs}, the first at {@code firstAtMs}. */
    public static Traffic start(Simulation sim, SimNode from, SimNode to, long firstAtMs, long periodMs, int bodyBytes) {
        return new Traffic(sim, from, to, firstAtMs, periodMs, bodyBytes);
    }

    private void sendOne() {
        if (from.isStopped()) return;
        long seq = nextSeq;
        for (int i = 0; i < 8; i++) body[4 + i] = (byte) (seq >>> (8 * i));
        if (from.send(to, SimNode.TEST_MSG_TYPE, body) > 0) {
            nextSeq++;
        } else {
            refused++;
        }
    }

    private void onDeliver(SimNode at, SimNode sender, int msgType, byte[] buf, int off, int len, long nowMs) {
        if (sender != from || msgType != SimNode.TEST_MSG_TYPE || len != body.length) return;
        int id = 0;
        for (int i = 0; i < 4; i++) id |= (buf[off + i] & 0xff) << (8 * i);
        if (id != streamId) return;
        long seq = 0;
        for (int i = 0; i < 8; i++) seq |= (buf[off + 4 + i] & 0xffL) << (8 * i);
        if (seq < 0 || seq >= nextSeq) {
            throw new IllegalStateException("traffic " + from.name() + "->" + to.name() + " got seq=" + seq
                    + " never sent (next=" + nextSeq + ")");
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return;
        }
        seen.set((int) seq);
        received++;
        if (seq < highest) reordered++;
        highest = Math.max(highest, seq);
    }

    /** Stops sending; deliveries are still counted. */
    public void stop() {
        periodic.cancel();
    }

    /** Messages the sender's core accepted (numbered 0 .. sent-1). */
    public long sent() {
        return nextSeq;
    }

    public long refused() {
        return refused;
    }

    /** Distinct messages delivered. */
    public long received() {
        return received;
    }

    /** Deliveries of a message already delivered. */
    public long duplicates() {
        return duplicates;
    }

    /** Messages delivered after a higher-numbered one. */
    public long reordered() {
        return reordered;
    }

    /** Numbers sent but not delivered (so far). */
    public BitSet missing() {
        BitSet m = new BitSet();
        m.set(0, (int) nextSeq);
        m.andNot(seen);
        return m;
    }

    @Override
    public String toString() {
        return "Traffic{" + from.name() + "->" + to.name() + " sent=" + nextSeq + " received=" + received
                + " refused=" + refused + " duplicates=" + duplicates + " reordered=" + reordered + "}";
    }
}
