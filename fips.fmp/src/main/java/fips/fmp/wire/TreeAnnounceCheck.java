package fips.fmp.wire;

/**
 * Result of {@link TreeAnnounce#validateSemantics()}: the ancestry rules a
 * receiver applies after the signature check (INTEROP.md 5.1, receiver step 4).
 * Anything but {@link #OK} means the announce is dropped.
 */
public enum TreeAnnounceCheck {
    OK("ok"),
    /** A root declaration (parent == self) whose ancestry is not exactly one entry. */
    ROOT_DECLARATION_MISMATCH("RootDeclarationMismatch"),
    /** A non-root declaration without a parent hop (one entry only). */
    ANCESTRY_TOO_SHORT("AncestryTooShort"),
    /** {@code ancestry[1]} is not the signed parent. */
    ANCESTRY_PARENT_MISMATCH("AncestryParentMismatch"),
    /** The advertised root (last entry) is not the smallest NodeAddr in the ancestry. */
    ANCESTRY_ROOT_NOT_MINIMUM("AncestryRootNotMinimum");

    private final String specName;

    TreeAnnounceCheck(String specName) {
        this.specName = specName;
    }

    /** The name schnorr.json {@code expect_semantics} uses ({@code ok}, {@code AncestryTooShort}, ...). */
    public String specName() {
        return specName;
    }
}
