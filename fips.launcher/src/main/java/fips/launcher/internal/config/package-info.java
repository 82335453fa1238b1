/**
 * The daemon's configuration (reference/configuration.md; INTEROP.md 1.3, 14;
 * STYLE.md rule 15).
 *
 * <ul>
 * <li>{@link fips.launcher.internal.config.YamlLoader}: YAML text to plain
 *     maps, lists and scalars through SnakeYAML's safe constructor, with size,
 *     depth and alias limits.</li>
 * <li>{@link fips.launcher.internal.config.ConfigSources}: which files are
 *     read (the {@code -c} file, or the search path merged low to high) and
 *     where the key files live.</li>
 * <li>{@link fips.launcher.internal.config.ConfigMapper}: plain nodes to the
 *     immutable {@link fips.launcher.internal.config.FipsConfig}; every key,
 *     default and range check is there. A wrong value or unknown key is an
 *     error naming its path; a valid key asking for a feature this build lacks
 *     is a warning naming its path. It maps the top level, {@code tun},
 *     {@code dns} and {@code gateway} itself and hands the other sections to
 *     {@code NodeSectionMapper} ({@code node.*}), {@code LookupRendezvousMapper}
 *     ({@code node.lookup}, {@code node.rendezvous}, {@code node.discovery}),
 *     {@code TransportsMapper} ({@code transports.*}) and {@code PeersMapper}
 *     ({@code peers[]}); {@code MapperSupport} holds what they share.</li>
 * <li>{@link fips.launcher.internal.config.Section}: the typed reader the
 *     mapper uses, which carries the key path into every message;
 *     {@link fips.launcher.internal.config.Schema}: declared key sets for the
 *     blocks with many plain keys.</li>
 * <li>The records: {@code FipsConfig} (top), {@code IdentityConfig},
 *     {@code NodeConfig} ({@code node.*}) with the session core's own {@code SessionConfig},
 *     {@code ControlConfig}, {@code MmpConfig}, {@code EcnConfig},
 *     {@code RendezvousConfig}, {@code NativeApiConfig}; {@code TunConfig},
 *     {@code DnsConfig}; {@code TransportConfig} with {@code TransportSettings};
 *     {@code PeerConfig}.</li>
 * <li>{@link fips.launcher.internal.config.IdentityResolver}: the node key,
 *     by the precedence of INTEROP.md 1.3.</li>
 * </ul>
 */
package fips.launcher.internal.config;
