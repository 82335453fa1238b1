/**
 * The daemon's operator log: one timestamped line per event on stderr, at a
 * level from {@code node.log_level} or {@code FIPS_LOG}. Nothing on the
 * forwarding path logs (STYLE.md rule 9).
 */
package fips.launcher.internal.log;
