package fips.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The linker, the C library lookup and errno capture, shared by every class
 * in this module that binds a native function.
 *
 * <p>Errno: handles made with {@code errno = true} take one extra leading
 * {@link MemorySegment} argument, a call-state buffer of
 * {@link #CALL_STATE_LAYOUT} (see {@link #allocateCallState(Arena)}). The
 * linker copies the thread's errno into it right after the call, before the
 * JVM can disturb it; read it with {@link #errno(MemorySegment)}. A call-state
 * buffer belongs to one thread at a time: each I/O loop or sender keeps its
 * own, allocated once.
 */
public final class Native {
    static final Linker LINKER = Linker.nativeLinker();

    /** The symbols the JVM process already has loaded: libc on Linux. */
    static final SymbolLookup LIBC = LINKER.defaultLookup();

    /** The platform's capture-state struct; this module reads only {@code errno}. */
    public static final StructLayout CALL_STATE_LAYOUT = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO = CALL_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Native() {}

    /** A call-state buffer for errno capture, from {@code arena}. */
    public static MemorySegment allocateCallState(Arena arena) {
        return arena.allocate(CALL_STATE_LAYOUT);
    }

    /** The errno the last call made with {@code callState} left behind. */
    public static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /**
     * Links a libc function.
     *
     * @param errno capture errno (the handle gains a leading call-state argument)
     * @param critical link as a critical function: no thread-state transition,
     *        and heap segments may be passed. Only for calls that cannot block
     *        (non-blocking sockets or {@code MSG_DONTWAIT}); the GC waits for them.
     * @throws IllegalStateException if libc has no such symbol
     * @throws IllegalCallerException if native access is not enabled for this module
     */
    static MethodHandle downcall(String name, FunctionDescriptor descriptor, boolean errno, boolean critical) {
        return downcall(name, descriptor, errno, critical, -1);
    }

    /**
     * Links a variadic libc function ({@code open}, {@code ioctl}) called with a
     * fixed number of arguments: {@code firstVariadicArg} is the index of the
     * first argument passed through the {@code ...} (or -1 for none), so the
     * linker follows the variadic calling convention for it.
     */
    @SuppressWarnings("restricted") // this module is the one granted native access
    static MethodHandle downcall(String name, FunctionDescriptor descriptor, boolean errno, boolean critical,
            int firstVariadicArg) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no symbol " + name));
        Linker.Option[] options = new Linker.Option[3];
        int n = 0;
        if (errno) {
            options[n++] = CAPTURE_ERRNO;
        }
        if (critical) {
            options[n++] = Linker.Option.critical(true);
        }
        if (firstVariadicArg >= 0) {
            options[n++] = Linker.Option.firstVariadicArg(firstVariadicArg);
        }
        return LINKER.downcallHandle(symbol, descriptor, java.util.Arrays.copyOf(options, n));
    }
}
