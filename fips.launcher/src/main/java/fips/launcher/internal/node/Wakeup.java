package fips.launcher.internal.node;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks the protocol thread until a ring has work, its deadline passes or a
 * stop is requested, without a lock or an allocation per datagram.
 *
 * <p>Protocol: the consumer sets {@code waiting}, then re-checks its rings
 * and parks only if they are all empty; a producer publishes a slot, then
 * unparks the consumer only if {@code waiting} is set. Both fields are
 * volatile, so at least one side sees the other's write: either the consumer
 * sees the new slot, or the producer sees {@code waiting} and its unpark
 * leaves a permit that makes the park return at once.
 */
public final class Wakeup {
    private volatile Thread consumer;
    private volatile boolean waiting;

    /** The thread that will {@link #park}; called by that thread before it first parks. */
    void bind(Thread t) {
        consumer = t;
    }

    /** Producer side: wake the consumer if it is (about to be) parked. */
    public void signal() {
        if (waiting) {
            wake();
        }
    }

    /** Wake the consumer unconditionally (a stop request). */
    void wake() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void beginWait() {
        waiting = true;
    }

    void endWait() {
        waiting = false;
    }

    void park(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }
}
