package fips.ipv6.dns;

import fips.identity.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code .fips} DNS responder's sans-IO core (INTEROP.md 9.6;
 * design/fips-ipv6-adapter.md "DNS Integration"): one UDP query in, the
 * reply bytes out.
 *
 * <h2>Theory of operation</h2>
 * Only the first question is read. Its name must end in the label
 * {@code fips} (any case); the labels before it, joined with dots and
 * lower-cased, are looked up in the {@link HostMap}, else must be an npub.
 * Lower-casing before the npub decode is a deliberate choice: DNS names are
 * case-insensitive (RFC 4343) and resolvers that randomise the case of
 * queries (0x20 encoding) would otherwise get NXDOMAIN for a mixed-case
 * bech32 string.
 * <ul>
 *   <li>resolvable, type AAAA, class IN or ANY: NOERROR with one AAAA record
 *       for the key's FIPS address, class IN, TTL {@code dns.ttl}; the key is
 *       then {@link #resolvedKey()} so the driver can register it in the
 *       identity cache;</li>
 *   <li>resolvable, anything else: NOERROR, no records;</li>
 *   <li>anything else, including names outside {@code .fips}: NXDOMAIN.</li>
 * </ul>
 * Every reply has AA set, echoes ID, opcode, RD and CD, and carries the
 * question as received (expanded if it was compressed); the answer's name is
 * a compression pointer to it (RFC 1035 4.1.4). No EDNS OPT is sent back.
 *
 * <h2>Bad input</h2>
 * Never throws on input. Fewer than 12 bytes, a response (QR set) or an
 * output buffer that is too small: no reply ({@link #DROP}). QDCOUNT 0, a
 * truncated question, a label type other than plain or pointer, a pointer
 * that does not point strictly backwards (so loops are impossible), or a name
 * over 255 bytes: FORMERR. Opcode other than QUERY: NOTIMP. All counted.
 *
 * <p>Owned by one thread (the DNS driver's). The caller's buffers are used
 * only during the call.
 */
public final class DnsResponder {
    /** {@code dns.ttl} default. reference/configuration.md; INTEROP.md 9.6. */
    public static final int DEFAULT_TTL_SECONDS = 300;
    /** {@link #answer}: send nothing. */
    public static final int DROP = -1;
    /** Largest reply {@link #answer} writes: header, a 255-byte name, question tail, one AAAA record. */
    public static final int MAX_RESPONSE_BYTES = 12 + 255 + 4 + 2 + 10 + 16;

    public static final int HEADER_BYTES = 12;
    public static final int TYPE_AAAA = 28;
    public static final int CLASS_IN = 1;
    public static final int CLASS_ANY = 255;
    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    /** Longest name in wire form. RFC 1035 2.3.4. */
    public static final int MAX_NAME_BYTES = 255;
    /** The zone. INTEROP.md 9.6. */
    public static final String ZONE_LABEL = "fips";

    private static final int FLAG_QR = 0x80;
    private static final int FLAG_AA = 0x04;
    private static final int MASK_OPCODE = 0x78;
    private static final int FLAG_RD = 0x01;
    private static final int FLAG_CD = 0x10;

    private final int ttlSeconds;
    private HostMap hosts = HostMap.EMPTY;
    private PublicKey resolvedKey;
    private int lastOutcome = DnsOutcome.DROPPED;
    private final long[] counts = new long[DnsOutcome.COUNT];

    // The question name, expanded, in wire form, and where each label starts in it.
    private final byte[] name = new byte[MAX_NAME_BYTES];
    private final int[] labelStarts = new int[MAX_NAME_BYTES / 2 + 1];
    private int nameLen;
    private int labelCount;

    public DnsResponder() {
        this(DEFAULT_TTL_SECONDS);
    }

    /** @param ttlSeconds the AAAA TTL ({@code dns.ttl}), 0..2^31−1 */
    public DnsResponder(long ttlSeconds) {
        if (ttlSeconds < 0 || ttlSeconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttlSeconds=" + ttlSeconds + " must be in 0.." + Integer.MAX_VALUE);
        }
        this.ttlSeconds = (int) ttlSeconds;
    }

    /** Replaces the host map (the driver passes {@link HostsReloader#current()} after a check). */
    public void setHostMap(HostMap hosts) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    public HostMap hostMap() {
        return hosts;
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    /**
     * Answers the query {@code query[off, off+len)} into {@code out[outOff..]}.
     * After it returns, {@link #resolvedKey()} is the key of the AAAA record
     * written, or null, and {@link #lastOutcome()} says what happened.
     *
     * @param nowMs the caller's clock; the core keeps no timers today and does not read it
     * @return the reply's length, or {@link #DROP}
     */
    public int answer(byte[] query, int off, int len, byte[] out, int outOff, long nowMs) {
        resolvedKey = null;
        if (query == null || out == null || off < 0 || len < HEADER_BYTES || len > query.length - off
                || outOff < 0 || out.length - outOff < MAX_RESPONSE_BYTES) {
            return done(DnsOutcome.DROPPED, DROP);
        }
        int flags1 = query[off + 2] & 0xff;
        if ((flags1 & FLAG_QR) != 0) {
            return done(DnsOutcome.DROPPED, DROP);
        }
        if ((flags1 & MASK_OPCODE) != 0) {
            return done(DnsOutcome.NOTIMP, headerOnly(query, off, out, outOff, RCODE_NOTIMP));
        }
        int qdcount = (query[off + 4] & 0xff) << 8 | (query[off + 5] & 0xff);
        if (qdcount == 0) {
            return done(DnsOutcome.FORMERR, headerOnly(query, off, out, outOff, RCODE_FORMERR));
        }
        int p = readName(query, off, len, off + HEADER_BYTES);
        if (p < 0 || p + 4 > off + len) {
            return done(DnsOutcome.FORMERR, headerOnly(query, off, out, outOff, RCODE_FORMERR));
        }
        int qtype = (query[p] & 0xff) << 8 | (query[p + 1] & 0xff);
        int qclass = (query[p + 2] & 0xff) << 8 | (query[p + 3] & 0xff);

        PublicKey key = resolve();
        boolean aaaa = key != null && qtype == TYPE_AAAA && (qclass == CLASS_IN || qclass == CLASS_ANY);
        int rcode = key == null ? RCODE_NXDOMAIN : RCODE_NOERROR;

        // Header.
        out[outOff] = query[off];
        out[outOff + 1] = query[off + 1];
        out[outOff + 2] = (byte) (FLAG_QR | (flags1 & MASK_OPCODE) | FLAG_AA | (flags1 & FLAG_RD));
        out[outOff + 3] = (byte) ((query[off + 3] & FLAG_CD) | rcode);
        putShort(out, outOff + 4, 1);
        putShort(out, outOff + 6, aaaa ? 1 : 0);
        putShort(out, outOff + 8, 0);
        putShort(out, outOff + 10, 0);
        // Question, as received.
        int w = outOff + HEADER_BYTES;
        System.arraycopy(name, 0, out, w, nameLen);
        w += nameLen;
        putShort(out, w, qtype);
        putShort(out, w + 2, qclass);
        w += 4;
        if (!aaaa) {
            return done(key == null ? DnsOutcome.NXDOMAIN : DnsOutcome.NO_DATA, w - outOff);
        }
        // Answer: pointer to the question name, AAAA, IN, TTL, 16 bytes of address.
        putShort(out, w, 0xC000 | HEADER_BYTES);
        putShort(out, w + 2, TYPE_AAAA);
        putShort(out, w + 4, CLASS_IN);
        putShort(out, w + 6, ttlSeconds >>> 16);
        putShort(out, w + 8, ttlSeconds & 0xffff);
        putShort(out, w + 10, 16);
        key.fipsAddress().write(out, w + 12);
        w += 28;
        resolvedKey = key;
        return done(DnsOutcome.ANSWERED, w - outOff);
    }

    /** The key the last {@link #answer} returned an AAAA record for, or null. */
    public PublicKey resolvedKey() {
        return resolvedKey;
    }

    /** The {@link DnsOutcome} of the last {@link #answer}. */
    public int lastOutcome() {
        return lastOutcome;
    }

    /** Queries counted under a {@link DnsOutcome}. */
    public long count(int outcome) {
        return counts[outcome];
    }

    private int done(int outcome, int result) {
        lastOutcome = outcome;
        counts[outcome]++;
        return result;
    }

    /** The key the question name resolves to, or null. */
    private PublicKey resolve() {
        if (labelCount < 2) {
            return null;
        }
        int last = labelStarts[labelCount - 1];
        int lastLen = name[last] & 0xff;
        if (lastLen != ZONE_LABEL.length()
                || !new String(name, last + 1, lastLen, StandardCharsets.ISO_8859_1).equalsIgnoreCase(ZONE_LABEL)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(last);
        for (int i = 0; i < labelCount - 1; i++) {
            int s = labelStarts[i];
            if (i > 0) {
                sb.append('.');
            }
            sb.append(new String(name, s + 1, name[s] & 0xff, StandardCharsets.ISO_8859_1));
        }
        String host = sb.toString().toLowerCase(Locale.ROOT);
        PublicKey key = hosts.get(host);
        if (key != null) {
            return key;
        }
        if (!host.startsWith("npub1")) {
            return null;
        }
        try {
            return PublicKey.fromNpub(host);
        } catch (IllegalArgumentException e) { // KeyFormatException and any other rejection of the text
            return null;
        }
    }

    /**
     * Reads the name at {@code q[p]} into {@link #name}, following pointers.
     *
     * @return the position after the name where it started (after its first pointer if any), or -1
     */
    private int readName(byte[] q, int msgOff, int msgLen, int p) {
        int end = msgOff + msgLen;
        int resume = -1;
        int limit = p; // a pointer must point strictly before the position it was read at
        nameLen = 0;
        labelCount = 0;
        while (true) {
            if (p >= end) {
                return -1;
            }
            int b = q[p] & 0xff;
            if (b == 0) {
                if (nameLen + 1 > MAX_NAME_BYTES) {
                    return -1;
                }
                name[nameLen++] = 0;
                return resume >= 0 ? resume : p + 1;
            }
            int type = b & 0xC0;
            if (type == 0xC0) {
                if (p + 1 >= end) {
                    return -1;
                }
                int target = msgOff + ((b & 0x3F) << 8 | (q[p + 1] & 0xff));
                if (target >= limit || target < msgOff + HEADER_BYTES) {
                    return -1;
                }
                if (resume < 0) {
                    resume = p + 2;
                }
                limit = target;
                p = target;
                continue;
            }
            if (type != 0) {
                return -1; // 0x40 and 0x80: extended and reserved label types
            }
            if (p + 1 + b > end || nameLen + 1 + b + 1 > MAX_NAME_BYTES) {
                return -1;
            }
            labelStarts[labelCount++] = nameLen;
            System.arraycopy(q, p, name, nameLen, 1 + b);
            nameLen += 1 + b;
            p += 1 + b;
        }
    }

    private int headerOnly(byte[] q, int off, byte[] out, int outOff, int rcode) {
        int flags1 = q[off + 2] & 0xff;
        out[outOff] = q[off];
        out[outOff + 1] = q[off + 1];
        out[outOff + 2] = (byte) (FLAG_QR | (flags1 & MASK_OPCODE) | FLAG_AA | (flags1 & FLAG_RD));
        out[outOff + 3] = (byte) ((q[off + 3] & FLAG_CD) | rcode);
        for (int i = 4; i < HEADER_BYTES; i++) {
            out[outOff + i] = 0;
        }
        return HEADER_BYTES;
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
