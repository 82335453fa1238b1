package fips.sys;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds rtnetlink requests and reads the kernel's replies, in plain Java on
 * a {@link MemorySegment} (native or heap), so every byte can be checked
 * without privileges or a kernel. {@link Rtnetlink} does the I/O.
 *
 * <p>Wire shape (all integers in host byte order, which is little-endian on
 * every architecture {@link Syscalls#available()} accepts):
 * <pre>
 * struct nlmsghdr (16)  len:u32 type:u16 flags:u16 seq:u32 pid:u32
 * family header         ifinfomsg (16) | ifaddrmsg (8) | rtmsg (12) | fib_rule_hdr (12)
 * attributes            { len:u16 type:u16 value[len-4] } each padded to 4 bytes
 * </pre>
 * An attribute's {@code rta_len} counts its header and value but not the
 * padding to the next 4-byte boundary ({@code RTA_ALIGN}); {@code nlmsg_len}
 * counts everything up to the end of the last attribute's padding, as the
 * kernel and iproute2 build it. Messages in a reply buffer start at 4-byte
 * aligned offsets ({@code NLMSG_ALIGN}).
 *
 * <p>Readers validate every length against the bytes actually received and
 * throw {@link MalformedReplyException} naming the offset and the value, so a
 * truncated or corrupt reply never reads out of bounds.
 */
final class NetlinkCodec {
    // ---- <linux/netlink.h> ----
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    /** In a dump reply: the dump was interrupted by a change and may be inconsistent. */
    static final int NLM_F_DUMP_INTR = 0x10;
    /** {@code NLM_F_ROOT | NLM_F_MATCH}: return every object. */
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    /** On NLMSG_ERROR: the echoed request is only its header. */
    static final int NLM_F_CAPPED = 0x100;
    /** On NLMSG_ERROR: extended-ACK attributes follow the echoed request. */
    static final int NLM_F_ACK_TLVS = 0x200;
    /** {@code NLMSGERR_ATTR_MSG}: the kernel's text for the error (NUL-terminated). */
    static final int NLMSGERR_ATTR_MSG = 1;

    // ---- <linux/rtnetlink.h> message types ----
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;

    // ---- family headers ----
    static final int AF_UNSPEC = 0;
    static final int AF_INET6 = 10;
    /** {@code struct ifinfomsg}: family:u8 pad:u8 type:u16 index:s32 flags:u32 change:u32. */
    static final int IFINFOMSG_LEN = 16;
    /** {@code struct ifaddrmsg}: family:u8 prefixlen:u8 flags:u8 scope:u8 index:u32. */
    static final int IFADDRMSG_LEN = 8;
    /** {@code struct rtmsg}: family dst_len src_len tos table protocol scope type (u8 each), flags:u32. */
    static final int RTMSG_LEN = 12;
    /** {@code struct fib_rule_hdr}: family dst_len src_len tos table res1 res2 action (u8 each), flags:u32. */
    static final int FIB_RULE_HDR_LEN = 12;
    /** {@code struct nlmsgerr}: error:s32 then the request's nlmsghdr. */
    static final int NLMSGERR_LEN = 4 + NLMSG_HDRLEN;
    static final int RTA_HDRLEN = 4;

    // ---- <linux/if.h>, <linux/if_link.h> ----
    static final int IFF_UP = 0x1;
    /** linux/if.h: IFF_RUNNING, operationally up (carrier on). */
    static final int IFF_RUNNING = 0x40;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;

    // ---- <linux/if_addr.h> ----
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    /** {@code IFA_F_NODAD}: usable at once, no duplicate-address detection (meaningless on a point-to-point TUN). */
    static final int IFA_F_NODAD = 0x02;

    // ---- <linux/rtnetlink.h> route attributes and values ----
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_TABLE = 15;
    static final int RT_TABLE_UNSPEC = 0;
    static final int RT_TABLE_MAIN = 254;
    /** {@code RTPROT_BOOT}: what {@code ip route add} marks routes with. */
    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_UNIVERSE = 0;
    /** {@code RT_SCOPE_NOWHERE}: on delete, match any scope. */
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RTN_UNICAST = 1;

    // ---- <linux/fib_rules.h> ----
    static final int FRA_DST = 1;
    static final int FRA_PRIORITY = 6;
    static final int FRA_TABLE = 15;
    static final int FR_ACT_TO_TBL = 1;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;

    /** A reply that does not parse: lengths beyond the bytes received, short headers or attributes. */
    static final class MalformedReplyException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedReplyException(String message) {
            super(message);
        }
    }

    private NetlinkCodec() {}

    /** {@code NLMSG_ALIGN} / {@code RTA_ALIGN}: rounds up to a multiple of 4. */
    static int align4(int len) {
        return (len + 3) & ~3;
    }

    // ==== encoding ====

    private static void header(MemorySegment b, int type, int flags, int seq) {
        b.set(U32, 0, 0); // length, set by finish()
        b.set(U16, 4, (short) type);
        b.set(U16, 6, (short) flags);
        b.set(U32, 8, seq);
        b.set(U32, 12, 0); // nlmsg_pid: 0 lets the kernel fill in our port id
    }

    private static int finish(MemorySegment b, int len) {
        b.set(U32, 0, len);
        return len;
    }

    /** Writes an attribute at {@code pos}; returns the next attribute's position (after padding). */
    private static int attrU32(MemorySegment b, int pos, int type, int value) {
        b.set(U16, pos, (short) (RTA_HDRLEN + 4));
        b.set(U16, pos + 2, (short) type);
        b.set(U32, pos + 4, value);
        return pos + RTA_HDRLEN + 4;
    }

    private static int attrBytes(MemorySegment b, int pos, int type, byte[] value, int off, int len) {
        b.set(U16, pos, (short) (RTA_HDRLEN + len));
        b.set(U16, pos + 2, (short) type);
        MemorySegment.copy(value, off, b, U8, pos + RTA_HDRLEN, len);
        int end = pos + align4(RTA_HDRLEN + len);
        b.asSlice(pos + RTA_HDRLEN + len, end - pos - RTA_HDRLEN - len).fill((byte) 0);
        return end;
    }

    private static int attrString(MemorySegment b, int pos, int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[s.length + 1]; // NUL-terminated
        System.arraycopy(s, 0, z, 0, s.length);
        return attrBytes(b, pos, type, z, 0, z.length);
    }

    private static void ifinfomsg(MemorySegment b, int index, int flags, int change) {
        int p = NLMSG_HDRLEN;
        b.set(U8, p, (byte) AF_UNSPEC);
        b.set(U8, p + 1, (byte) 0);
        b.set(U16, p + 2, (short) 0); // ifi_type
        b.set(U32, p + 4, index);
        b.set(U32, p + 8, flags);
        b.set(U32, p + 12, change);
    }

    /** RTM_NEWLINK on an existing link setting {@code IFLA_MTU}; asks for an ACK. */
    static int encodeSetMtu(MemorySegment b, int seq, int ifindex, int mtu) {
        header(b, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(b, ifindex, 0, 0);
        return finish(b, attrU32(b, NLMSG_HDRLEN + IFINFOMSG_LEN, IFLA_MTU, mtu));
    }

    /** RTM_NEWLINK changing only {@code IFF_UP} ({@code ifi_change} masks the flags changed). */
    static int encodeSetUp(MemorySegment b, int seq, int ifindex, boolean up) {
        header(b, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(b, ifindex, up ? IFF_UP : 0, IFF_UP);
        return finish(b, NLMSG_HDRLEN + IFINFOMSG_LEN);
    }

    /** RTM_GETLINK for one link by index; the answer is one RTM_NEWLINK, then the ACK. */
    static int encodeGetLink(MemorySegment b, int seq, int ifindex) {
        header(b, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(b, ifindex, 0, 0);
        return finish(b, NLMSG_HDRLEN + IFINFOMSG_LEN);
    }

    /** RTM_GETLINK for one link by name ({@code ifi_index} 0, {@code IFLA_IFNAME}). */
    static int encodeGetLinkByName(MemorySegment b, int seq, String name) {
        header(b, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(b, 0, 0, 0);
        return finish(b, attrString(b, NLMSG_HDRLEN + IFINFOMSG_LEN, IFLA_IFNAME, name));
    }

    /**
     * RTM_NEWADDR (create, fail if present) or RTM_DELADDR of an IPv6 address,
     * with {@code IFA_LOCAL} and {@code IFA_ADDRESS} both set to it as
     * {@code ip -6 addr add} sends them. An added address is
     * {@link #IFA_F_NODAD}, so it is never tentative: a socket can bind to it
     * as soon as the ACK arrives.
     */
    static int encodeAddress6(MemorySegment b, int seq, boolean add, int ifindex, byte[] addr16, int prefixLen) {
        header(b, add ? RTM_NEWADDR : RTM_DELADDR,
                add ? NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL : NLM_F_REQUEST | NLM_F_ACK, seq);
        int p = NLMSG_HDRLEN;
        b.set(U8, p, (byte) AF_INET6);
        b.set(U8, p + 1, (byte) prefixLen);
        b.set(U8, p + 2, (byte) (add ? IFA_F_NODAD : 0)); // ifa_flags
        b.set(U8, p + 3, (byte) RT_SCOPE_UNIVERSE);
        b.set(U32, p + 4, ifindex);
        int pos = attrBytes(b, p + IFADDRMSG_LEN, IFA_LOCAL, addr16, 0, 16);
        return finish(b, attrBytes(b, pos, IFA_ADDRESS, addr16, 0, 16));
    }

    /**
     * RTM_NEWROUTE (create, fail if present) or RTM_DELROUTE of an IPv6 route
     * to {@code prefix16/prefixLen} out of {@code ifindex} in {@code table},
     * shaped as {@code ip -6 route add/del PREFIX dev IF table T} sends it:
     * {@code RTA_TABLE} only for tables above 255, which {@code rtm_table} cannot hold.
     */
    static int encodeRoute6(MemorySegment b, int seq, boolean add, int ifindex, byte[] prefix16, int prefixLen,
            int table) {
        header(b, add ? RTM_NEWROUTE : RTM_DELROUTE,
                add ? NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL : NLM_F_REQUEST | NLM_F_ACK, seq);
        int p = NLMSG_HDRLEN;
        b.set(U8, p, (byte) AF_INET6);
        b.set(U8, p + 1, (byte) prefixLen);
        b.set(U8, p + 2, (byte) 0); // rtm_src_len
        b.set(U8, p + 3, (byte) 0); // rtm_tos
        b.set(U8, p + 4, (byte) (table < 256 ? table : RT_TABLE_UNSPEC));
        b.set(U8, p + 5, (byte) (add ? RTPROT_BOOT : 0));
        b.set(U8, p + 6, (byte) (add ? RT_SCOPE_UNIVERSE : RT_SCOPE_NOWHERE));
        b.set(U8, p + 7, (byte) (add ? RTN_UNICAST : 0));
        b.set(U32, p + 8, 0); // rtm_flags
        int pos = attrBytes(b, p + RTMSG_LEN, RTA_DST, prefix16, 0, 16);
        pos = attrU32(b, pos, RTA_OIF, ifindex);
        if (table >= 256) {
            pos = attrU32(b, pos, RTA_TABLE, table);
        }
        return finish(b, pos);
    }

    /**
     * RTM_NEWRULE (create, fail if an identical rule exists) or RTM_DELRULE of
     * an IPv6 policy rule {@code to dst16/dstLen lookup table priority P}
     * ({@code FR_ACT_TO_TBL}); {@code dstLen} 0 means "to all" and sends no
     * {@code FRA_DST}. The table goes in the header when it fits a byte and
     * always in {@code FRA_TABLE}.
     */
    static int encodeRule6(MemorySegment b, int seq, boolean add, byte[] dst16, int dstLen, int priority, int table) {
        header(b, add ? RTM_NEWRULE : RTM_DELRULE,
                add ? NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL : NLM_F_REQUEST | NLM_F_ACK, seq);
        int p = NLMSG_HDRLEN;
        b.set(U8, p, (byte) AF_INET6);
        b.set(U8, p + 1, (byte) dstLen);
        b.set(U8, p + 2, (byte) 0); // src_len
        b.set(U8, p + 3, (byte) 0); // tos
        b.set(U8, p + 4, (byte) (table < 256 ? table : RT_TABLE_UNSPEC));
        b.set(U8, p + 5, (byte) 0); // res1
        b.set(U8, p + 6, (byte) 0); // res2
        b.set(U8, p + 7, (byte) FR_ACT_TO_TBL);
        b.set(U32, p + 8, 0); // flags
        int pos = p + FIB_RULE_HDR_LEN;
        if (dstLen > 0) {
            pos = attrBytes(b, pos, FRA_DST, dst16, 0, 16);
        }
        pos = attrU32(b, pos, FRA_PRIORITY, priority);
        pos = attrU32(b, pos, FRA_TABLE, table);
        return finish(b, pos);
    }

    /**
     * A dump request ({@code NLM_F_DUMP}, no ACK: the reply ends with
     * NLMSG_DONE) for RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE or RTM_GETRULE,
     * with a zeroed family header of the type's size naming only the family.
     */
    static int encodeDump(MemorySegment b, int seq, int type, int family) {
        int familyHeaderLen = switch (type) {
            case RTM_GETLINK -> IFINFOMSG_LEN;
            case RTM_GETADDR -> IFADDRMSG_LEN;
            case RTM_GETROUTE -> RTMSG_LEN;
            case RTM_GETRULE -> FIB_RULE_HDR_LEN;
            default -> throw new IllegalArgumentException("not a dump type: type=" + type);
        };
        header(b, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
        b.asSlice(NLMSG_HDRLEN, familyHeaderLen).fill((byte) 0);
        b.set(U8, NLMSG_HDRLEN, (byte) family);
        return finish(b, NLMSG_HDRLEN + familyHeaderLen);
    }

    // ==== decoding ====

    /**
     * Checks the message header at {@code off} against the {@code end} of the
     * bytes received; returns its {@code nlmsg_len}.
     */
    static int checkMessage(MemorySegment b, int off, int end) throws MalformedReplyException {
        if (end - off < NLMSG_HDRLEN) {
            throw new MalformedReplyException("netlink message header truncated: " + (end - off)
                    + " bytes at offset " + off + ", need " + NLMSG_HDRLEN);
        }
        int len = b.get(U32, off);
        if (len < NLMSG_HDRLEN || len > end - off) {
            throw new MalformedReplyException("nlmsg_len=" + Integer.toUnsignedString(len) + " at offset " + off
                    + " does not fit the " + (end - off) + " bytes left");
        }
        return len;
    }

    /** Offset of the message after one of {@code len} bytes at {@code off}. */
    static int nextMessage(int off, int len) {
        return off + align4(len);
    }

    static int type(MemorySegment b, int off) {
        return b.get(U16, off + 4) & 0xffff;
    }

    static int flags(MemorySegment b, int off) {
        return b.get(U16, off + 6) & 0xffff;
    }

    static int seq(MemorySegment b, int off) {
        return b.get(U32, off + 8);
    }

    /**
     * The error of an NLMSG_ERROR message: 0 for an ACK, else a negative
     * errno. The message must hold at least the error and the echoed header.
     */
    static int error(MemorySegment b, int off, int len) throws MalformedReplyException {
        if (len < NLMSG_HDRLEN + NLMSGERR_LEN) {
            throw new MalformedReplyException("NLMSG_ERROR of nlmsg_len=" + len + " at offset " + off
                    + ", need " + (NLMSG_HDRLEN + NLMSGERR_LEN));
        }
        return b.get(U32, off + NLMSG_HDRLEN);
    }

    /**
     * The kernel's text for an error ({@code NLMSGERR_ATTR_MSG}, present when
     * the socket has {@code NETLINK_EXT_ACK} and the message has
     * {@link #NLM_F_ACK_TLVS}), or {@code null}. The attributes follow the
     * echoed request: its header only if {@link #NLM_F_CAPPED}, else all of it.
     */
    static String extAckMessage(MemorySegment b, int off, int len) throws MalformedReplyException {
        error(b, off, len); // length check
        int flags = flags(b, off);
        if ((flags & NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        int echoed = NLMSG_HDRLEN;
        if ((flags & NLM_F_CAPPED) == 0) {
            echoed = b.get(U32, off + NLMSG_HDRLEN + 4);
            if (echoed < NLMSG_HDRLEN || echoed > len - NLMSG_HDRLEN - 4) {
                throw new MalformedReplyException("NLMSG_ERROR at offset " + off + " echoes nlmsg_len=" + echoed
                        + " beyond its own nlmsg_len=" + len);
            }
        }
        int start = off + NLMSG_HDRLEN + 4 + align4(echoed);
        int end = off + len;
        for (int a = start; a < end; ) {
            int alen = attrLen(b, a, end);
            if (attrType(b, a) == NLMSGERR_ATTR_MSG) {
                return cString(b, a + RTA_HDRLEN, alen - RTA_HDRLEN);
            }
            a += align4(alen);
        }
        return null;
    }

    /**
     * Checks the attribute at {@code a} against {@code end}; returns its
     * {@code rta_len}. A padding-only tail shorter than a header is allowed by
     * callers looping with {@code a < end} only when it is zero bytes.
     */
    static int attrLen(MemorySegment b, int a, int end) throws MalformedReplyException {
        if (end - a < RTA_HDRLEN) {
            throw new MalformedReplyException("attribute header truncated: " + (end - a) + " bytes at offset " + a);
        }
        int alen = b.get(U16, a) & 0xffff;
        if (alen < RTA_HDRLEN || alen > end - a) {
            throw new MalformedReplyException("rta_len=" + alen + " at offset " + a + " does not fit the "
                    + (end - a) + " bytes left");
        }
        return alen;
    }

    /** The attribute type without the {@code NLA_F_NESTED} / {@code NLA_F_NET_BYTEORDER} bits. */
    static int attrType(MemorySegment b, int a) {
        return b.get(U16, a + 2) & 0x3fff;
    }

    private static int attrU32Value(MemorySegment b, int a, int alen, String name) throws MalformedReplyException {
        if (alen < RTA_HDRLEN + 4) {
            throw new MalformedReplyException(name + " of rta_len=" + alen + " at offset " + a + ", need 8");
        }
        return b.get(U32, a + RTA_HDRLEN);
    }

    private static byte[] attrAddr16(MemorySegment b, int a, int alen, String name) throws MalformedReplyException {
        if (alen < RTA_HDRLEN + 16) {
            throw new MalformedReplyException(name + " of rta_len=" + alen + " at offset " + a
                    + ", need 20 for an IPv6 address");
        }
        byte[] out = new byte[16];
        MemorySegment.copy(b, U8, a + RTA_HDRLEN, out, 0, 16);
        return out;
    }

    private static String cString(MemorySegment b, int off, int max) {
        int n = 0;
        while (n < max && b.get(U8, off + n) != 0) {
            n++;
        }
        byte[] s = new byte[n];
        MemorySegment.copy(b, U8, off, s, 0, n);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static void requirePayload(int len, int need, String what, int off) throws MalformedReplyException {
        if (len < NLMSG_HDRLEN + need) {
            throw new MalformedReplyException(what + " of nlmsg_len=" + len + " at offset " + off + ", need "
                    + (NLMSG_HDRLEN + need));
        }
    }

    /** An RTM_NEWLINK message: index, flags, {@code IFLA_IFNAME}, {@code IFLA_MTU}. */
    static Rtnetlink.Link decodeLink(MemorySegment b, int off, int len) throws MalformedReplyException {
        requirePayload(len, IFINFOMSG_LEN, "RTM_NEWLINK", off);
        int p = off + NLMSG_HDRLEN;
        int index = b.get(U32, p + 4);
        int flags = b.get(U32, p + 8);
        String name = "";
        int mtu = 0;
        int end = off + len;
        for (int a = p + IFINFOMSG_LEN; a < end; ) {
            int alen = attrLen(b, a, end);
            switch (attrType(b, a)) {
                case IFLA_IFNAME -> name = cString(b, a + RTA_HDRLEN, alen - RTA_HDRLEN);
                case IFLA_MTU -> mtu = attrU32Value(b, a, alen, "IFLA_MTU");
                default -> { }
            }
            a += align4(alen);
        }
        return new Rtnetlink.Link(index, name, mtu, flags);
    }

    /** An RTM_NEWADDR message, or {@code null} if it is not IPv6 or has no address. */
    static Rtnetlink.Address6 decodeAddress6(MemorySegment b, int off, int len) throws MalformedReplyException {
        requirePayload(len, IFADDRMSG_LEN, "RTM_NEWADDR", off);
        int p = off + NLMSG_HDRLEN;
        if ((b.get(U8, p) & 0xff) != AF_INET6) {
            return null;
        }
        int prefixLen = b.get(U8, p + 1) & 0xff;
        int index = b.get(U32, p + 4);
        byte[] address = null;
        byte[] local = null;
        int end = off + len;
        for (int a = p + IFADDRMSG_LEN; a < end; ) {
            int alen = attrLen(b, a, end);
            switch (attrType(b, a)) {
                case IFA_ADDRESS -> address = attrAddr16(b, a, alen, "IFA_ADDRESS");
                case IFA_LOCAL -> local = attrAddr16(b, a, alen, "IFA_LOCAL");
                default -> { }
            }
            a += align4(alen);
        }
        byte[] addr = local != null ? local : address;
        return addr == null ? null : new Rtnetlink.Address6(index, addr, prefixLen);
    }

    /** An RTM_NEWROUTE message, or {@code null} if it is not IPv6. */
    static Rtnetlink.Route6 decodeRoute6(MemorySegment b, int off, int len) throws MalformedReplyException {
        requirePayload(len, RTMSG_LEN, "RTM_NEWROUTE", off);
        int p = off + NLMSG_HDRLEN;
        if ((b.get(U8, p) & 0xff) != AF_INET6) {
            return null;
        }
        int dstLen = b.get(U8, p + 1) & 0xff;
        int table = b.get(U8, p + 4) & 0xff;
        byte[] dst = new byte[16];
        int oif = 0;
        int end = off + len;
        for (int a = p + RTMSG_LEN; a < end; ) {
            int alen = attrLen(b, a, end);
            switch (attrType(b, a)) {
                case RTA_DST -> dst = attrAddr16(b, a, alen, "RTA_DST");
                case RTA_OIF -> oif = attrU32Value(b, a, alen, "RTA_OIF");
                case RTA_TABLE -> table = attrU32Value(b, a, alen, "RTA_TABLE");
                default -> { }
            }
            a += align4(alen);
        }
        return new Rtnetlink.Route6(dst, dstLen, oif, table);
    }

    /** An RTM_NEWRULE message, or {@code null} if it is not IPv6. */
    static Rtnetlink.Rule6 decodeRule6(MemorySegment b, int off, int len) throws MalformedReplyException {
        requirePayload(len, FIB_RULE_HDR_LEN, "RTM_NEWRULE", off);
        int p = off + NLMSG_HDRLEN;
        if ((b.get(U8, p) & 0xff) != AF_INET6) {
            return null;
        }
        int dstLen = b.get(U8, p + 1) & 0xff;
        int table = b.get(U8, p + 4) & 0xff;
        byte[] dst = new byte[16];
        int priority = 0;
        int end = off + len;
        for (int a = p + FIB_RULE_HDR_LEN; a < end; ) {
            int alen = attrLen(b, a, end);
            switch (attrType(b, a)) {
                case FRA_DST -> dst = attrAddr16(b, a, alen, "FRA_DST");
                case FRA_PRIORITY -> priority = attrU32Value(b, a, alen, "FRA_PRIORITY");
                case FRA_TABLE -> table = attrU32Value(b, a, alen, "FRA_TABLE");
                default -> { }
            }
            a += align4(alen);
        }
        return new Rtnetlink.Rule6(dst, dstLen, priority, table);
    }
}
