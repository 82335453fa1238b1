/**
 * The daemon's configuration (reference/configuration.md; STYLE.md rule 15).
 *
 * <ul>
 * <li>{@link fips.launcher.internal.config.YamlLoader}: YAML text to plain
 *     maps, lists and scalars through SnakeYAML's safe constructor, with size,
 *     depth and alias limits.</li>
 * <li>{@link fips.launcher.internal.config.ConfigSources}: which files are
 *     read (the {@code -c} file, or the search path merged low to high) and
 *     where the key files live.</li>
 * <li>{@link fips.launcher.internal.config.ConfigMapper}: plain nodes to the
 *     immutable {@link fips.launcher.internal.config.FipsConfig}; every default
 *     and range check is there, and every key this build does not know or does
 *     not implement is refused with its full path.</li>
 * <li>{@link fips.launcher.internal.config.Section}: the typed reader the
 *     mapper uses, which carries the key path into every message.</li>
 * <li>{@link fips.launcher.internal.config.IdentityResolver}: the node key,
 *     by the precedence of INTEROP.md 1.3.</li>
 * </ul>
 */
package fips.launcher.internal.config;
