package fips.ipv6.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The .fips responder core (INTEROP.md 9.6), replies parsed by {@link DnsWire}. */
class DnsResponderTest {
    static final String NPUB = "npub1qmc3cvfz0yu2hx96nq3gp55zdan2qclealn7xshgr448d3nh6lks7zel98";
    static final String NPUB2 = "npub10yffd020a4ag8zcy75f9pruq3rnghvvhd5hphl9s62zgp35s560qrksp9u";

    final DnsResponder responder = new DnsResponder();
    final byte[] out = new byte[600];

    DnsWire.Reply ask(byte[] q) {
        int n = responder.answer(q, 0, q.length, out, 0, 0);
        assertTrue(n >= 12, "reply length " + n);
        return DnsWire.parse(out, n);
    }

    @Test
    @DisplayName("INTEROP.md 9.6: AAAA for <npub>.fips is one AAAA record, class IN, TTL 300, AA set, name compressed")
    void aaaaForNpub() throws Exception {
        byte[] q = DnsWire.aaaa(0xbeef, NPUB + ".fips");
        int n = responder.answer(q, 0, q.length, out, 0, 0);
        DnsWire.Reply r = DnsWire.parse(out, n);
        assertEquals(0xbeef, r.id());
        assertTrue(r.qr());
        assertTrue(r.aa());
        assertTrue(r.rd(), "RD echoed");
        assertEquals(0, r.rcode());
        assertEquals(1, r.qdcount());
        assertEquals(NPUB + ".fips", r.qname());
        assertEquals(28, r.qtype());
        assertEquals(1, r.answers().size());
        DnsWire.Answer a = r.answers().get(0);
        assertEquals(NPUB + ".fips", a.name());
        assertEquals(28, a.type());
        assertEquals(1, a.klass());
        assertEquals(300, a.ttl());
        assertArrayEquals(DnsWire.expectedAddress(NPUB), a.rdata());
        // The answer's name is a pointer to the question at offset 12 (RFC 1035 4.1.4).
        assertEquals(0xc0, out[r.answerNameOffset()] & 0xff);
        assertEquals(12, out[r.answerNameOffset() + 1]);
        assertEquals(12 + q.length - 12 + 28, n);
        assertEquals(PublicKey.fromNpub(NPUB), responder.resolvedKey());
        assertEquals(DnsOutcome.ANSWERED, responder.lastOutcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {".fips.", ".FIPS", ".Fips."})
    @DisplayName("INTEROP.md 9.6: the .fips suffix is case-insensitive, trailing dot optional; question echoed as sent")
    void suffixCase(String suffix) throws Exception {
        DnsWire.Reply r = ask(DnsWire.aaaa(1, NPUB + suffix));
        assertEquals(1, r.answers().size());
        assertEquals(NPUB + suffix.replaceAll("\\.$", ""), r.qname());
        assertArrayEquals(DnsWire.expectedAddress(NPUB), r.answers().get(0).rdata());
    }

    @Test
    @DisplayName("upper-case and 0x20-randomised npub labels resolve (DNS names are case-insensitive)")
    void npubCase() throws Exception {
        assertEquals(1, ask(DnsWire.aaaa(1, NPUB.toUpperCase() + ".fips")).answers().size());
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < NPUB.length(); i++) {
            char c = NPUB.charAt(i);
            mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        DnsWire.Reply r = ask(DnsWire.aaaa(1, mixed + ".fips"));
        assertArrayEquals(DnsWire.expectedAddress(NPUB), r.answers().get(0).rdata());
        assertEquals(mixed + ".fips", r.qname());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: host map names are looked up case-insensitively before the npub rule")
    void hostMap() throws Exception {
        responder.setHostMap(HostMap.merge(Map.of("gateway", PublicKey.fromNpub(NPUB2)), Map.of()));
        DnsWire.Reply r = ask(DnsWire.aaaa(7, "GateWay.fips"));
        assertArrayEquals(DnsWire.expectedAddress(NPUB2), r.answers().get(0).rdata());
        assertEquals(PublicKey.fromNpub(NPUB2), responder.resolvedKey());
        assertEquals(3, ask(DnsWire.aaaa(7, "gateway2.fips")).rcode());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 15, 16, 33, 255, 65})
    @DisplayName("INTEROP.md 9.6: other query types for a resolvable name are NOERROR with no answer")
    void otherTypes(int qtype) {
        DnsWire.Reply r = ask(DnsWire.query(3, 0x0100, NPUB + ".fips", qtype, 1));
        assertEquals(0, r.rcode());
        assertTrue(r.aa());
        assertEquals(0, r.ancount());
        assertEquals(qtype, r.qtype());
        assertNull(responder.resolvedKey());
        assertEquals(DnsOutcome.NO_DATA, responder.lastOutcome());
    }

    @Test
    @DisplayName("AAAA in class CHAOS is not answered with an IN record: NOERROR, empty")
    void otherClass() {
        DnsWire.Reply r = ask(DnsWire.query(3, 0, NPUB + ".fips", 28, 3));
        assertEquals(0, r.rcode());
        assertEquals(0, r.ancount());
        assertEquals(1, ask(DnsWire.query(3, 0, NPUB + ".fips", 28, 255)).ancount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch.fips", "npub1qqqq.fips", "example.com", "fips", ".", "a.b.fips",
            NPUB + ".fips.com", NPUB, "npub1qmc3cvfz0yu2hx96nq3gp55zdan2qclealn7xshgr448d3nh6lks7zel99.fips"})
    @DisplayName("INTEROP.md 9.6: names that do not resolve are NXDOMAIN with AA")
    void nxdomain(String name) {
        DnsWire.Reply r = ask(DnsWire.aaaa(9, name));
        assertEquals(3, r.rcode());
        assertTrue(r.aa());
        assertEquals(0, r.ancount());
        assertEquals(1, r.qdcount());
        assertNull(responder.resolvedKey());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: only the first question is examined and echoed")
    void firstQuestionOnly() throws Exception {
        byte[] q1 = DnsWire.aaaa(5, NPUB + ".fips");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(q1);
        b.writeBytes(DnsWire.encodeName("other.example"));
        b.writeBytes(new byte[] {0, 1, 0, 1});
        byte[] q = b.toByteArray();
        q[5] = 2;
        int n = responder.answer(q, 0, q.length, out, 0, 0);
        DnsWire.Reply r = DnsWire.parse(out, n);
        assertEquals(1, r.qdcount());
        assertEquals(1, r.ancount());
        assertArrayEquals(DnsWire.expectedAddress(NPUB), r.answers().get(0).rdata());
        // A second question that is garbage does not matter either.
        byte[] g = Arrays.copyOf(q1, q1.length + 3);
        g[5] = 9;
        g[q1.length] = (byte) 0xc0;
        assertEquals(1, ask(g).ancount());
    }

    @Test
    @DisplayName("dns.ttl is configurable; an EDNS OPT record in the query is ignored and not echoed")
    void ttlAndEdns() {
        DnsResponder r60 = new DnsResponder(60);
        byte[] q1 = DnsWire.aaaa(5, NPUB + ".fips");
        byte[] q = Arrays.copyOf(q1, q1.length + 11);
        q[11] = 1; // ARCOUNT 1: OPT, root name, type 41, UDP size 1232, no options
        byte[] opt = {0, 0, 41, 0x04, (byte) 0xd0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(opt, 0, q, q1.length, opt.length);
        int n = r60.answer(q, 0, q.length, out, 0, 0);
        DnsWire.Reply r = DnsWire.parse(out, n);
        assertEquals(60, r.answers().get(0).ttl());
        assertEquals(0, r.arcount());
    }

    @Test
    @DisplayName("reply is written at the given offset of the output buffer, query read at its offset")
    void offsets() throws Exception {
        byte[] q1 = DnsWire.aaaa(5, NPUB + ".fips");
        byte[] q = new byte[q1.length + 30];
        System.arraycopy(q1, 0, q, 17, q1.length);
        byte[] big = new byte[1000];
        int n = responder.answer(q, 17, q1.length, big, 100, 0);
        DnsWire.Reply r = DnsWire.parse(Arrays.copyOfRange(big, 100, 100 + n), n);
        assertArrayEquals(DnsWire.expectedAddress(NPUB), r.answers().get(0).rdata());
    }

    @Test
    @DisplayName("no reply: shorter than a header, a response (QR set), or no room for a reply")
    void dropped() {
        byte[] q = DnsWire.aaaa(1, NPUB + ".fips");
        for (int len = 0; len < 12; len++) {
            assertEquals(DnsResponder.DROP, responder.answer(q, 0, len, out, 0, 0));
        }
        byte[] resp = q.clone();
        resp[2] |= (byte) 0x80;
        assertEquals(DnsResponder.DROP, responder.answer(resp, 0, resp.length, out, 0, 0));
        assertEquals(DnsResponder.DROP, responder.answer(q, 0, q.length, new byte[100], 0, 0));
        assertEquals(DnsResponder.DROP, responder.answer(q, 0, q.length + 1, out, 0, 0));
        assertEquals(15, responder.count(DnsOutcome.DROPPED));
    }

    @Test
    @DisplayName("RFC 1035 4.1.1: QDCOUNT 0 is FORMERR; opcode other than QUERY is NOTIMP")
    void formerrAndNotimp() {
        byte[] q = DnsWire.aaaa(0x1234, NPUB + ".fips");
        q[5] = 0;
        DnsWire.Reply r = ask(Arrays.copyOf(q, 12));
        assertEquals(1, r.rcode());
        assertEquals(0x1234, r.id());
        byte[] status = DnsWire.aaaa(2, NPUB + ".fips");
        status[2] = (byte) (2 << 3);
        DnsWire.Reply s = ask(status);
        assertEquals(4, s.rcode());
        assertEquals(2, s.opcode());
        assertEquals(1, responder.count(DnsOutcome.FORMERR));
        assertEquals(1, responder.count(DnsOutcome.NOTIMP));
    }

    @Test
    @DisplayName("a query cut at every length inside the question is FORMERR, never an exception")
    void truncation() {
        byte[] q = DnsWire.aaaa(1, NPUB + ".fips");
        for (int len = 12; len < q.length; len++) {
            DnsWire.Reply r = ask(Arrays.copyOf(q, len));
            assertEquals(1, r.rcode(), "len=" + len);
        }
        assertEquals(1, ask(q).ancount());
    }

    @Test
    @DisplayName("compression pointers in the question: loops, self and forward pointers are FORMERR")
    void pointerLoops() {
        byte[] header = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[][] names = {
            {(byte) 0xc0, 12},                              // points at itself
            {3, 'a', 'b', 'c', (byte) 0xc0, 12},            // back to its own start: a loop
            {(byte) 0xc0, 20, 0, 0, 0, 0, 0, 0, 3, 'x', 'y', 'z', 0}, // forward
            {(byte) 0xc0, 2},                               // into the header
            {0x40, 1, 'a', 0},                              // extended label type
            {(byte) 0x80, 1, 'a', 0},                       // reserved label type
        };
        for (byte[] name : names) {
            byte[] q = new byte[12 + name.length + 4];
            System.arraycopy(header, 0, q, 0, 12);
            System.arraycopy(name, 0, q, 12, name.length);
            q[q.length - 3] = 28;
            q[q.length - 1] = 1;
            assertEquals(1, ask(q).rcode(), Arrays.toString(name));
        }
    }

    @Test
    @DisplayName("RFC 1035 2.3.4: a name longer than 255 bytes is FORMERR")
    void nameTooLong() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 250) {
            sb.append("abcdefghij.");
        }
        sb.append("fips");
        DnsWire.Reply r = ask(DnsWire.aaaa(1, sb.toString()));
        assertEquals(1, r.rcode());
        // 253 characters (255 bytes in wire form) is still a name: NXDOMAIN, not FORMERR.
        String ok = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".fips";
        assertEquals(253, ok.length());
        assertEquals(3, ask(DnsWire.aaaa(1, ok)).rcode());
    }

    @Test
    @DisplayName("random bytes never throw; every reply is a parseable message")
    void fuzz() {
        Random rnd = new Random(9);
        byte[] seed = DnsWire.aaaa(1, NPUB + ".fips");
        for (int i = 0; i < 20_000; i++) {
            byte[] q;
            if (i % 2 == 0) {
                q = new byte[rnd.nextInt(80)];
                rnd.nextBytes(q);
            } else {
                q = seed.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    q[rnd.nextInt(q.length)] = (byte) rnd.nextInt(256);
                }
            }
            int n = responder.answer(q, 0, q.length, out, 0, 0);
            if (n != DnsResponder.DROP) {
                DnsWire.Reply r = DnsWire.parse(out, n);
                assertTrue(r.qr());
            }
        }
        long total = 0;
        for (int o = 0; o < DnsOutcome.COUNT; o++) {
            total += responder.count(o);
            DnsOutcome.name(o);
        }
        assertEquals(20_000, total);
    }
}
