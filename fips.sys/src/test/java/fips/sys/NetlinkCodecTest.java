package fips.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Byte-for-byte rtnetlink requests and reply parsing, in plain Java (no
 * kernel, no privileges). The expected bytes are written out from the
 * kernel's struct definitions ({@code <linux/netlink.h>},
 * {@code <linux/rtnetlink.h>}, {@code <linux/if_addr.h>},
 * {@code <linux/fib_rules.h>}), little-endian as on the machines we build for.
 */
class NetlinkCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] FD12_1 = HEX.parseHex("fd123456789a00000000000000000001");
    private static final byte[] FD00 = HEX.parseHex("fd000000000000000000000000000000");

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the expected bytes below are little-endian");
        }
    }

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    private static byte[] encoded(MemorySegment b, int len) {
        assertEquals(0, len % 4, "nlmsg_len is a multiple of 4 here (NLA_ALIGN)");
        assertEquals(len, b.get(ValueLayout.JAVA_INT_UNALIGNED, 0), "nlmsg_len field");
        return b.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
    }

    private static MemorySegment buf() {
        MemorySegment b = MemorySegment.ofArray(new byte[256]);
        b.fill((byte) 0xee); // stale bytes must not leak into a request
        return b;
    }

    @Test
    @DisplayName("RTM_NEWLINK setting IFLA_MTU (INTEROP.md 9.2: TUN MTU 1280)")
    void setMtu() {
        MemorySegment b = buf();
        int len = NetlinkCodec.encodeSetMtu(b, 7, 5, 1280);
        assertArrayEquals(hex("""
                28000000 1000 0500 07000000 00000000
                00 00 0000 05000000 00000000 00000000
                0800 0400 00050000"""), encoded(b, len));
    }

    @Test
    @DisplayName("RTM_NEWLINK up/down: IFF_UP in ifi_flags, ifi_change masks only IFF_UP")
    void setUp() {
        MemorySegment b = buf();
        assertArrayEquals(hex("""
                20000000 1000 0500 01000000 00000000
                00 00 0000 03000000 01000000 01000000"""), encoded(b, NetlinkCodec.encodeSetUp(b, 1, 3, true)));
        assertArrayEquals(hex("""
                20000000 1000 0500 02000000 00000000
                00 00 0000 03000000 00000000 01000000"""), encoded(b, NetlinkCodec.encodeSetUp(b, 2, 3, false)));
    }

    @Test
    @DisplayName("RTM_GETLINK by name: NUL-terminated IFLA_IFNAME, rta_len 10 padded to 12")
    void getLinkByName() {
        MemorySegment b = buf();
        assertArrayEquals(hex("""
                2c000000 1200 0500 02000000 00000000
                00 00 0000 00000000 00000000 00000000
                0a00 0300 6669707330 00 0000"""), encoded(b, NetlinkCodec.encodeGetLinkByName(b, 2, "fips0")));
        // a 15-character name plus NUL is 16 bytes: rta_len 20, no padding
        int len = NetlinkCodec.encodeGetLinkByName(b, 3, "abcdefghijklmno");
        assertEquals(16 + 16 + 20, len);
        assertEquals(20, b.get(ValueLayout.JAVA_SHORT_UNALIGNED, 32));
        assertArrayEquals(hex("""
                20000000 1200 0500 04000000 00000000
                00 00 0000 09000000 00000000 00000000"""), encoded(b, NetlinkCodec.encodeGetLink(b, 4, 9)));
    }

    @Test
    @DisplayName("RTM_NEWADDR of the node's FIPS address /128 (INTEROP.md 9.2): IFA_F_NODAD, IFA_LOCAL and IFA_ADDRESS, CREATE|EXCL")
    void addAddress6() {
        MemorySegment b = buf();
        assertArrayEquals(hex("""
                40000000 1400 0506 03000000 00000000
                0a 80 02 00 04000000
                1400 0200 fd123456789a00000000000000000001
                1400 0100 fd123456789a00000000000000000001"""),
                encoded(b, NetlinkCodec.encodeAddress6(b, 3, true, 4, FD12_1, 128)));
        assertArrayEquals(hex("""
                40000000 1500 0500 04000000 00000000
                0a 80 00 00 04000000
                1400 0200 fd123456789a00000000000000000001
                1400 0100 fd123456789a00000000000000000001"""),
                encoded(b, NetlinkCodec.encodeAddress6(b, 4, false, 4, FD12_1, 128)));
    }

    @Test
    @DisplayName("RTM_NEWROUTE fd00::/8 dev TUN in main (INTEROP.md 9.2): rtmsg, RTA_DST, RTA_OIF")
    void route6() {
        MemorySegment b = buf();
        assertArrayEquals(hex("""
                38000000 1800 0506 04000000 00000000
                0a 08 00 00 fe 03 00 01 00000000
                1400 0100 fd000000000000000000000000000000
                0800 0400 04000000"""),
                encoded(b, NetlinkCodec.encodeRoute6(b, 4, true, 4, FD00, 8, NetlinkCodec.RT_TABLE_MAIN)));
        // delete: protocol, type unspecified and scope NOWHERE match whatever was added
        assertArrayEquals(hex("""
                38000000 1900 0500 05000000 00000000
                0a 08 00 00 fe 00 ff 00 00000000
                1400 0100 fd000000000000000000000000000000
                0800 0400 04000000"""),
                encoded(b, NetlinkCodec.encodeRoute6(b, 5, false, 4, FD00, 8, NetlinkCodec.RT_TABLE_MAIN)));
        // a table above 255: rtm_table RT_TABLE_UNSPEC plus RTA_TABLE
        assertArrayEquals(hex("""
                40000000 1800 0506 06000000 00000000
                0a 08 00 00 00 03 00 01 00000000
                1400 0100 fd000000000000000000000000000000
                0800 0400 04000000
                0800 0f00 e8030000"""),
                encoded(b, NetlinkCodec.encodeRoute6(b, 6, true, 4, FD00, 8, 1000)));
    }

    @Test
    @DisplayName("RTM_NEWRULE to fd00::/8 lookup main priority 5265 (INTEROP.md 9.2): FRA_DST, FRA_PRIORITY, FRA_TABLE")
    void rule6() {
        MemorySegment b = buf();
        assertArrayEquals(hex("""
                40000000 2000 0506 05000000 00000000
                0a 08 00 00 fe 00 00 01 00000000
                1400 0100 fd000000000000000000000000000000
                0800 0600 91140000
                0800 0f00 fe000000"""),
                encoded(b, NetlinkCodec.encodeRule6(b, 5, true, FD00, 8, 5265, NetlinkCodec.RT_TABLE_MAIN)));
        assertArrayEquals(hex("""
                2c000000 2100 0500 06000000 00000000
                0a 00 00 00 00 00 00 01 00000000
                0800 0600 e8030000
                0800 0f00 39300000"""),
                encoded(b, NetlinkCodec.encodeRule6(b, 6, false, new byte[16], 0, 1000, 12345)));
    }

    @Test
    @DisplayName("dump requests: NLM_F_REQUEST|NLM_F_DUMP, a zeroed family header of the right size")
    void dumps() {
        MemorySegment b = buf();
        assertArrayEquals(hex("18000000 1600 0103 09000000 00000000 0a000000 00000000"),
                encoded(b, NetlinkCodec.encodeDump(b, 9, NetlinkCodec.RTM_GETADDR, NetlinkCodec.AF_INET6)));
        assertEquals(32, NetlinkCodec.encodeDump(b, 1, NetlinkCodec.RTM_GETLINK, NetlinkCodec.AF_UNSPEC));
        assertEquals(28, NetlinkCodec.encodeDump(b, 1, NetlinkCodec.RTM_GETROUTE, NetlinkCodec.AF_INET6));
        assertEquals(28, NetlinkCodec.encodeDump(b, 1, NetlinkCodec.RTM_GETRULE, NetlinkCodec.AF_INET6));
        assertArrayEquals(hex("1c000000 2200 0103 01000000 00000000 0a000000 00000000 00000000"), encoded(b, 28));
        assertThrows(IllegalArgumentException.class, () -> NetlinkCodec.encodeDump(b, 1, NetlinkCodec.RTM_NEWLINK, 0));
    }

    // ---- replies ----

    /** Builds reply messages the way the kernel does (nlmsg_len includes attribute padding). */
    private static final class Reply {
        private final MemorySegment b = MemorySegment.ofArray(new byte[4096]);
        private int pos;
        private int start;

        Reply begin(int type, int flags, int seq) {
            start = pos;
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, pos + 4, (short) type);
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, pos + 6, (short) flags);
            b.set(ValueLayout.JAVA_INT_UNALIGNED, pos + 8, seq);
            b.set(ValueLayout.JAVA_INT_UNALIGNED, pos + 12, 1234);
            pos += 16;
            return this;
        }

        Reply bytes(byte... v) {
            MemorySegment.copy(v, 0, b, ValueLayout.JAVA_BYTE, pos, v.length);
            pos += v.length;
            return this;
        }

        Reply u32(int v) {
            b.set(ValueLayout.JAVA_INT_UNALIGNED, pos, v);
            pos += 4;
            return this;
        }

        Reply attr(int type, byte... v) {
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, pos, (short) (4 + v.length));
            b.set(ValueLayout.JAVA_SHORT_UNALIGNED, pos + 2, (short) type);
            pos += 4;
            bytes(v);
            pos = NetlinkCodec.align4(pos);
            return this;
        }

        Reply attrU32(int type, int v) {
            return attr(type, (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24));
        }

        Reply end() {
            b.set(ValueLayout.JAVA_INT_UNALIGNED, start, pos - start);
            return this;
        }

        MemorySegment segment() {
            return b.asSlice(0, pos);
        }
    }

    private static Reply linkReply(int seq) {
        return new Reply().begin(NetlinkCodec.RTM_NEWLINK, NetlinkCodec.NLM_F_MULTI, seq)
                .bytes(new byte[] {0, 0, (byte) 0xfe, 0xffffffff}).u32(7).u32(0x1091).u32(0) // ARPHRD_NONE, index 7, UP
                .attr(NetlinkCodec.IFLA_IFNAME, "fips0\0".getBytes())
                .attrU32(NetlinkCodec.IFLA_MTU, 1280)
                .attr(0x8000 | 26, new byte[] {1, 2, 3}) // an unknown nested attribute is skipped
                .end();
    }

    @Test
    @DisplayName("RTM_NEWLINK reply: index, flags, IFLA_IFNAME, IFLA_MTU; unknown attributes skipped")
    void decodeLink() throws Exception {
        MemorySegment m = linkReply(3).segment();
        int len = NetlinkCodec.checkMessage(m, 0, (int) m.byteSize());
        assertEquals(m.byteSize(), len);
        assertEquals(NetlinkCodec.RTM_NEWLINK, NetlinkCodec.type(m, 0));
        assertEquals(3, NetlinkCodec.seq(m, 0));
        Rtnetlink.Link link = NetlinkCodec.decodeLink(m, 0, len);
        assertEquals(new Rtnetlink.Link(7, "fips0", 1280, 0x1091), link);
        assertTrue(link.up());
    }

    @Test
    @DisplayName("RTM_NEWADDR, RTM_NEWROUTE and RTM_NEWRULE replies decode; IPv4 ones are skipped")
    void decodeAddressRouteRule() throws Exception {
        MemorySegment a = new Reply().begin(NetlinkCodec.RTM_NEWADDR, 2, 1)
                .bytes((byte) 10, (byte) 128, (byte) 0x80, (byte) 0).u32(7)
                .attr(NetlinkCodec.IFA_ADDRESS, FD12_1).attrU32(8, 0x80).end().segment();
        assertEquals("fd12:3456:789a::1/128 ifindex=7",
                NetlinkCodec.decodeAddress6(a, 0, (int) a.byteSize()).toString());
        MemorySegment v4 = new Reply().begin(NetlinkCodec.RTM_NEWADDR, 2, 1)
                .bytes((byte) 2, (byte) 8, (byte) 0, (byte) 0).u32(1).attr(NetlinkCodec.IFA_ADDRESS, new byte[] {127, 0, 0, 1})
                .end().segment();
        assertNull(NetlinkCodec.decodeAddress6(v4, 0, (int) v4.byteSize()));

        MemorySegment r = new Reply().begin(NetlinkCodec.RTM_NEWROUTE, 2, 1)
                .bytes((byte) 10, (byte) 8, (byte) 0, (byte) 0, (byte) 254, (byte) 3, (byte) 0, (byte) 1).u32(0)
                .attrU32(NetlinkCodec.RTA_TABLE, 254).attr(NetlinkCodec.RTA_DST, FD00).attrU32(6, 1024)
                .attrU32(NetlinkCodec.RTA_OIF, 7).end().segment();
        assertEquals(new Rtnetlink.Route6(FD00, 8, 7, 254), NetlinkCodec.decodeRoute6(r, 0, (int) r.byteSize()));

        MemorySegment rule = new Reply().begin(NetlinkCodec.RTM_NEWRULE, 2, 1)
                .bytes((byte) 10, (byte) 8, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 1).u32(0)
                .attrU32(NetlinkCodec.FRA_TABLE, 100000).attrU32(NetlinkCodec.FRA_PRIORITY, 5265)
                .attr(NetlinkCodec.FRA_DST, FD00).end().segment();
        Rtnetlink.Rule6 decoded = NetlinkCodec.decodeRule6(rule, 0, (int) rule.byteSize());
        assertEquals(new Rtnetlink.Rule6(FD00, 8, 5265, 100000), decoded);
        assertEquals("priority 5265: to fd00::/8 lookup 100000", decoded.toString());
    }

    @Test
    @DisplayName("NLMSG_ERROR: 0 is an ACK, a negative errno a failure; extended-ACK text, capped or not")
    void errors() throws Exception {
        MemorySegment ack = new Reply().begin(NetlinkCodec.NLMSG_ERROR, NetlinkCodec.NLM_F_CAPPED, 5)
                .u32(0).bytes(new byte[16]).end().segment();
        assertEquals(0, NetlinkCodec.error(ack, 0, 36));
        assertNull(NetlinkCodec.extAckMessage(ack, 0, 36));

        MemorySegment capped = new Reply()
                .begin(NetlinkCodec.NLMSG_ERROR, NetlinkCodec.NLM_F_CAPPED | NetlinkCodec.NLM_F_ACK_TLVS, 5)
                .u32(-Errno.EEXIST).bytes(new byte[16])
                .attr(NetlinkCodec.NLMSGERR_ATTR_MSG, "File exists\0".getBytes()).attrU32(2, 20).end().segment();
        int len = (int) capped.byteSize();
        assertEquals(-Errno.EEXIST, NetlinkCodec.error(capped, 0, len));
        assertEquals("File exists", NetlinkCodec.extAckMessage(capped, 0, len));

        // not capped: the whole 24-byte request is echoed before the attributes
        byte[] echoed = new byte[24];
        echoed[0] = 24;
        MemorySegment full = new Reply().begin(NetlinkCodec.NLMSG_ERROR, NetlinkCodec.NLM_F_ACK_TLVS, 5)
                .u32(-Errno.EINVAL).bytes(echoed)
                .attrU32(3, 0).attr(NetlinkCodec.NLMSGERR_ATTR_MSG, "Invalid prefix\0".getBytes()).end().segment();
        assertEquals("Invalid prefix", NetlinkCodec.extAckMessage(full, 0, (int) full.byteSize()));

        // echoed length larger than the error message itself
        echoed[0] = 100;
        MemorySegment lying = new Reply().begin(NetlinkCodec.NLMSG_ERROR, NetlinkCodec.NLM_F_ACK_TLVS, 5)
                .u32(-Errno.EINVAL).bytes(echoed).end().segment();
        NetlinkCodec.MalformedReplyException e = assertThrows(NetlinkCodec.MalformedReplyException.class,
                () -> NetlinkCodec.extAckMessage(lying, 0, (int) lying.byteSize()));
        assertTrue(e.getMessage().contains("nlmsg_len=100"), e.getMessage());

        MemorySegment shortError = new Reply().begin(NetlinkCodec.NLMSG_ERROR, 0, 5).u32(-1).end().segment();
        assertThrows(NetlinkCodec.MalformedReplyException.class, () -> NetlinkCodec.error(shortError, 0, 20));
    }

    /** Walks a reply buffer the way Rtnetlink does and decodes every message; returns the messages decoded. */
    private static List<Object> walk(MemorySegment b, int n) throws NetlinkCodec.MalformedReplyException {
        List<Object> out = new ArrayList<>();
        for (int off = 0; off < n; ) {
            int len = NetlinkCodec.checkMessage(b, off, n);
            switch (NetlinkCodec.type(b, off)) {
                case NetlinkCodec.RTM_NEWLINK -> out.add(NetlinkCodec.decodeLink(b, off, len));
                case NetlinkCodec.RTM_NEWADDR -> out.add(NetlinkCodec.decodeAddress6(b, off, len));
                case NetlinkCodec.RTM_NEWROUTE -> out.add(NetlinkCodec.decodeRoute6(b, off, len));
                case NetlinkCodec.RTM_NEWRULE -> out.add(NetlinkCodec.decodeRule6(b, off, len));
                case NetlinkCodec.NLMSG_ERROR -> {
                    out.add(NetlinkCodec.error(b, off, len));
                    out.add(NetlinkCodec.extAckMessage(b, off, len));
                }
                default -> out.add("type " + NetlinkCodec.type(b, off));
            }
            off = NetlinkCodec.nextMessage(off, len);
        }
        return out;
    }

    private static MemorySegment sampleDump() {
        return linkReply(9)
                .begin(NetlinkCodec.RTM_NEWADDR, 2, 9).bytes((byte) 10, (byte) 128, (byte) 0, (byte) 0).u32(7)
                .attr(NetlinkCodec.IFA_LOCAL, FD12_1).attr(NetlinkCodec.IFA_ADDRESS, FD12_1).end()
                .begin(NetlinkCodec.RTM_NEWROUTE, 2, 9)
                .bytes((byte) 10, (byte) 8, (byte) 0, (byte) 0, (byte) 254, (byte) 3, (byte) 0, (byte) 1).u32(0)
                .attr(NetlinkCodec.RTA_DST, FD00).attrU32(NetlinkCodec.RTA_OIF, 7).end()
                .begin(NetlinkCodec.RTM_NEWRULE, 2, 9)
                .bytes((byte) 10, (byte) 8, (byte) 0, (byte) 0, (byte) 254, (byte) 0, (byte) 0, (byte) 1).u32(0)
                .attr(NetlinkCodec.FRA_DST, FD00).attrU32(NetlinkCodec.FRA_PRIORITY, 5265).end()
                .begin(NetlinkCodec.NLMSG_ERROR, NetlinkCodec.NLM_F_CAPPED | NetlinkCodec.NLM_F_ACK_TLVS, 9)
                .u32(-Errno.EPERM).bytes(new byte[16]).attr(NetlinkCodec.NLMSGERR_ATTR_MSG, "no\0".getBytes()).end()
                .begin(NetlinkCodec.NLMSG_DONE, 2, 9).u32(0).end()
                .segment();
    }

    @Test
    @DisplayName("a whole dump buffer walks and decodes: link, address, route, rule, error, done")
    void walkWhole() throws Exception {
        MemorySegment b = sampleDump();
        List<Object> out = walk(b, (int) b.byteSize());
        assertEquals(7, out.size(), out.toString());
        assertEquals("fd12:3456:789a::1/128 ifindex=7", out.get(1).toString());
        assertEquals("fd00::/8 oif=7 table=254", out.get(2).toString());
        assertEquals("priority 5265: to fd00::/8 lookup 254", out.get(3).toString());
        assertEquals(-Errno.EPERM, out.get(4));
        assertEquals("no", out.get(5));
    }

    @Test
    @DisplayName("truncation at every length: a clear MalformedReplyException or a clean walk of whole messages")
    void truncatedAtEveryLength() throws Exception {
        MemorySegment whole = sampleDump();
        int total = (int) whole.byteSize();
        List<Integer> boundaries = new ArrayList<>();
        for (int off = 0; off < total; ) {
            boundaries.add(off);
            off = NetlinkCodec.nextMessage(off, whole.get(ValueLayout.JAVA_INT_UNALIGNED, off));
        }
        assertEquals(6, boundaries.size());
        int[] itemsBefore = {0, 1, 2, 3, 4, 6}; // the error message yields two items (errno, text)
        int malformed = 0;
        for (int n = 0; n < total; n++) {
            // a copy of exactly n bytes: any read past them would throw IndexOutOfBoundsException
            MemorySegment cut = MemorySegment.ofArray(whole.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            if (boundaries.contains(n)) {
                assertEquals(itemsBefore[boundaries.indexOf(n)], walk(cut, n).size(), "n=" + n);
            } else {
                final int len = n;
                NetlinkCodec.MalformedReplyException e = assertThrows(NetlinkCodec.MalformedReplyException.class,
                        () -> walk(cut, len), "n=" + n);
                assertFalse(e.getMessage().isEmpty());
                malformed++;
            }
        }
        assertEquals(total - boundaries.size(), malformed);
    }

    @Test
    @DisplayName("corrupt length fields (every message and attribute length set to 0..0xffff edge values) never read out of bounds")
    void corruptLengths() {
        MemorySegment whole = sampleDump();
        int total = (int) whole.byteSize();
        int[] values = {0, 1, 2, 3, 4, 5, 15, 16, 17, 19, 20, 21, 0x7fff, 0xffff};
        int rejected = 0;
        int cases = 0;
        for (int at = 0; at + 2 <= total; at += 2) {
            for (int v : values) {
                byte[] copy = whole.toArray(ValueLayout.JAVA_BYTE);
                MemorySegment m = MemorySegment.ofArray(copy);
                m.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) v);
                cases++;
                try {
                    walk(m, total);
                } catch (NetlinkCodec.MalformedReplyException e) {
                    rejected++;
                }
                // IndexOutOfBoundsException or any other exception fails the test
            }
        }
        assertTrue(rejected > 0 && rejected < cases, "rejected=" + rejected + " of " + cases);
    }

    @Test
    @DisplayName("an attribute too short for its type (IFLA_MTU of 2 bytes, RTA_DST of 4) is malformed, named")
    void shortAttributes() {
        MemorySegment link = new Reply().begin(NetlinkCodec.RTM_NEWLINK, 0, 1).bytes(new byte[16])
                .attr(NetlinkCodec.IFLA_MTU, (byte) 1, (byte) 2).end().segment();
        NetlinkCodec.MalformedReplyException e = assertThrows(NetlinkCodec.MalformedReplyException.class,
                () -> NetlinkCodec.decodeLink(link, 0, (int) link.byteSize()));
        assertTrue(e.getMessage().contains("IFLA_MTU of rta_len=6"), e.getMessage());
        MemorySegment route = new Reply().begin(NetlinkCodec.RTM_NEWROUTE, 0, 1)
                .bytes((byte) 10, (byte) 8, (byte) 0, (byte) 0, (byte) 254, (byte) 3, (byte) 0, (byte) 1).u32(0)
                .attr(NetlinkCodec.RTA_DST, new byte[4]).end().segment();
        e = assertThrows(NetlinkCodec.MalformedReplyException.class,
                () -> NetlinkCodec.decodeRoute6(route, 0, (int) route.byteSize()));
        assertTrue(e.getMessage().contains("RTA_DST"), e.getMessage());
        MemorySegment shortHeader = new Reply().begin(NetlinkCodec.RTM_NEWRULE, 0, 1).bytes(new byte[8]).end().segment();
        e = assertThrows(NetlinkCodec.MalformedReplyException.class,
                () -> NetlinkCodec.decodeRule6(shortHeader, 0, (int) shortHeader.byteSize()));
        assertTrue(e.getMessage().contains("RTM_NEWRULE of nlmsg_len=24"), e.getMessage());
    }

    @Test
    @DisplayName("operator messages: EPERM/EACCES name CAP_NET_ADMIN, EEXIST is alreadyExists()")
    void operatorMessages() {
        NativeException perm = new NativeException("RTM_NEWADDR", "ifindex=3, fd00::1/128", Errno.EPERM,
                NativeException.netAdminHint(Errno.EPERM));
        assertTrue(perm.getMessage().startsWith("RTM_NEWADDR(ifindex=3, fd00::1/128) failed: EPERM"), perm.getMessage());
        assertTrue(perm.getMessage().contains("CAP_NET_ADMIN"), perm.getMessage());
        assertTrue(NativeException.netAdminHint(Errno.EACCES).contains("CAP_NET_ADMIN"));
        assertNull(NativeException.netAdminHint(Errno.EEXIST));
        assertFalse(perm.alreadyExists());
        assertTrue(new NativeException("RTM_NEWROUTE", "x", Errno.EEXIST).alreadyExists());
    }
}
