/**
 * The {@code .fips} DNS responder and the hosts file (INTEROP.md 9.6;
 * design/fips-ipv6-adapter.md "DNS Integration"; reference/configuration.md
 * {@code dns.*} and "Host Mapping").
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.ipv6.dns.DnsResponder}: the sans-IO core, query bytes in,
 *       reply bytes out, plus the key an AAAA answer resolved.</li>
 *   <li>{@link fips.ipv6.dns.DnsOutcome}: its outcomes and counter names.</li>
 *   <li>{@link fips.ipv6.dns.HostsFile}: parsing of {@code /etc/fips/hosts},
 *       bad lines reported with their number and reason.</li>
 *   <li>{@link fips.ipv6.dns.HostMap}: peer aliases with the hosts file over
 *       them.</li>
 *   <li>{@link fips.ipv6.dns.HostsReloader}: reloads the file when its mtime
 *       changes or it goes away.</li>
 *   <li>{@link fips.ipv6.dns.DnsServer}: the UDP driver thread.</li>
 * </ul>
 */
package fips.ipv6.dns;
