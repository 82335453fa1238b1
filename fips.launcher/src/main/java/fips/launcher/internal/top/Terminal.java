package fips.launcher.internal.top;

import java.io.IOException;
import java.io.InputStream;

/**
 * The terminal the driver draws on: raw-mode entry and exit, its size, its byte streams.
 * {@link PosixTty} is the real one; tests use a fake.
 */
public interface Terminal {

    /** Puts the terminal in raw mode (no echo, no line buffering, no signal keys). */
    void enterRaw() throws IOException;

    /** Restores the mode {@link #enterRaw} found; harmless if not raw. Idempotent. */
    void restore();

    /** {columns, rows}. */
    int[] size();

    InputStream input();

    void write(String s);
}
