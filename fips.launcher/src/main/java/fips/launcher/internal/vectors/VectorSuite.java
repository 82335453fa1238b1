package fips.launcher.internal.vectors;

import fips.json.JNode;

/** The checks for one vector file of the shared schema (../shared/spec/vectors). */
interface VectorSuite {
    /** The file name this suite checks, e.g. {@code identity.json}. */
    String fileName();

    /** True if a file of another name has this suite's shape (top-level sections). */
    boolean recognises(JNode root);

    void run(JNode root, Report report);
}
