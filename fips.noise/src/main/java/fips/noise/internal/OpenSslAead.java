package fips.noise.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import fips.noise.AeadEngine;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * ChaCha20-Poly1305 through OpenSSL 3 libcrypto's EVP interface, called with
 * the FFM API (no JNI).
 *
 * <p>Theory of operation: one {@code EVP_CIPHER_CTX} per instance, keyed once
 * in the constructor. Each call re-initialises only the IV and the direction
 * ({@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, enc)}), feeds the AD with
 * {@code EVP_CipherUpdate(ctx, NULL, ...)}, the text with a second
 * {@code EVP_CipherUpdate}, then {@code EVP_CipherFinal_ex}; the tag is read
 * with {@code EVP_CTRL_AEAD_GET_TAG} after sealing and given with
 * {@code EVP_CTRL_AEAD_SET_TAG} before opening.
 *
 * <p>No allocation per call: the data-carrying downcalls are linked with
 * {@link Linker.Option#critical(boolean) critical(true)}, so the caller's heap
 * arrays are passed to libcrypto directly (no copy; the GC waits for these
 * short calls). Heap slices are bounds-checked by {@code asSlice} before any
 * native code runs. The nonce, the {@code int} out-length and the final-block
 * scratch live in one small native segment per instance, in a shared arena (an
 * instance may be created on one thread and used on another), freed by
 * {@link #close()}. Tags move directly between the caller's array and the
 * context.
 *
 * <p>OpenSSL decrypts before {@code EVP_CipherFinal_ex} checks the tag; the
 * shared failure path in {@link AeadEngines.AbstractAead} zeroes that output.
 * The context is not thread-safe, like the instance that owns it.
 *
 * <p>Availability: libcrypto is looked up as {@code libcrypto.so.3}, then
 * {@code libcrypto.so}; {@link #UNAVAILABLE_REASON} says which library or
 * symbol is missing, or that native access is denied (the JVM needs
 * {@code --enable-native-access=fips.noise}).
 */
final class OpenSslAead extends AeadEngines.AbstractAead {
    // openssl/evp.h (OpenSSL 3.0): "# define EVP_CTRL_AEAD_SET_IVLEN 0x9",
    // "# define EVP_CTRL_AEAD_GET_TAG 0x10", "# define EVP_CTRL_AEAD_SET_TAG 0x11".
    static final int EVP_CTRL_AEAD_SET_IVLEN = 0x9;
    static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
    static final int EVP_CTRL_AEAD_SET_TAG = 0x11;

    static final String[] LIBRARY_NAMES = {"libcrypto.so.3", "libcrypto.so"};

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // Scratch segment layout: nonce at 0 (12 bytes), int outl at 16, final-block scratch at 24.
    private static final long SCRATCH_BYTES = 32;
    private static final long NONCE_OFFSET = 0;
    private static final long OUTL_OFFSET = 16;
    private static final long FINAL_OFFSET = 24;
    private static final long FINAL_BYTES = 8;

    /** Why libcrypto cannot be used, or {@code null}. */
    static final String UNAVAILABLE_REASON;

    // EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void)
    private static final MethodHandle EVP_CIPHER_CTX_NEW;
    // void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx)
    private static final MethodHandle EVP_CIPHER_CTX_FREE;
    // const EVP_CIPHER *EVP_chacha20_poly1305(void)
    private static final MethodHandle EVP_CHACHA20_POLY1305;
    // int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
    //                       const unsigned char *key, const unsigned char *iv, int enc)
    private static final MethodHandle EVP_CIPHER_INIT_EX;
    // int EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr)
    private static final MethodHandle EVP_CIPHER_CTX_CTRL;
    // int EVP_CipherUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
    //                      const unsigned char *in, int inl)
    private static final MethodHandle EVP_CIPHER_UPDATE;
    // int EVP_CipherFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *outm, int *outl)
    private static final MethodHandle EVP_CIPHER_FINAL_EX;
    // unsigned long ERR_get_error(void)
    private static final MethodHandle ERR_GET_ERROR;
    // void ERR_error_string_n(unsigned long e, char *buf, size_t len)
    private static final MethodHandle ERR_ERROR_STRING_N;
    // void ERR_clear_error(void)
    private static final MethodHandle ERR_CLEAR_ERROR;

    static {
        String reason = null;
        String library = null;
        MethodHandle ctxNew = null;
        MethodHandle ctxFree = null;
        MethodHandle chacha = null;
        MethodHandle init = null;
        MethodHandle ctrl = null;
        MethodHandle update = null;
        MethodHandle fin = null;
        MethodHandle errGet = null;
        MethodHandle errString = null;
        MethodHandle errClear = null;
        try {
            SymbolLookup lib = null;
            StringBuilder tried = new StringBuilder();
            for (String name : LIBRARY_NAMES) {
                try {
                    lib = libraryLookup(name);
                    library = name;
                    break;
                } catch (IllegalArgumentException e) {
                    tried.append(tried.isEmpty() ? "" : "; ").append(name).append(": ").append(e.getMessage());
                }
            }
            if (lib == null) {
                reason = "libcrypto not found (" + tried + ")";
            } else {
                Linker linker = Linker.nativeLinker();
                Linker.Option critical = Linker.Option.critical(true);
                List<String> missing = new ArrayList<>();
                ctxNew = downcall(linker, lib, missing, "EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS));
                ctxFree = downcall(linker, lib, missing, "EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
                chacha = downcall(linker, lib, missing, "EVP_chacha20_poly1305", FunctionDescriptor.of(ADDRESS));
                init = downcall(linker, lib, missing, "EVP_CipherInit_ex",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
                ctrl = downcall(linker, lib, missing, "EVP_CIPHER_CTX_ctrl",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), critical);
                update = downcall(linker, lib, missing, "EVP_CipherUpdate",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
                fin = downcall(linker, lib, missing, "EVP_CipherFinal_ex",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), critical);
                errGet = downcall(linker, lib, missing, "ERR_get_error", FunctionDescriptor.of(JAVA_LONG));
                errString = downcall(linker, lib, missing, "ERR_error_string_n",
                        FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG));
                errClear = downcall(linker, lib, missing, "ERR_clear_error", FunctionDescriptor.ofVoid());
                if (!missing.isEmpty()) {
                    reason = library + " lacks symbol(s) " + String.join(", ", missing);
                }
            }
        } catch (IllegalCallerException e) {
            Module module = OpenSslAead.class.getModule();
            reason = "native access is not enabled for " + (module.isNamed() ? "module " + module.getName() : "the class path")
                    + " (run java with --enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED")
                    + "): " + e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            reason = "cannot link libcrypto: " + e;
        }
        UNAVAILABLE_REASON = reason;
        EVP_CIPHER_CTX_NEW = ctxNew;
        EVP_CIPHER_CTX_FREE = ctxFree;
        EVP_CHACHA20_POLY1305 = chacha;
        EVP_CIPHER_INIT_EX = init;
        EVP_CIPHER_CTX_CTRL = ctrl;
        EVP_CIPHER_UPDATE = update;
        EVP_CIPHER_FINAL_EX = fin;
        ERR_GET_ERROR = errGet;
        ERR_ERROR_STRING_N = errString;
        ERR_CLEAR_ERROR = errClear;
    }

    /** Restricted (needs native access): the caller handles {@link IllegalCallerException}. */
    @SuppressWarnings("restricted")
    private static SymbolLookup libraryLookup(String name) {
        return SymbolLookup.libraryLookup(name, Arena.global());
    }

    @SuppressWarnings("restricted")
    private static MethodHandle downcall(Linker linker, SymbolLookup lib, List<String> missing, String name,
            FunctionDescriptor descriptor, Linker.Option... options) {
        var symbol = lib.find(name);
        if (symbol.isEmpty()) {
            missing.add(name);
            return null;
        }
        return linker.downcallHandle(symbol.get(), descriptor, options);
    }

    private final MemorySegment ctx;
    private final Arena arena;
    private final MemorySegment nonce;
    private final MemorySegment outl;
    private final MemorySegment finalScratch;
    // Native staging (no heap segments on the data path: C2 does not always scalar-replace them).
    private static final int STAGE_AD_BYTES = 64;
    private final MemorySegment stageAd;
    private final MemorySegment stageTag;
    private MemorySegment stageIo;

    OpenSslAead(byte[] key32) {
        super(AeadEngine.OPENSSL);
        AeadEngines.checkKey(key32);
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("OpenSSL AEAD engine is unavailable: " + UNAVAILABLE_REASON);
        }
        MemorySegment c;
        try {
            c = (MemorySegment) EVP_CIPHER_CTX_NEW.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CIPHER_CTX_new failed", t);
        }
        if (c.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("EVP_CIPHER_CTX_new returned NULL: " + lastError());
        }
        this.ctx = c;
        Arena a = Arena.ofShared();
        try {
            MemorySegment cipher = (MemorySegment) EVP_CHACHA20_POLY1305.invokeExact();
            check("EVP_CipherInit_ex(key)", (int) EVP_CIPHER_INIT_EX.invokeExact(c, cipher, MemorySegment.NULL,
                    MemorySegment.ofArray(key32), MemorySegment.NULL, 1));
            check("EVP_CIPHER_CTX_ctrl(EVP_CTRL_AEAD_SET_IVLEN)", (int) EVP_CIPHER_CTX_CTRL.invokeExact(c,
                    EVP_CTRL_AEAD_SET_IVLEN, NONCE_BYTES, MemorySegment.NULL));
        } catch (Throwable t) {
            a.close();
            free(c);
            if (t instanceof IllegalStateException e) {
                throw e;
            }
            throw new IllegalStateException("OpenSSL AEAD key setup failed", t);
        }
        this.arena = a;
        MemorySegment scratch = a.allocate(SCRATCH_BYTES, 8);
        this.nonce = scratch.asSlice(NONCE_OFFSET, NONCE_BYTES);
        this.outl = scratch.asSlice(OUTL_OFFSET, JAVA_INT.byteSize());
        this.finalScratch = scratch.asSlice(FINAL_OFFSET, FINAL_BYTES);
        this.stageAd = a.allocate(STAGE_AD_BYTES, 8);
        this.stageTag = a.allocate(TAG_BYTES, 8);
        this.stageIo = a.allocate(2048, 16);
    }

    /** The staging buffer for {@code n} bytes, grown (to a power of two) from the instance's arena. */
    private MemorySegment io(int n) {
        if (n > stageIo.byteSize()) {
            stageIo = arena.allocate(Integer.highestOneBit(Math.max(n, 2048) - 1) << 1, 16);
        }
        return stageIo;
    }

    @Override
    int doSeal(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen,
            byte[] out, int outOff) {
        java.util.Objects.checkFromIndexSize(inOff, inLen, in.length);
        java.util.Objects.checkFromIndexSize(outOff, inLen + TAG_BYTES, out.length);
        try {
            setNonce(nonceFixed, counter);
            check("EVP_CipherInit_ex", (int) EVP_CIPHER_INIT_EX.invokeExact(ctx, MemorySegment.NULL,
                    MemorySegment.NULL, MemorySegment.NULL, nonce, 1));
            if (adLen > 0) {
                check("EVP_CipherUpdate(ad)", (int) EVP_CIPHER_UPDATE.invokeExact(ctx, MemorySegment.NULL, outl,
                        stageAd(ad, adOff, adLen), adLen));
            }
            if (inLen > 0) {
                MemorySegment io = io(inLen);
                MemorySegment.copy(in, inOff, io, ValueLayout.JAVA_BYTE, 0, inLen);
                check("EVP_CipherUpdate", (int) EVP_CIPHER_UPDATE.invokeExact(ctx, io, outl, io, inLen));
                MemorySegment.copy(io, ValueLayout.JAVA_BYTE, 0, out, outOff, inLen);
            }
            check("EVP_CipherFinal_ex", (int) EVP_CIPHER_FINAL_EX.invokeExact(ctx, finalScratch, outl));
            check("EVP_CIPHER_CTX_ctrl(EVP_CTRL_AEAD_GET_TAG)", (int) EVP_CIPHER_CTX_CTRL.invokeExact(ctx,
                    EVP_CTRL_AEAD_GET_TAG, TAG_BYTES, stageTag));
            MemorySegment.copy(stageTag, ValueLayout.JAVA_BYTE, 0, out, outOff + inLen, TAG_BYTES);
            return inLen + TAG_BYTES;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("OpenSSL seal failed: counter=" + counter, t);
        }
    }

    /** The AD in native memory: the staging buffer, or (AD over 64 bytes, not on the data path) a heap slice. */
    private MemorySegment stageAd(byte[] ad, int adOff, int adLen) {
        if (adLen <= STAGE_AD_BYTES) {
            MemorySegment.copy(ad, adOff, stageAd, ValueLayout.JAVA_BYTE, 0, adLen);
            return stageAd;
        }
        return MemorySegment.ofArray(ad).asSlice(adOff, adLen);
    }

    @Override
    int doOpen(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int plainLen,
            byte[] out, int outOff) {
        java.util.Objects.checkFromIndexSize(inOff, plainLen + TAG_BYTES, in.length);
        java.util.Objects.checkFromIndexSize(outOff, plainLen, out.length);
        try {
            setNonce(nonceFixed, counter);
            check("EVP_CipherInit_ex", (int) EVP_CIPHER_INIT_EX.invokeExact(ctx, MemorySegment.NULL,
                    MemorySegment.NULL, MemorySegment.NULL, nonce, 0));
            MemorySegment.copy(in, inOff + plainLen, stageTag, ValueLayout.JAVA_BYTE, 0, TAG_BYTES);
            check("EVP_CIPHER_CTX_ctrl(EVP_CTRL_AEAD_SET_TAG)", (int) EVP_CIPHER_CTX_CTRL.invokeExact(ctx,
                    EVP_CTRL_AEAD_SET_TAG, TAG_BYTES, stageTag));
            if (adLen > 0) {
                check("EVP_CipherUpdate(ad)", (int) EVP_CIPHER_UPDATE.invokeExact(ctx, MemorySegment.NULL, outl,
                        stageAd(ad, adOff, adLen), adLen));
            }
            MemorySegment io = null;
            if (plainLen > 0) {
                io = io(plainLen);
                MemorySegment.copy(in, inOff, io, ValueLayout.JAVA_BYTE, 0, plainLen);
                check("EVP_CipherUpdate", (int) EVP_CIPHER_UPDATE.invokeExact(ctx, io, outl, io, plainLen));
            }
            int ok = (int) EVP_CIPHER_FINAL_EX.invokeExact(ctx, finalScratch, outl);
            if (ok != 1) {
                // A tag mismatch; drop whatever OpenSSL may have queued for this thread.
                ERR_CLEAR_ERROR.invokeExact();
                if (io != null) io.asSlice(0, plainLen).fill((byte) 0);
                return -1;
            }
            if (io != null) {
                MemorySegment.copy(io, ValueLayout.JAVA_BYTE, 0, out, outOff, plainLen);
            }
            return plainLen;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("OpenSSL open failed: counter=" + counter, t);
        }
    }

    private void setNonce(int nonceFixed, long counter) {
        nonce.set(LE_INT, 0, nonceFixed);
        nonce.set(LE_LONG, 4, counter);
    }

    /** Frees the context; OpenSSL wipes the key schedule as it frees it. */
    @Override
    void release() {
        free(ctx);
        arena.close();
    }

    private static void free(MemorySegment c) {
        try {
            EVP_CIPHER_CTX_FREE.invokeExact(c);
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CIPHER_CTX_free failed", t);
        }
    }

    private static void check(String call, int ret) {
        if (ret != 1) {
            throw new IllegalStateException(call + " failed: ret=" + ret + ", " + lastError());
        }
    }

    /** The oldest queued OpenSSL error of this thread as text; clears the queue. */
    private static String lastError() {
        try {
            long code = (long) ERR_GET_ERROR.invokeExact();
            String text = "no OpenSSL error queued";
            if (code != 0) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment buf = a.allocate(256);
                    ERR_ERROR_STRING_N.invokeExact(code, buf, buf.byteSize());
                    text = "OpenSSL error 0x" + Long.toHexString(code) + ": " + buf.getString(0);
                }
            }
            ERR_CLEAR_ERROR.invokeExact();
            return text;
        } catch (Throwable t) {
            return "OpenSSL error unknown (" + t + ")";
        }
    }
}
