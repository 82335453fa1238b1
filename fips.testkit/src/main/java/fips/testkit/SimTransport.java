package fips.testkit;

import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;

/**
 * A node's in-memory transport (type {@value #TYPE}). Its address is
 * {@code sim:<node index>} (4 bytes, the index big-endian). {@link #send}
 * hands the packet to the {@link SimNetwork}, which schedules its delivery;
 * there is no receive thread: the simulation calls the node's core itself at
 * the delivery time, so {@link #start} does nothing.
 *
 * <p>The transport's own MTU is what the core is told
 * ({@link #linkMtu}); a {@link SimWire} may carry less, which models a path
 * whose MTU the node got wrong.
 */
public final class SimTransport implements Transport {
    public static final String TYPE = "sim";
    private static final String PREFIX = TYPE + ":";

    private final SimNode node;
    private final TransportAddr local;
    private final int mtuBytes;
    private long packetsSent;
    private long bytesSent;
    private long packetsReceived;
    private long bytesReceived;
    private long sendErrors;
    private long sendTooBig;

    SimTransport(SimNode node, int mtuBytes) {
        if (mtuBytes <= 0) throw new IllegalArgumentException("mtuBytes=" + mtuBytes + " must be > 0");
        this.node = node;
        this.local = address(node.index());
        this.mtuBytes = mtuBytes;
    }

    /** The address of the node with index {@code index}. */
    public static TransportAddr address(int index) {
        if (index < 0) throw new IllegalArgumentException("index=" + index + " must be >= 0");
        byte[] b = {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
        return TransportAddr.of(b, PREFIX + index);
    }

    /** The node index a sim address names, or -1 if it is not a sim address. Allocation-free. */
    static int indexOf(TransportAddr a) {
        if (a.length() != 4) return -1;
        int i = (a.byteAt(0) & 0xff) << 24 | (a.byteAt(1) & 0xff) << 16 | (a.byteAt(2) & 0xff) << 8 | (a.byteAt(3) & 0xff);
        return i < 0 ? -1 : i;
    }

    public TransportAddr localAddr() {
        return local;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public int mtu() {
        return mtuBytes;
    }

    @Override
    public TransportAddr parseAddress(String text) {
        if (text != null && text.startsWith(PREFIX)) {
            try {
                return address(Integer.parseInt(text.substring(PREFIX.length())));
            } catch (IllegalArgumentException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("sim address must be sim:<node index>, got " + text);
    }

    @Override
    public void start(DatagramSink sink) {
        // The simulation delivers to the node's core itself.
    }

    @Override
    public boolean send(TransportAddr to, byte[] buf, int off, int len) {
        if (len > mtuBytes) {
            sendTooBig++;
            return false;
        }
        if (!node.sim().network().send(node, to, buf, off, len, node.sendingData)) {
            sendErrors++;
            return false;
        }
        packetsSent++;
        bytesSent += len;
        return true;
    }

    void countReceived(int len) {
        packetsReceived++;
        bytesReceived += len;
    }

    @Override
    public String localAddress() {
        return local.toString();
    }

    @Override
    public TransportStats stats() {
        return new TransportStats(packetsSent, bytesSent, packetsReceived, bytesReceived, sendErrors, sendTooBig, 0, 0);
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public String toString() {
        return local.toString();
    }
}
