package fips.transport.tcp.internal;

import fips.link.spi.ConnectionState;
import fips.link.spi.FmpStreamFramer;
import fips.link.spi.TransportAddr;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One TCP stream to one remote address, outbound (dialled by {@code connect})
 * or inbound (accepted), keyed by the remote address in the transport's pool.
 *
 * <p>Who touches what:
 * <ul>
 *   <li>{@link #channel}, {@link #key}: written by the I/O thread before
 *       {@link #state} becomes {@code CONNECTED}; the volatile write of the
 *       state publishes them to senders.</li>
 *   <li>{@link #framer}, {@link #deadlineMs}, {@link #gotFrame}: the I/O thread only.</li>
 *   <li>{@link #out}, {@link #writePending}, {@link #closed}: under this
 *       object's monitor (a sender and the I/O thread's flush and close). The
 *       monitor is never held across a blocking call: the channel is
 *       non-blocking.</li>
 * </ul>
 *
 * <p>{@link #out} is the write queue, in fill mode (position = bytes queued):
 * a send appends a whole packet or nothing, so the stream never carries part
 * of a packet followed by another packet.
 */
final class TcpConnection {
    /** No deadline. Deadlines are on the transport's own millisecond clock, which starts at 0. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final TransportAddr addr;
    final boolean outbound;
    final FmpStreamFramer framer;
    final ByteBuffer out;

    volatile ConnectionState state = ConnectionState.CONNECTING;
    SocketChannel channel;
    SelectionKey key;

    long deadlineMs = NO_DEADLINE;
    boolean gotFrame;

    boolean writePending;
    boolean closed;

    TcpConnection(TransportAddr addr, boolean outbound, int mtu, int writeQueueBytes, FrameTarget target) {
        this.addr = addr;
        this.outbound = outbound;
        this.framer = new FmpStreamFramer(mtu, (buf, off, len) -> target.onFrame(this, buf, off, len));
        this.out = ByteBuffer.allocateDirect(writeQueueBytes);
    }

    /** Where the framer's packets go: the transport, told which connection they came from. */
    @FunctionalInterface
    interface FrameTarget {
        void onFrame(TcpConnection from, byte[] buf, int off, int len);
    }

    @Override
    public String toString() {
        return (outbound ? "outbound " : "inbound ") + addr + " " + state;
    }
}
