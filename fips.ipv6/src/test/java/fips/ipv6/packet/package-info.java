/**
 * Tests of the packet helpers: {@code InternetChecksumTest} (RFC 1071 against
 * an independent sum and a kernel-built ICMPv6 packet), {@code Icmpv6ErrorsTest}
 * (layouts, the 1280-byte quoting limit, when not to answer; INTEROP.md 9.3),
 * {@code PtbRateLimiterTest} (virtual time), {@code TcpMssClampTest}
 * (INTEROP.md 9.5). {@code TestPackets} builds packets and holds the
 * independent checksum the other tests verify against.
 */
package fips.ipv6.packet;
