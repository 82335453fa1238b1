package fips.ipv6.dns;

import fips.identity.Nip19;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-side DNS: builds queries and parses replies from RFC 1035 directly,
 * sharing no code with {@link DnsResponder}; and the expected FIPS address of
 * an npub computed from INTEROP.md 1.1 with plain SHA-256.
 */
final class DnsWire {
    private DnsWire() {}

    record Answer(String name, int type, int klass, long ttl, byte[] rdata) {}

    record Reply(int id, int flags, int rcode, int qdcount, int ancount, int nscount, int arcount, String qname,
            int qtype, int qclass, List<Answer> answers, int answerNameOffset) {
        boolean qr() {
            return (flags & 0x8000) != 0;
        }

        boolean aa() {
            return (flags & 0x0400) != 0;
        }

        boolean rd() {
            return (flags & 0x0100) != 0;
        }

        int opcode() {
            return (flags >>> 11) & 0xf;
        }
    }

    static byte[] query(int id, int flags, String name, int qtype, int qclass) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >>> 8);
        b.write(id);
        b.write(flags >>> 8);
        b.write(flags);
        b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
        b.writeBytes(encodeName(name));
        b.write(qtype >>> 8);
        b.write(qtype);
        b.write(qclass >>> 8);
        b.write(qclass);
        return b.toByteArray();
    }

    /** A standard recursive AAAA query. */
    static byte[] aaaa(int id, String name) {
        return query(id, 0x0100, name, 28, 1);
    }

    static byte[] encodeName(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] l = label.getBytes(StandardCharsets.ISO_8859_1);
                b.write(l.length);
                b.writeBytes(l);
            }
        }
        b.write(0);
        return b.toByteArray();
    }

    static Reply parse(byte[] m, int len) {
        m = Arrays.copyOf(m, len);
        int[] pos = {12};
        int qd = u16(m, 4);
        String qname = null;
        int qtype = -1;
        int qclass = -1;
        if (qd > 0) {
            qname = name(m, pos);
            qtype = u16(m, pos[0]);
            qclass = u16(m, pos[0] + 2);
            pos[0] += 4;
        }
        List<Answer> answers = new ArrayList<>();
        int firstAnswerNameOffset = -1;
        for (int i = 0; i < u16(m, 6); i++) {
            if (i == 0) {
                firstAnswerNameOffset = pos[0];
            }
            String n = name(m, pos);
            int p = pos[0];
            int rdlen = u16(m, p + 8);
            long ttl = (long) u16(m, p + 4) << 16 | u16(m, p + 6);
            answers.add(new Answer(n, u16(m, p), u16(m, p + 2), ttl, Arrays.copyOfRange(m, p + 10, p + 10 + rdlen)));
            pos[0] = p + 10 + rdlen;
        }
        if (pos[0] != len) {
            throw new AssertionError("reply has " + (len - pos[0]) + " bytes after the sections");
        }
        return new Reply(u16(m, 0), u16(m, 2), u16(m, 2) & 0xf, qd, u16(m, 6), u16(m, 8), u16(m, 10), qname, qtype,
                qclass, answers, firstAnswerNameOffset);
    }

    private static String name(byte[] m, int[] pos) {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        boolean jumped = false;
        for (int hops = 0; hops < 64; hops++) {
            int l = m[p] & 0xff;
            if (l == 0) {
                if (!jumped) {
                    pos[0] = p + 1;
                }
                return sb.toString();
            }
            if ((l & 0xc0) == 0xc0) {
                if (!jumped) {
                    pos[0] = p + 2;
                }
                jumped = true;
                p = (l & 0x3f) << 8 | (m[p + 1] & 0xff);
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(new String(m, p + 1, l, StandardCharsets.ISO_8859_1));
            p += 1 + l;
        }
        throw new AssertionError("name loops");
    }

    static int u16(byte[] m, int p) {
        return (m[p] & 0xff) << 8 | (m[p + 1] & 0xff);
    }

    /** fd || SHA-256(x-only key)[0..15] (INTEROP.md 1.1), straight from the npub. */
    static byte[] expectedAddress(String npub) throws Exception {
        byte[] x = Nip19.decodeNpub(npub);
        byte[] h = MessageDigest.getInstance("SHA-256").digest(x);
        byte[] a = new byte[16];
        a[0] = (byte) 0xfd;
        System.arraycopy(h, 0, a, 1, 15);
        return a;
    }
}
