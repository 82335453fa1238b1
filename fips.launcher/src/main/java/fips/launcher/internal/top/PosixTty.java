package fips.launcher.internal.top;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal on standard input/output, through libc by FFM: {@code isatty},
 * {@code tcgetattr}/{@code cfmakeraw}/{@code tcsetattr} for raw mode (the {@code struct termios} is kept
 * opaque: saved, copied, handed back, so its per-platform layout does not matter) and
 * {@code ioctl(TIOCGWINSZ)} for the size. No helper process. Needs
 * {@code --enable-native-access=fips.launcher}.
 */
@SuppressWarnings("restricted")
public final class PosixTty implements Terminal {
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    /** termios.h: apply now. */
    private static final int TCSANOW = 0;
    /** asm-generic/ioctls.h (x86, arm, riscv); powerpc, mips and sparc use _IOR('t', 104, struct winsize). */
    private static final long TIOCGWINSZ_GENERIC = 0x5413L;
    private static final long TIOCGWINSZ_IOR = 0x40087468L;
    /** Larger than struct termios on every Linux/BSD ABI (glibc x86-64: 60 bytes). */
    private static final long TERMIOS_BYTES = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle ISATTY = handle("isatty", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle TCGETATTR = handle("tcgetattr",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle TCSETATTR = handle("tcsetattr",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle CFMAKERAW = handle("cfmakeraw", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle IOCTL = handle("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = handle("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment saved = arena.allocate(TERMIOS_BYTES, 8);
    private final MemorySegment raw = arena.allocate(TERMIOS_BYTES, 8);
    private final MemorySegment winsize = arena.allocate(8, 8);
    private final MemorySegment errno = arena.allocate(ERRNO_STATE);
    private final InputStream in = new FileInputStream(FileDescriptor.in);
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private boolean isRaw;

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... opts) {
        return LIBC.find(name).map(a -> LINKER.downcallHandle(a, fd, opts)).orElse(null);
    }

    /** Why this process cannot run a full-screen UI here, or null if it can. */
    public static String unavailableReason() {
        if (ISATTY == null || TCGETATTR == null || TCSETATTR == null || CFMAKERAW == null) {
            return "this platform's C library lacks isatty/tcgetattr/tcsetattr/cfmakeraw";
        }
        try {
            if ((int) ISATTY.invokeExact(STDIN) != 1) return "standard input is not a terminal";
            if ((int) ISATTY.invokeExact(STDOUT) != 1) return "standard output is not a terminal";
        } catch (Throwable t) {
            return "isatty failed: " + t;
        }
        return null;
    }

    @Override
    public synchronized void enterRaw() throws IOException {
        if (isRaw) return;
        try {
            if ((int) TCGETATTR.invokeExact(errno, STDIN, saved) != 0) throw failure("tcgetattr(0)");
            MemorySegment.copy(saved, 0, raw, 0, TERMIOS_BYTES);
            CFMAKERAW.invokeExact(raw);
            if ((int) TCSETATTR.invokeExact(errno, STDIN, TCSANOW, raw) != 0) throw failure("tcsetattr(0, TCSANOW, raw)");
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("raw mode: " + t, t);
        }
        isRaw = true;
    }

    @Override
    public synchronized void restore() {
        if (!isRaw) return;
        try {
            int rc = (int) TCSETATTR.invokeExact(errno, STDIN, TCSANOW, saved);
            if (rc == 0) isRaw = false;
        } catch (Throwable ignored) {
            // best effort while exiting; nothing better to do
        }
    }

    private IOException failure(String call) {
        int e = (int) ERRNO.get(errno, 0L);
        String text = "errno " + e;
        try {
            if (STRERROR != null) text = ((MemorySegment) STRERROR.invokeExact(e)).reinterpret(256).getString(0) + " (errno " + e + ")";
        } catch (Throwable ignored) {
            // keep the number
        }
        return new IOException(call + " failed: " + text);
    }

    @Override
    public int[] size() {
        if (IOCTL != null) {
            String arch = System.getProperty("os.arch", "");
            long req = arch.startsWith("ppc") || arch.startsWith("mips") || arch.startsWith("sparc") ? TIOCGWINSZ_IOR : TIOCGWINSZ_GENERIC;
            try {
                synchronized (this) {
                    if ((int) IOCTL.invokeExact(STDOUT, req, winsize) == 0) {
                        int rows = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 0));
                        int cols = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
                        if (rows > 0 && cols > 0) return new int[] {cols, rows};
                    }
                }
            } catch (Throwable ignored) {
                // fall through to the environment
            }
        }
        return new int[] {envInt("COLUMNS", 80), envInt("LINES", 24)};
    }

    private static int envInt(String name, int dflt) {
        try {
            return Integer.parseInt(System.getenv().getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
