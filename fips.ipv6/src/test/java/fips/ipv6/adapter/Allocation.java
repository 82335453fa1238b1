package fips.ipv6.adapter;

import java.lang.reflect.Method;

/**
 * Bytes allocated by the current thread while running a task, through
 * {@code com.sun.management.ThreadMXBean} found reflectively (this module
 * does not read java.management; reflection needs no readability).
 */
final class Allocation {
    private static final Object BEAN;
    private static final Method CURRENT;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            CURRENT = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocation() {}

    static long measure(Runnable r) throws ReflectiveOperationException {
        long before = (long) CURRENT.invoke(BEAN);
        r.run();
        long after = (long) CURRENT.invoke(BEAN);
        return after - before;
    }
}
