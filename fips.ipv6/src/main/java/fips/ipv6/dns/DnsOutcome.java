package fips.ipv6.dns;

/**
 * What {@link DnsResponder#answer} did with one query, and the index of the
 * counter it was counted under ({@link DnsResponder#count}).
 */
public final class DnsOutcome {
    private DnsOutcome() {}

    /** AAAA for a resolvable name: one AAAA record. INTEROP.md 9.6 "Answers". */
    public static final int ANSWERED = 0;
    /** Resolvable name, another type (or class): NOERROR, no records. INTEROP.md 9.6. */
    public static final int NO_DATA = 1;
    /** Not a {@code .fips} name, or neither a host nor an npub: NXDOMAIN. INTEROP.md 9.6. */
    public static final int NXDOMAIN = 2;
    /** No question, a bad or truncated name, a truncated question: FORMERR (RFC 1035 4.1.1). */
    public static final int FORMERR = 3;
    /** An opcode other than QUERY: NOTIMP (RFC 1035 4.1.1). */
    public static final int NOTIMP = 4;
    /** No reply at all: shorter than a header, a response rather than a query, or no room for the reply. */
    public static final int DROPPED = 5;

    public static final int COUNT = 6;

    public static String name(int outcome) {
        return switch (outcome) {
            case ANSWERED -> "dns_answered";
            case NO_DATA -> "dns_no_data";
            case NXDOMAIN -> "dns_nxdomain";
            case FORMERR -> "dns_formerr";
            case NOTIMP -> "dns_notimp";
            case DROPPED -> "dns_dropped";
            default -> throw new IllegalArgumentException("outcome=" + outcome);
        };
    }
}
