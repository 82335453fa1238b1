/**
 * Tests of the DNS responder (INTEROP.md 9.6): {@code DnsResponderTest} parses
 * every reply with {@code DnsWire}, written from RFC 1035 independently;
 * {@code HostsFileTest} (every rejection rule, the packaged hosts file),
 * {@code HostsReloaderTest} (mtime change, removal), {@code DnsServerTest}
 * (a real UDP client on 127.0.0.1, ephemeral port).
 */
package fips.ipv6.dns;
