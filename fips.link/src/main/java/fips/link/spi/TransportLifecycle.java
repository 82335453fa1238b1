package fips.link.spi;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The once-only steps of a {@link Transport} instance's life, as flags any
 * thread may test: started ({@link Transport#start} at most once, never after
 * close), closed ({@link Transport#close} is idempotent) and released (the
 * medium is freed once, by whichever of the closing thread and the
 * transport's own thread gets there first).
 *
 * <p>Thread-safe; each step is one compare-and-set.
 */
public final class TransportLifecycle {
    private final String name;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    /** @param name the instance name, for messages */
    public TransportLifecycle(String name) {
        this.name = name;
    }

    /**
     * Checks the preconditions of {@link Transport#start} and marks the
     * transport started; the caller then hands {@code sink} to its thread.
     *
     * @throws IllegalArgumentException if {@code sink} is null
     * @throws IllegalStateException naming the transport if it is closed or already started
     */
    public void claimStart(DatagramSink sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink=null");
        }
        if (closed.get()) {
            throw new IllegalStateException("transport name=" + name + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("transport name=" + name + " is already started");
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Marks the transport closed; true for the first caller only. */
    public boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** True for the first caller only: that caller frees the medium. */
    public boolean markReleased() {
        return released.compareAndSet(false, true);
    }
}
